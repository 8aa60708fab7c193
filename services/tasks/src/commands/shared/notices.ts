import { sqlRow } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import { isNoticeOn, type CaseStepNotice, type NoticeOff } from '../../domain/notices';
import { queueNotifications } from '../../notifications/queue';

/** Signs a court notice while the case's court is not known here yet (the platform's own signature). */
export const UNKNOWN_COURT_SIGNATURE = '执源';

/** What the parties' notices of a case take from the case projection. */
export interface CaseForNotice {
  caseId: string;
  caseNumber: string;
  court: string | null;
  status: 'OPEN' | 'CLOSED';
  obligorIds: string[];
  obligeeIds: string[];
}

/** The case as the projection knows it, with its parties (one statement); null when it was never seen here. */
export async function caseForNotice(m: EntityManager, caseId: string): Promise<CaseForNotice | null> {
  const ref = await sqlRow<{
    case_number: string;
    court: string | null;
    status: 'OPEN' | 'CLOSED';
    obligor_ids: string[];
    obligee_ids: string[];
  }>(
    m,
    `SELECT r.case_number, r.court, r.status,
       coalesce(array_agg(p.party_id::text ORDER BY p.party_id) FILTER (WHERE p.role = 'OBLIGOR'), '{}') AS obligor_ids,
       coalesce(array_agg(p.party_id::text ORDER BY p.party_id) FILTER (WHERE p.role = 'OBLIGEE'), '{}') AS obligee_ids
     FROM tasks.case_ref r LEFT JOIN tasks.case_party p ON p.case_id = r.case_id
     WHERE r.case_id = $1
     GROUP BY r.case_id`,
    [caseId],
  );
  if (!ref) return null;
  return {
    caseId,
    caseNumber: ref.case_number,
    court: ref.court,
    status: ref.status,
    obligorIds: ref.obligor_ids,
    obligeeIds: ref.obligee_ids,
  };
}

export interface PartyNotice {
  notice: CaseStepNotice;
  /** The court as the events name it: it signs the notice and is what NOTICES_OFF entries match. */
  court: string | null;
  caseId: string;
  /** The business identity of the step (a performance, a listing, a case and due date): with the notice and the party, the dedupe key. */
  occurrence: string;
  role: 'OBLIGOR' | 'OBLIGEE';
  partyIds: readonly string[];
  vars: Record<string, string>;
}

/**
 * Queues one notice of a case step to each party, unless the court switched it off. The dedupe key
 * comes from the step itself, so a redelivered or re-published event sends nothing twice. Returns how
 * many were queued now.
 */
export async function queuePartyNotices(
  m: EntityManager,
  off: readonly NoticeOff[],
  n: PartyNotice,
  now: Date,
): Promise<number> {
  if (!isNoticeOn(off, n.notice, n.court)) return 0;
  const vars = { court: n.court ?? UNKNOWN_COURT_SIGNATURE, ...n.vars };
  // One statement for the notices to all the parties.
  return queueNotifications(
    m,
    [...new Set(n.partyIds)].map((partyId) => ({
      dedupeKey: `${n.occurrence}:${n.notice}:party:${partyId}`,
      template: n.notice,
      vars,
      caseId: n.caseId,
      recipientRole: n.role,
      recipientPartyId: partyId,
      now,
    })),
  );
}
