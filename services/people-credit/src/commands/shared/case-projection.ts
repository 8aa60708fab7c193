import type { EntityManager } from 'typeorm';
import { sqlRows } from '@zhiyuan/db';

/**
 * What people-credit knows of a case comes from several consumers of the cases events, so a payment, its
 * reversal, the case's close and its reopening may be handled in another order than they happened. Each
 * change below applies only when the event that carries it is newer than the one whose change is in the
 * row (`balance_as_of` for the balance, `state_as_of` for open or closed), and each returns whether it
 * applied. The times are the cases service's, taken with the case locked, so they follow the case's own
 * order. Every change locks the case's row, so two handlers of one case run one after the other.
 */

/**
 * The balance after a payment or a reversal that happened at `at`. Two changes of one instant are told
 * apart by the balance: a payment lowers it, so the lower one is the later.
 */
export async function applyCaseBalance(
  manager: EntityManager,
  c: { caseId: string; obligorIds: string[]; outstandingFen: number; at: Date },
): Promise<boolean> {
  const rows = await sqlRows<{ applied: number }>(
    manager,
    `INSERT INTO people.case_projection AS c (case_id, obligor_ids, outstanding_fen, balance_as_of) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id) DO UPDATE SET outstanding_fen = EXCLUDED.outstanding_fen, balance_as_of = EXCLUDED.balance_as_of, updated_at = now()
       WHERE c.balance_as_of IS NULL OR c.balance_as_of < EXCLUDED.balance_as_of
          OR (c.balance_as_of = EXCLUDED.balance_as_of AND EXCLUDED.outstanding_fen < c.outstanding_fen)
     RETURNING 1 AS applied`,
    [c.caseId, c.obligorIds, c.outstandingFen, c.at],
  );
  return rows.length > 0;
}

/** The case closed at `closedAt` with `outcome`, unless it was reopened after that. */
export async function applyCaseClosed(
  manager: EntityManager,
  c: {
    caseId: string;
    caseNumber: string;
    obligorIds: string[];
    closedAt: Date;
    outcome: string;
    villageCode: string | null;
    townshipCode: string | null;
  },
): Promise<boolean> {
  const rows = await sqlRows<{ applied: number }>(
    manager,
    `INSERT INTO people.case_projection AS c (case_id, case_number, obligor_ids, closed_at, outcome, village_code, township_code, state_as_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $4)
     ON CONFLICT (case_id) DO UPDATE SET closed_at = EXCLUDED.closed_at, outcome = EXCLUDED.outcome, state_as_of = EXCLUDED.state_as_of, updated_at = now()
       WHERE c.state_as_of IS NULL OR c.state_as_of < EXCLUDED.state_as_of
     RETURNING 1 AS applied`,
    [c.caseId, c.caseNumber, c.obligorIds, c.closedAt, c.outcome, c.villageCode, c.townshipCode],
  );
  return rows.length > 0;
}

/**
 * The case open again at `at` (a close undone by a reversal, a 终本 case revived), unless it closed again
 * after that. A case not yet known is recorded as open from then, so a close older than that, arriving
 * later, does not close it. Returns the case's obligors when it applied, null when it did not.
 */
export async function applyCaseReopened(
  manager: EntityManager,
  c: { caseId: string; obligorIds: string[]; at: Date },
): Promise<string[] | null> {
  const [row] = await sqlRows<{ obligor_ids: string[] }>(
    manager,
    `INSERT INTO people.case_projection AS c (case_id, obligor_ids, state_as_of) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) DO UPDATE SET closed_at = NULL, outcome = NULL, state_as_of = EXCLUDED.state_as_of, updated_at = now()
       WHERE c.state_as_of IS NULL OR c.state_as_of < EXCLUDED.state_as_of
     RETURNING c.obligor_ids`,
    [c.caseId, c.obligorIds, c.at],
  );
  return row ? row.obligor_ids : null;
}
