import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { noteAuditChanges, sqlRow, sqlRows } from '@zhiyuan/db';
import { auditChanges, errors, hasControlCharacters, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import type { WarningEntity } from '../entities';
import { requireReadDivisionWarnings } from '../policy';
import { warningFromRow, type WarningRow } from '../queries/warnings';

const acknowledgeSchema = z.object({
  id: z.uuid('a warning id'),
  note: z
    .string()
    .trim()
    .min(1, 'say what is being done about it')
    .max(500, 'at most 500 characters')
    .refine((s) => !hasControlCharacters(s), 'must not contain control characters'),
});

/**
 * Someone who may read the warning's division (docs/metrics.md) has seen the open warning and acts on
 * it: their id, the time and their note are kept on it, shown on the cockpit. A second acknowledgement
 * replaces the first; a resolved warning cannot be acknowledged. Resolution stays the rule's: the
 * warning resolves when its condition clears.
 */
export async function acknowledgeWarning(
  runtime: ServiceRuntime,
  identity: Identity,
  args: unknown,
): Promise<WarningEntity> {
  requireSignedIn(identity);
  const { id, note } = parseInput(acknowledgeSchema, args);
  return runtime.messaging.transaction(async (m) => {
    const found = await sqlRow<WarningRow>(m, `SELECT * FROM metrics.warning WHERE id = $1 FOR UPDATE`, [id]);
    if (!found) throw errors.notFound('Warning', id);
    requireReadDivisionWarnings(identity, found.division_code);
    if (found.status !== 'OPEN') throw errors.conflict('This warning has resolved already', { status: found.status });
    const [row] = await sqlRows<WarningRow>(
      m,
      `UPDATE metrics.warning SET acknowledged_by = $2, acknowledged_at = now(), acknowledgement_note = $3
       WHERE id = $1 RETURNING *`,
      [id, identity.sub, note],
    );
    const acknowledged = warningFromRow(row!);
    noteAuditChanges(
      auditChanges({ ...warningFromRow(found) }, { ...acknowledged }, [
        'acknowledgedBy',
        'acknowledgedAt',
        'acknowledgementNote',
      ]),
    );
    return acknowledged;
  });
}
