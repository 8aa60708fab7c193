import { sqlExec, type SqlRunner } from '@zhiyuan/db';

export type TimelineKind =
  | 'JUDGMENT_EFFECTIVE'
  | 'URGING_STARTED'
  | 'URGING_ENDED'
  | 'ENFORCEMENT_FILED'
  | 'OFFICER_ASSIGNED'
  | 'REROUTED'
  | 'STATE_CHANGED'
  | 'PAYMENT_RECORDED'
  | 'PAYMENT_REFUSED'
  | 'PAYMENT_REVERSED'
  | 'SETTLEMENT_AGREED'
  | 'SETTLEMENT_REFUSED'
  | 'SETTLEMENT_BROKEN'
  | 'INSTALMENT_MISSED'
  | 'CLOSED'
  | 'REOPENED'
  | 'PROPOSAL_SUBMITTED'
  | 'PROPOSAL_ANSWERED'
  | 'PROPOSAL_DECIDED'
  | 'PROPOSAL_EXPIRED';

/** Appends one entry to a case's timeline, in the caller's transaction. */
export async function addTimeline(
  manager: SqlRunner,
  caseId: string,
  kind: TimelineKind,
  actor: string,
  at: Date,
  summary: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await sqlExec(
    manager,
    `INSERT INTO cases.case_timeline (case_id, kind, actor, at, summary, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
    [caseId, kind, actor, at, summary, JSON.stringify(detail)],
  );
}

/** Appends many entries in one statement (an intake writes one or two per judgment). */
export async function addTimelineEntries(
  manager: SqlRunner,
  entries: readonly { caseId: string; kind: TimelineKind; summary: string; detail: Record<string, unknown> }[],
  actor: string,
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await sqlExec(
    manager,
    `INSERT INTO cases.case_timeline (case_id, kind, actor, at, summary, detail)
     SELECT (x->>'c')::uuid, x->>'k', $2, $3, x->>'s', x->'d' FROM jsonb_array_elements($1::jsonb) x`,
    [JSON.stringify(entries.map((t) => ({ c: t.caseId, k: t.kind, s: t.summary, d: t.detail }))), actor, at],
  );
}
