import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/** One change of a case, in order: what happened (kind and parameters), who did it, when. */
@Entity({ name: 'case_timeline' })
@Index('case_timeline_case_idx', ['caseId', 'seq'])
export class TimelineEntryEntity {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Generated('increment')
  seq: number;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_timeline_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** What the entry's text is made from, in the reader's language when read (src/domain/timeline-text.ts). */
  @Column({ type: 'jsonb', default: {} })
  parameters: Record<string, unknown>;

  /** The English sentence of an entry written before entries were structured, when it could not be parsed. */
  @Column({ type: 'text', name: 'legacy_summary', nullable: true })
  legacySummary: string | null;
}
