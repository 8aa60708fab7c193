import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenTransformer } from './transformers';

/** What people-credit knows of a case, from case events: who owes whom and how much is still outstanding. */
@Entity({ name: 'case_projection' })
// Who is in a case (GIN over the id arrays) and the cases of a judge (partial).
@Index('case_projection_obligors_idx', { synchronize: false })
@Index('case_projection_obligees_idx', { synchronize: false })
@Index('case_projection_judge_idx', { synchronize: false })
export class CaseProjectionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text', name: 'case_number', nullable: true })
  caseNumber: string | null;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  @Column({ type: 'uuid', array: true, name: 'obligor_ids' })
  obligorIds: string[];

  @Column({ type: 'uuid', array: true, name: 'obligee_ids', default: () => "'{}'" })
  obligeeIds: string[];

  /** The judge of the case (承办法官), who sees its parties in full. */
  @Column({ type: 'uuid', name: 'judge_id', nullable: true })
  judgeId: string | null;

  @Column({ type: 'bigint', name: 'amount_owed_fen', nullable: true, transformer: fenTransformer })
  amountOwedFen: number | null;

  @Column({ type: 'bigint', name: 'outstanding_fen', nullable: true, transformer: fenTransformer })
  outstandingFen: number | null;

  @Column({ type: 'text', name: 'village_code', nullable: true })
  villageCode: string | null;

  @Column({ type: 'text', name: 'township_code', nullable: true })
  townshipCode: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  /** When the case event that set `outstandingFen` happened: an older one arriving later changes nothing. */
  @Column({ type: 'timestamptz', name: 'balance_as_of', nullable: true })
  balanceAsOf: Date | null;

  /** When the case event that set `closedAt` (a close, or a reopening) happened. */
  @Column({ type: 'timestamptz', name: 'state_as_of', nullable: true })
  stateAsOf: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
