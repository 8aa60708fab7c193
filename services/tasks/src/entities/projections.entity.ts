import { Column, Entity, PrimaryColumn } from 'typeorm';
import { fenTransformer } from './transformers';

/** What tasks knows of a case, from cases events. */
@Entity({ name: 'case_ref' })
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

  @Column({ type: 'bigint', name: 'amount_owed_fen', transformer: fenTransformer })
  amountOwedFen: number;

  @Column({ type: 'text' })
  status: 'OPEN' | 'CLOSED';

  @Column({ type: 'text', name: 'closed_outcome', nullable: true })
  closedOutcome: string | null;
}

@Entity({ name: 'case_party' })
export class CasePartyEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @PrimaryColumn({ type: 'uuid', name: 'party_id' })
  partyId: string;

  @PrimaryColumn({ type: 'text' })
  role: 'OBLIGOR' | 'OBLIGEE';
}

/** Name, phone and home division of a party, from people events (SMS recipients, invitation lists). */
@Entity({ name: 'party_ref' })
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
}

/** Village teams, liaisons and other staff, from people events (assignees, SMS recipients). */
@Entity({ name: 'staff_ref' })
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

  @Column({ type: 'boolean' })
  active: boolean;
}
