import type { EntityManager } from 'typeorm';

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
  | 'SETTLEMENT_AGREED'
  | 'SETTLEMENT_REFUSED'
  | 'SETTLEMENT_BROKEN'
  | 'INSTALMENT_MISSED'
  | 'CLOSED'
  | 'REOPENED';

/** Appends one entry to a case's timeline, in the caller's transaction. */
export async function addTimeline(manager: EntityManager, caseId: string, kind: TimelineKind, actor: string, at: Date, summary: string, detail: Record<string, unknown> = {}): Promise<void> {
  await manager.query(`INSERT INTO cases.case_timeline (case_id, kind, actor, at, summary, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [caseId, kind, actor, at, summary, JSON.stringify(detail)]);
}
