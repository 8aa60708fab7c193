import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { CaseEntity } from './case.entity';
import { fen } from './columns';

/** An enforcement settlement (执行和解) or an instalment plan (分期履行) with its schedule. */
@Entity({ name: 'settlement' })
@Check('settlement_total_fen_check', 'total_fen > 0')
@Check('settlement_check', 'paid_fen >= 0 AND paid_fen <= total_fen')
@Index('settlement_case_idx', ['caseId', 'agreedAt'])
// At most one active settlement per case (partial: TypeORM cannot compare its condition).
@Index('settlement_one_active_idx', { synchronize: false })
export class SettlementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'settlement_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  kind: 'SETTLEMENT' | 'INSTALMENT_PLAN';

  @Column({ type: 'text' })
  terms: string;

  /** What the obligor agreed to pay under this settlement (may be less than the balance when the obligee waives part). */
  @Column({ type: 'bigint', name: 'total_fen', transformer: fen })
  totalFen: number;

  @Column({ type: 'bigint', name: 'paid_fen', transformer: fen, default: 0 })
  paidFen: number;

  @Column({ type: 'text' })
  status: 'ACTIVE' | 'PERFORMED' | 'BROKEN';

  @Column({ type: 'text', name: 'agreed_by' })
  agreedBy: string;

  /** When the settlement was recorded. */
  @Column({ type: 'timestamptz', name: 'agreed_at' })
  agreedAt: Date;

  /** The court day the parties agreed it (before the recording for a settlement agreed earlier). */
  @Column({ type: 'date', name: 'agreed_on' })
  agreedOn: string;
}

@Entity({ name: 'instalment' })
@Unique('instalment_settlement_id_no_key', ['settlementId', 'no'])
@Check('instalment_no_check', 'no > 0')
@Check('instalment_amount_fen_check', 'amount_fen > 0')
@Check('instalment_check', 'paid_fen >= 0 AND paid_fen <= amount_fen')
@Index('instalment_due_idx', { synchronize: false })
export class InstalmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'settlement_id' })
  settlementId: string;

  @ManyToOne(() => SettlementEntity, { nullable: false })
  @JoinColumn({ name: 'settlement_id', foreignKeyConstraintName: 'instalment_settlement_id_fkey' })
  settlement?: SettlementEntity;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'instalment_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'int' })
  no: number;

  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fen })
  amountFen: number;

  @Column({ type: 'bigint', name: 'paid_fen', transformer: fen, default: 0 })
  paidFen: number;

  @Column({ type: 'text' })
  status: 'DUE' | 'PAID' | 'MISSED';

  @Column({ type: 'timestamptz', name: 'missed_at', nullable: true })
  missedAt: Date | null;
}
