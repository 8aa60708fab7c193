import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { addMonths, courtDate, errors } from '@zhiyuan/kernel';
import type { CaseSettings } from '../../config';
import { CaseEntity } from '../../entities';
import { daysOpen, routeOfCase } from '../../domain/case-rules';
import {
  assertReopenByReversal,
  assertTransition,
  CLOSED_STATES,
  outcomeOf,
  type CaseState,
} from '../../domain/state-machine';
import { addTimeline } from './timeline';

/** Loads a case and locks its row for the rest of the transaction; null when there is none. */
export async function findLockedCase(manager: EntityManager, id: string): Promise<CaseEntity | null> {
  return manager
    .getRepository(CaseEntity)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.id = :id', { id })
    .getOne();
}

/** Loads a case and locks its row for the rest of the transaction. */
export async function lockCase(manager: EntityManager, id: string): Promise<CaseEntity> {
  const c = await findLockedCase(manager, id);
  if (!c) throw errors.notFound('Case', id);
  return c;
}

export interface CommandContext {
  actor: string;
  now: Date;
  settings: CaseSettings;
}

/**
 * Moves a case along the state machine: checks the transition, records it on the timeline and
 * announces it (cases.case.closed for a close, cases.case.transitioned otherwise unless the caller
 * emits a more specific event).
 */
export async function moveCase(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  to: CaseState,
  ctx: {
    actor: string;
    now: Date;
    reason: string | null;
    settings: Pick<CaseSettings, 'researchMonths'>;
    announce?: boolean;
    byReversal?: boolean;
  },
): Promise<void> {
  const from = c.state;
  // A payment reversal re-opens a case closed by payment, by moves no one may make by hand.
  if (ctx.byReversal) assertReopenByReversal(from, to);
  else assertTransition(from, to);
  const { now, actor } = ctx;
  const outcome = outcomeOf(from, to);
  c.state = to;
  c.updatedAt = now;
  if (outcome) {
    c.outcome = outcome;
    c.closedAt = now;
    c.nextResearchDue = to === 'TERMINATED_THIS_ROUND' ? addMonths(courtDate(now), ctx.settings.researchMonths) : null;
  } else if (CLOSED_STATES.has(from)) {
    // Reopened (终本 → in progress, or a close undone by a payment reversal): the case is open again.
    c.outcome = null;
    c.closedAt = null;
    c.nextResearchDue = null;
  }
  await manager.update(
    CaseEntity,
    { id: c.id },
    { state: c.state, outcome: c.outcome, closedAt: c.closedAt, nextResearchDue: c.nextResearchDue, updatedAt: now },
  );
  if (outcome) {
    await addTimeline(manager, c.id, 'CLOSED', actor, now, {
      from,
      to,
      outcome,
      reason: ctx.reason,
    });
    await emit(
      'cases.case.closed',
      {
        caseId: c.id,
        caseNumber: c.caseNumber,
        outcome,
        judgeId: c.judgeId,
        officerId: c.officerId,
        causeCode: c.causeCode,
        causeCategory: c.causeCategory,
        urged: c.urged,
        enforcementFiled: c.filedAt !== null,
        effectiveDate: c.effectiveDate,
        closedAt: now.toISOString(),
        daysOpen: daysOpen(c.effectiveDate, now),
        amountAppliedFen: c.amountAppliedFen ?? c.amountOwedFen,
        amountRecoveredFen: c.paidFen,
        obligorIds: c.obligorIds,
        ...routeOfCase(c),
      },
      { key: c.id },
    );
    return;
  }
  // Callers that announce the change themselves (filing, urging) also record their own timeline entry.
  if (ctx.announce !== false) {
    await addTimeline(manager, c.id, CLOSED_STATES.has(from) ? 'REOPENED' : 'STATE_CHANGED', actor, now, {
      from,
      to,
      reason: ctx.reason,
    });
    await emit(
      'cases.case.transitioned',
      { caseId: c.id, from, to, reason: ctx.reason, at: now.toISOString(), ...routeOfCase(c) },
      { key: c.id },
    );
  }
}

export async function endUrging(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  reason: 'PERFORMED' | 'DEADLINE_PASSED' | 'ENFORCEMENT_APPLIED' | 'CANCELLED',
  actor: string,
  now: Date,
): Promise<void> {
  c.urgingEndedAt = now;
  c.urgingEndReason = reason;
  await manager.update(CaseEntity, { id: c.id }, { urgingEndedAt: now, urgingEndReason: reason });
  await addTimeline(manager, c.id, 'URGING_ENDED', actor, now, { reason });
  await emit('cases.urging.ended', { caseId: c.id, reason, endedAt: now.toISOString() }, { key: c.id });
}

/** An urging whose deadline passed without full performance ends; the case waits for an application. */
export async function lapseUrging(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  ctx: CommandContext,
): Promise<void> {
  await moveCase(manager, emit, c, 'EFFECTIVE', { ...ctx, reason: 'urging deadline passed', announce: false });
  await endUrging(manager, emit, c, 'DEADLINE_PASSED', ctx.actor, ctx.now);
}
