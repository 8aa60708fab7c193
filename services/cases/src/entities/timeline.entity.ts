import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One change of a case, in order: what happened, who did it, when. */
@Entity({ name: 'case_timeline' })
export class TimelineEntryEntity {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'jsonb' })
  detail: Record<string, unknown>;
}
