import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import { CaseEntity } from './case.entity';
import { fen } from './columns';

/** A payment recorded on a case (履行记录). */
@Entity({ name: 'performance' })
@Unique('performance_external_ref_key', ['externalRef'])
@Check('performance_amount_fen_check', 'amount_fen > 0')
@Check('performance_outstanding_after_fen_check', 'outstanding_after_fen >= 0')
@Index('performance_case_idx', ['caseId', 'recordedAt'])
export class PerformanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'performance_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fen })
  amountFen: number;

  @Column({ type: 'date', name: 'paid_on' })
  paidOn: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  source: string;

  /** Set for payments from another context (e.g. a village meeting) so the same one never pays twice. */
  @Column({ type: 'text', name: 'external_ref', nullable: true })
  externalRef: string | null;

  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy: string;

  @Column({ type: 'bigint', name: 'outstanding_after_fen', transformer: fen })
  outstandingAfterFen: number;

  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;

  /** Its reversal, when the payment was recorded in error (loaded with the case's payments). */
  @OneToOne(() => PerformanceReversalEntity, (r) => r.performance)
  reversal?: PerformanceReversalEntity | null;
}

/**
 * The compensating entry of a payment recorded in error (冲正): the payment row stays as it was, the
 * reversal names it, once; the balance after the reversal and, when it re-opened a closed case, the
 * state the case went back to.
 */
@Entity({ name: 'performance_reversal' })
@Unique('performance_reversal_performance_id_key', ['performanceId'])
@Check('performance_reversal_amount_fen_check', 'amount_fen > 0')
@Check('performance_reversal_outstanding_after_fen_check', 'outstanding_after_fen >= 0')
@Index('performance_reversal_case_idx', ['caseId', 'reversedAt'])
export class PerformanceReversalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'performance_id' })
  performanceId: string;

  @OneToOne(() => PerformanceEntity, (p) => p.reversal, { nullable: false })
  @JoinColumn({ name: 'performance_id', foreignKeyConstraintName: 'performance_reversal_performance_id_fkey' })
  performance?: PerformanceEntity;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'performance_reversal_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fen })
  amountFen: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', name: 'reversed_by' })
  reversedBy: string;

  @Column({ type: 'timestamptz', name: 'reversed_at' })
  reversedAt: Date;

  @Column({ type: 'bigint', name: 'outstanding_after_fen', transformer: fen })
  outstandingAfterFen: number;

  /** The state a closed case went back to, when the reversal re-opened it. */
  @Column({ type: 'text', name: 'reopened_to', nullable: true })
  reopenedTo: string | null;
}
