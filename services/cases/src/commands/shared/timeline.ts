import { sqlExec, type SqlRunner } from '@zhiyuan/db';

export type { TimelineKind } from '../../domain/timeline-text';
import type { TimelineKind } from '../../domain/timeline-text';

/**
 * Appends one entry to a case's timeline, in the caller's transaction: its kind and the parameters its
 * text is made from (amounts in fen, staff ids, division codes, dates, codes), never a sentence; the
 * reader's language decides the sentence when it is read (src/domain/timeline-text.ts).
 */
export async function addTimeline(
  manager: SqlRunner,
  caseId: string,
  kind: TimelineKind,
  actor: string,
  at: Date,
  parameters: Record<string, unknown> = {},
): Promise<void> {
  await sqlExec(
    manager,
    `INSERT INTO cases.case_timeline (case_id, kind, actor, at, parameters) VALUES ($1, $2, $3, $4, $5)`,
    [caseId, kind, actor, at, JSON.stringify(parameters)],
  );
}

/** Appends many entries in one statement (an intake writes one or two per judgment). */
export async function addTimelineEntries(
  manager: SqlRunner,
  entries: readonly { caseId: string; kind: TimelineKind; parameters: Record<string, unknown> }[],
  actor: string,
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await sqlExec(
    manager,
    `INSERT INTO cases.case_timeline (case_id, kind, actor, at, parameters)
     SELECT (x->>'c')::uuid, x->>'k', $2, $3, x->'p' FROM jsonb_array_elements($1::jsonb) x`,
    [JSON.stringify(entries.map((t) => ({ c: t.caseId, k: t.kind, p: t.parameters }))), actor, at],
  );
}
