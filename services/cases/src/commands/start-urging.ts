import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { addDays, courtDate, errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { CaseEntity } from '../entities';
import { outstandingOf, routeOfCase } from '../domain/case-rules';
import { assertTransition } from '../domain/state-machine';
import { JUDGES } from '../policy';
import { courtDay } from './shared/inputs';
import { moveCase, type CommandContext } from './shared/lifecycle';
import { commandContext, onCase } from './shared/on-case';
import { addTimeline } from './shared/timeline';

const deadlineInput = courtDay.nullish();

/** startUrging: the judge starts pre-enforcement urging by hand (urging mode MANUAL, or again after a lapse). */
export async function startUrging(ctx: Context, caseId: string, deadline: unknown): Promise<CaseEntity> {
  const until = parseInput(deadlineInput, deadline) ?? null;
  return onCase(ctx, caseId, JUDGES, async (c, manager, emit) => {
    await urge(manager, emit, c, until, commandContext(ctx));
    return c;
  });
}

async function urge(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  deadline: string | null,
  ctx: CommandContext,
): Promise<void> {
  if (ctx.settings.urgingMode === 'OFF')
    throw errors.rule('urging-disabled', 'Pre-enforcement urging is switched off for this court');
  const today = courtDate(ctx.now);
  const until = deadline ?? addDays(today, ctx.settings.urgingDays);
  if (until <= today) throw errors.validation('deadline', 'The urging deadline must be after today');
  assertTransition(c.state, 'URGING');
  c.urged = true;
  c.urgingStartedAt = ctx.now;
  c.urgingDeadline = until;
  c.urgingEndedAt = null;
  c.urgingEndReason = null;
  await manager.update(
    CaseEntity,
    { id: c.id },
    { urged: true, urgingStartedAt: ctx.now, urgingDeadline: until, urgingEndedAt: null, urgingEndReason: null },
  );
  await moveCase(manager, emit, c, 'URGING', { ...ctx, reason: 'urging started', announce: false });
  await addTimeline(manager, c.id, 'URGING_STARTED', ctx.actor, ctx.now, { deadline: until });
  await emit(
    'cases.urging.started',
    {
      caseId: c.id,
      caseNumber: c.caseNumber,
      court: c.court,
      judgeId: c.judgeId,
      obligorIds: c.obligorIds,
      obligeeIds: c.obligeeIds,
      amountOwedFen: outstandingOf(c),
      deadline: until,
      startedAt: ctx.now.toISOString(),
      ...routeOfCase(c),
    },
    { key: c.id },
  );
}
