import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { errors } from '@zhiyuan/server';
import type { CaseSettings } from '../config';
import { CaseEntity, SettlementEntity } from '../entities';
import { addDays, addMonths, courtDate, daysBetween } from '../domain/dates';
import { isEnforcementNumber, normalizeCaseNumber } from '../domain/case-number';
import { assertTransition, CLOSED_STATES, FILED_STATES, outcomeOf, type CaseState } from '../domain/state-machine';
import { assignOfficer, fixedOfficerOf } from './routing';
import { addTimeline } from './timeline';

/** Loads a case and locks its row for the rest of the transaction. */
export async function lockCase(manager: EntityManager, id: string): Promise<CaseEntity> {
  const c = await manager.getRepository(CaseEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  if (!c) throw errors.notFound('Case', id);
  return c;
}

export const outstandingOf = (c: Pick<CaseEntity, 'amountOwedFen' | 'paidFen'>) => c.amountOwedFen - c.paidFen;

const routingOf = (c: CaseEntity) => ({ villageCode: c.villageCode, townshipCode: c.townshipCode });

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
  ctx: { actor: string; now: Date; reason: string | null; settings: Pick<CaseSettings, 'researchMonths'>; announce?: boolean },
): Promise<void> {
  const from = c.state;
  assertTransition(from, to);
  const { now, actor } = ctx;
  const outcome = outcomeOf(from, to);
  c.state = to;
  c.updatedAt = now;
  if (outcome) {
    c.outcome = outcome;
    c.closedAt = now;
    c.nextResearchDue = to === 'TERMINATED_THIS_ROUND' ? addMonths(courtDate(now), ctx.settings.researchMonths) : null;
  } else if (CLOSED_STATES.has(from)) {
    // Reopened (终本 → in progress): the case is open again.
    c.outcome = null;
    c.closedAt = null;
    c.nextResearchDue = null;
  }
  await manager.update(CaseEntity, { id: c.id }, { state: c.state, outcome: c.outcome, closedAt: c.closedAt, nextResearchDue: c.nextResearchDue, updatedAt: now });
  if (outcome) {
    await addTimeline(manager, c.id, 'CLOSED', actor, now, `Closed: ${outcome}`, { from, to, outcome, reason: ctx.reason });
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
        daysOpen: daysBetween(c.effectiveDate, now),
        amountAppliedFen: c.amountAppliedFen ?? c.amountOwedFen,
        amountRecoveredFen: c.paidFen,
        obligorIds: c.obligorIds,
        ...routingOf(c),
      },
      { key: c.id },
    );
    return;
  }
  // Callers that announce the change themselves (filing, urging) also record their own timeline entry.
  if (ctx.announce !== false) {
    await addTimeline(manager, c.id, CLOSED_STATES.has(from) ? 'REOPENED' : 'STATE_CHANGED', actor, now, `${from} → ${to}`, { from, to, reason: ctx.reason });
    await emit('cases.case.transitioned', { caseId: c.id, from, to, reason: ctx.reason, at: now.toISOString(), ...routingOf(c) }, { key: c.id });
  }
}

async function endUrging(manager: EntityManager, emit: Emit, c: CaseEntity, reason: 'PERFORMED' | 'DEADLINE_PASSED' | 'ENFORCEMENT_APPLIED' | 'CANCELLED', actor: string, now: Date): Promise<void> {
  c.urgingEndedAt = now;
  c.urgingEndReason = reason;
  await manager.update(CaseEntity, { id: c.id }, { urgingEndedAt: now, urgingEndReason: reason });
  await addTimeline(manager, c.id, 'URGING_ENDED', actor, now, `Urging ended: ${reason}`, { reason });
  await emit('cases.urging.ended', { caseId: c.id, reason, endedAt: now.toISOString() }, { key: c.id });
}

export interface CommandContext {
  actor: string;
  now: Date;
  settings: CaseSettings;
}

/** Starts pre-enforcement urging by hand (urging mode MANUAL, or again after a lapse). */
export async function startUrging(manager: EntityManager, emit: Emit, c: CaseEntity, deadline: string | null, ctx: CommandContext): Promise<void> {
  if (ctx.settings.urgingMode === 'OFF') throw errors.rule('urging-disabled', 'Pre-enforcement urging is switched off for this court');
  const today = courtDate(ctx.now);
  const until = deadline ?? addDays(today, ctx.settings.urgingDays);
  if (until <= today) throw errors.validation('deadline', 'The urging deadline must be after today');
  assertTransition(c.state, 'URGING');
  c.urged = true;
  c.urgingStartedAt = ctx.now;
  c.urgingDeadline = until;
  c.urgingEndedAt = null;
  c.urgingEndReason = null;
  await manager.update(CaseEntity, { id: c.id }, { urged: true, urgingStartedAt: ctx.now, urgingDeadline: until, urgingEndedAt: null, urgingEndReason: null });
  await moveCase(manager, emit, c, 'URGING', { ...ctx, reason: 'urging started', announce: false });
  await addTimeline(manager, c.id, 'URGING_STARTED', ctx.actor, ctx.now, `Pre-enforcement urging started, perform by ${until}`, { deadline: until });
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
      ...routingOf(c),
    },
    { key: c.id },
  );
}

/** An urging whose deadline passed without full performance ends; the case waits for an application. */
export async function lapseUrging(manager: EntityManager, emit: Emit, c: CaseEntity, ctx: CommandContext): Promise<void> {
  await moveCase(manager, emit, c, 'EFFECTIVE', { ...ctx, reason: 'urging deadline passed', announce: false });
  await endUrging(manager, emit, c, 'DEADLINE_PASSED', ctx.actor, ctx.now);
}

export interface FileEnforcementInput {
  enforcementNumber: string;
  amountAppliedFen: number | null;
  needsService: boolean;
}

/**
 * Files the enforcement case on the rights holder's application: its own 执 number, linked to the
 * judgment (same row), given to the fixed officer of the obligor's township.
 */
export async function fileEnforcement(manager: EntityManager, emit: Emit, c: CaseEntity, input: FileEnforcementInput, ctx: CommandContext): Promise<void> {
  const number = normalizeCaseNumber(input.enforcementNumber);
  if (!isEnforcementNumber(number)) throw errors.validation('enforcementNumber', 'must be an enforcement case number such as (2024)浙0522执1234号');
  assertTransition(c.state, 'ENFORCEMENT_FILED');
  const outstanding = outstandingOf(c);
  const applied = input.amountAppliedFen ?? outstanding;
  if (applied <= 0 || applied > outstanding) throw errors.rule('amount-applied', `The amount applied for must be between 1 and the outstanding ${outstanding} fen`);
  const taken: unknown[] = await manager.query(`SELECT 1 FROM cases."case" WHERE enforcement_number = $1 OR case_number = $1`, [number]);
  if (taken.length > 0) throw errors.conflict(`Case number ${number} is already in use`, { field: 'enforcementNumber' });
  const wasUrging = c.state === 'URGING';
  c.enforcementNumber = number;
  c.amountAppliedFen = applied;
  c.filedAt = ctx.now;
  c.needsService = input.needsService;
  await manager.update(CaseEntity, { id: c.id }, { enforcementNumber: number, amountAppliedFen: applied, filedAt: ctx.now, needsService: input.needsService });
  await moveCase(manager, emit, c, 'ENFORCEMENT_FILED', { ...ctx, reason: 'rights holder applied for enforcement', announce: false });
  if (wasUrging) await endUrging(manager, emit, c, 'ENFORCEMENT_APPLIED', ctx.actor, ctx.now);
  const officerId = await fixedOfficerOf(manager, c.townshipCode);
  c.officerId = officerId;
  await manager.update(CaseEntity, { id: c.id }, { officerId });
  await addTimeline(manager, c.id, 'ENFORCEMENT_FILED', ctx.actor, ctx.now, `Enforcement case ${number} filed for ${applied} fen`, { enforcementNumber: number, officerId, amountAppliedFen: applied });
  await emit(
    'cases.enforcement.filed',
    {
      caseId: c.id,
      enforcementNumber: number,
      caseNumber: c.caseNumber,
      judgeId: c.judgeId,
      officerId,
      obligorIds: c.obligorIds,
      obligeeIds: c.obligeeIds,
      amountAppliedFen: applied,
      needsService: input.needsService,
      filedAt: ctx.now.toISOString(),
      ...routingOf(c),
    },
    { key: c.id },
  );
}

/** Gives a filed case to another officer, who must be an active enforcement officer. */
export async function reassignOfficer(manager: EntityManager, emit: Emit, c: CaseEntity, officerId: string, reason: string, ctx: CommandContext): Promise<void> {
  if (!FILED_STATES.has(c.state)) throw errors.rule('not-filed', `Only a filed enforcement case has an officer; this case is ${c.state}`);
  const rows: unknown[] = await manager.query(`SELECT 1 FROM cases.staff_member WHERE staff_id = $1 AND active AND 'ENFORCEMENT_OFFICER' = ANY(roles)`, [officerId]);
  if (rows.length === 0) throw errors.rule('officer-unknown', `Staff ${officerId} is not an active enforcement officer`);
  if (c.officerId === officerId) throw errors.rule('same-officer', 'The case is already assigned to this officer');
  await assignOfficer(manager, emit, c, officerId, reason, ctx.actor, ctx.now);
}

/** States a user may request directly; the others follow from payments, settlements and filing. */
export const MANUAL_TARGETS: ReadonlySet<CaseState> = new Set(['IN_PROGRESS', 'TERMINATED_THIS_ROUND', 'EXITED', 'WITHDRAWN']);

export async function changeState(manager: EntityManager, emit: Emit, c: CaseEntity, to: CaseState, reason: string, ctx: CommandContext): Promise<void> {
  assertTransition(c.state, to);
  if (!MANUAL_TARGETS.has(to)) {
    const how = to === 'SETTLED' ? 'agree a settlement' : to === 'ENFORCEMENT_FILED' ? 'file the enforcement case' : to === 'URGING' ? 'start urging' : 'record the payment that clears the balance';
    throw errors.rule('state-follows-from-action', `A case becomes ${to} by its action: ${how}`);
  }
  if (c.state === 'SETTLED') {
    await manager.update(SettlementEntity, { caseId: c.id, status: 'ACTIVE' }, { status: 'BROKEN' });
    await addTimeline(manager, c.id, 'SETTLEMENT_BROKEN', ctx.actor, ctx.now, 'Settlement broken off; enforcement resumes', { reason });
  }
  await moveCase(manager, emit, c, to, { ...ctx, reason });
}
