import { z } from 'zod';
import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { SettlementEntity, type CaseEntity } from '../entities';
import { assertManualTarget } from '../domain/case-rules';
import { assertTransition, CASE_STATES } from '../domain/state-machine';
import { CASE_WORKERS } from '../policy';
import { reasonText } from './shared/inputs';
import { moveCase } from './shared/lifecycle';
import { commandContext, onCaseWith } from './shared/on-case';
import { addTimeline } from './shared/timeline';

const changeCaseStateInput = z.object({ caseId: uuidSchema, to: z.enum(CASE_STATES), reason: reasonText });

/**
 * changeCaseState: the moves a user makes by hand (in progress, terminated for this round, exited,
 * withdrawn); leaving a settlement breaks it off.
 */
export async function changeCaseState(ctx: Context, args: unknown): Promise<CaseEntity> {
  return onCaseWith(ctx, args, changeCaseStateInput, CASE_WORKERS, async (i, c, manager, emit) => {
    const cmd = commandContext(ctx);
    const before = { state: c.state, outcome: c.outcome, closedAt: c.closedAt };
    assertTransition(c.state, i.to);
    assertManualTarget(i.to);
    if (c.state === 'SETTLED') {
      await manager.update(SettlementEntity, { caseId: c.id, status: 'ACTIVE' }, { status: 'BROKEN' });
      await addTimeline(manager, c.id, 'SETTLEMENT_BROKEN', cmd.actor, cmd.now, { reason: i.reason });
    }
    await moveCase(manager, emit, c, i.to, { ...cmd, reason: i.reason });
    noteAuditChanges(
      auditChanges(before, { state: c.state, outcome: c.outcome, closedAt: c.closedAt }, [
        'state',
        'outcome',
        'closedAt',
      ]),
    );
    return c;
  });
}
