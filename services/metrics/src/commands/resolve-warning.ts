import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { noteAuditChanges, sqlRow, sqlRows } from '@zhiyuan/db';
import { auditChanges, errors, hasControlCharacters, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import type { WarningEntity } from '../entities';
import { requireReadDivisionWarnings } from '../policy';
import { warningFromRow, type WarningRow } from '../queries/warnings';

const resolveSchema = z.object({
  id: z.uuid('a warning id'),
  note: z
    .string()
    .trim()
    .min(1, 'say why it is resolved')
    .max(500, 'at most 500 characters')
    .refine((s) => !hasControlCharacters(s), 'must not contain control characters'),
});

const AUDITED = ['status', 'resolvedAt', 'resolvedValue', 'resolvedBy', 'resolutionNote'];

/**
 * Someone who may read the warning's division (the same people who may acknowledge it) resolves an
 * open warning by hand, saying why. Its rule then raises nothing new in that division until the
 * metric has recovered once (docs/adr/0015-hand-resolved-warnings.md); `metrics.warning.resolved`
 * tells the other services, as when the condition clears by itself.
 */
export async function resolveWarning(
  runtime: ServiceRuntime,
  identity: Identity,
  args: unknown,
): Promise<WarningEntity> {
  requireSignedIn(identity);
  const { id, note } = parseInput(resolveSchema, args);
  return runtime.messaging.transaction(async (m, emit) => {
    const found = await sqlRow<WarningRow>(m, `SELECT * FROM metrics.warning WHERE id = $1 FOR UPDATE`, [id]);
    if (!found) throw errors.notFound('Warning', id);
    requireReadDivisionWarnings(identity, found.division_code);
    if (found.status !== 'OPEN') throw errors.conflict('This warning has resolved already', { status: found.status });
    const [row] = await sqlRows<WarningRow>(
      m,
      `UPDATE metrics.warning SET status = 'RESOLVED', resolved_at = now(), resolved_value = last_value, resolved_by = $2, resolution_note = $3
       WHERE id = $1 RETURNING *`,
      [id, identity.sub, note],
    );
    const before = warningFromRow(found);
    const after = warningFromRow(row!);
    await emit(
      'metrics.warning.resolved',
      {
        warningId: id,
        ruleId: after.ruleId,
        divisionCode: after.divisionCode,
        value: after.resolvedValue!,
        resolvedAt: after.resolvedAt!.toISOString(),
      },
      { key: after.divisionCode },
    );
    noteAuditChanges(
      auditChanges(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, AUDITED),
    );
    return after;
  });
}
