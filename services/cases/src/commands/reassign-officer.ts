import { z } from 'zod';
import { noteAuditChanges, sqlRow } from '@zhiyuan/db';
import { auditChanges, errors, uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { CaseEntity } from '../entities';
import { FILED_STATES } from '../domain/state-machine';
import { JUDGES } from '../policy';
import { reasonText } from './shared/inputs';
import { commandContext, onCaseWith } from './shared/on-case';
import { assignOfficer } from './shared/routing';

const reassignOfficerInput = z.object({ caseId: uuidSchema, officerId: uuidSchema, reason: reasonText });

interface ActiveOfficerRow {
  staff_id: string;
}

/** reassignOfficer: the judge gives a filed case to another officer, who must be an active enforcement officer. */
export async function reassignOfficer(ctx: Context, args: unknown): Promise<CaseEntity> {
  return onCaseWith(ctx, args, reassignOfficerInput, JUDGES, async (i, c, manager, emit) => {
    const { actor, now } = commandContext(ctx);
    if (!FILED_STATES.has(c.state))
      throw errors.rule('not-filed', `Only a filed enforcement case has an officer; this case is ${c.state}`);
    const officer = await sqlRow<ActiveOfficerRow>(
      manager,
      `SELECT staff_id FROM cases.staff_member WHERE staff_id = $1 AND active AND 'ENFORCEMENT_OFFICER' = ANY(roles)`,
      [i.officerId],
    );
    if (!officer) throw errors.rule('officer-unknown', `Staff ${i.officerId} is not an active enforcement officer`);
    if (c.officerId === i.officerId) throw errors.rule('same-officer', 'The case is already assigned to this officer');
    const before = { officerId: c.officerId };
    await assignOfficer(manager, emit, c, i.officerId, i.reason, actor, now);
    noteAuditChanges(auditChanges(before, { officerId: c.officerId }, ['officerId']));
    return c;
  });
}
