import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
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
}
