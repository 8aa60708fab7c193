import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { fenTransformer } from './transformers';

/** What tasks knows of a case, from cases events. */
@Entity({ name: 'case_ref' })
@Check('case_ref_status_check', `status IN ('OPEN', 'CLOSED')`)
// Partial (open cases only).
@Index('case_ref_open_village_idx', { synchronize: false })
export class CaseRefEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text', name: 'case_number' })
  caseNumber: string;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  @Column({ type: 'uuid', name: 'judge_id', nullable: true })
  judgeId: string | null;

  @Column({ type: 'uuid', name: 'officer_id', nullable: true })
  officerId: string | null;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'bigint', name: 'amount_owed_fen', default: 0, transformer: fenTransformer })
  amountOwedFen: number;

  @Column({ type: 'text', default: 'OPEN' })
  status: 'OPEN' | 'CLOSED';

  @Column({ type: 'text', name: 'closed_outcome', nullable: true })
  closedOutcome: string | null;

  /** When the case event that set `status` happened: an older one arriving later changes nothing. */
  @Column({ type: 'timestamptz', name: 'state_as_of', nullable: true })
  stateAsOf: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'case_party' })
@Check('case_party_role_check', `role IN ('OBLIGOR', 'OBLIGEE')`)
@Index('case_party_party_idx', ['partyId'])
export class CasePartyEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @PrimaryColumn({ type: 'text' })
  role: 'OBLIGOR' | 'OBLIGEE';

  /** The case the party belongs to; its rows go with it. */
  @ManyToOne(() => CaseRefEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_party_case_id_fkey' })
  caseRef?: CaseRefEntity;
}

/** Name, phone and home division of a party, from people events (SMS recipients, invitation lists). */
@Entity({ name: 'party_ref' })
@Index('party_ref_village_idx', ['villageCode'])
export class PartyRefEntity {
  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', name: 'home_division_code' })
  homeDivisionCode: string;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** Village teams, liaisons and other staff, from people events (assignees, SMS recipients). */
@Entity({ name: 'staff_ref' })
// Partial (active staff only).
@Index('staff_ref_division_idx', { synchronize: false })
export class StaffRefEntity {
  @PrimaryColumn({ type: 'uuid', name: 'staff_id' })
  staffId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text', name: 'division_code', nullable: true })
  divisionCode: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  department: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** One instalment of a settlement or plan, from `cases.settlement.agreed` (the obligor's reminders). */
@Entity({ name: 'instalment_ref' })
@Check('instalment_ref_status_check', `status IN ('DUE', 'MISSED', 'ENDED')`)
@Index('instalment_ref_case_idx', ['caseId'])
// Partial (instalments due and not yet reminded).
@Index('instalment_ref_due_idx', { synchronize: false })
export class InstalmentRefEntity {
  @PrimaryColumn({ type: 'uuid', name: 'settlement_id' })
  settlementId: string;

  @PrimaryColumn({ type: 'integer' })
  no: number;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fenTransformer })
  amountFen: number;

  /** Payments recorded from then on pay the schedule. */
  @Column({ type: 'timestamptz', name: 'agreed_at' })
  agreedAt: Date;

  /** When the obligors were reminded that it falls due. */
  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  /** DUE until it is missed (MISSED) or the case closes or a new schedule replaces it (ENDED); paid is counted from payment_ref. */
  @Column({ type: 'text', default: 'DUE' })
  status: 'DUE' | 'MISSED' | 'ENDED';
}

/** A payment recorded on a case, from `cases.performance.recorded` (once per performance). */
@Entity({ name: 'payment_ref' })
@Index('payment_ref_case_idx', ['caseId'])
export class PaymentRefEntity {
  @PrimaryColumn({ type: 'uuid', name: 'performance_id' })
  performanceId: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fenTransformer })
  amountFen: number;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
