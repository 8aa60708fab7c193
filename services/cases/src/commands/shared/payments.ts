import { randomUUID } from 'node:crypto';
import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { sqlRow, type Emit, type SqlRunner } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import {
  CaseEntity,
  InstalmentEntity,
  PerformanceEntity,
  PerformanceReversalEntity,
  SettlementEntity,
} from '../../entities';
import {
  checkPayment,
  defaultPaymentSource,
  outstandingOf,
  routeOfCase,
  type PaymentSource,
} from '../../domain/case-rules';
import {
  CLOSED_STATES,
  stateAfterFullPayment,
  stateReopenedByReversal,
  type CaseState,
} from '../../domain/state-machine';
import { endUrging, moveCase, type CommandContext } from './lifecycle';
import { markMissedInstalments } from './settlements';
import { addTimeline } from './timeline';

export interface PaymentInput {
  amountFen: number;
  paidOn: string;
  channel: string;
  /** Defaults from the state: URGED while urging, SETTLEMENT under a settlement, VOLUNTARY otherwise. */
  source: PaymentSource | null;
  /** Identifies a payment reported by another context so it is recorded once. */
  externalRef?: string | null;
}

/**
 * Records a payment: the balance stays exact in integer fen, an overpayment is refused, payments under
 * a settlement pay its instalments in due order, and a payment that clears the balance (or completes
 * the settlement) closes the case with the outcome its state calls for.
 */
export async function recordPayment(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  input: PaymentInput,
  ctx: CommandContext,
): Promise<PerformanceEntity> {
  checkPayment(c, input);
  const { now, actor } = ctx;
  const source: PaymentSource = input.source ?? defaultPaymentSource(c.state);
  c.paidFen += input.amountFen;
  c.updatedAt = now;
  await manager.update(CaseEntity, { id: c.id }, { paidFen: c.paidFen, updatedAt: now });
  const performance = manager.create(PerformanceEntity, {
    id: randomUUID(),
    caseId: c.id,
    amountFen: input.amountFen,
    paidOn: input.paidOn,
    channel: input.channel,
    source,
    externalRef: input.externalRef ?? null,
    recordedBy: actor,
    outstandingAfterFen: outstandingOf(c),
    recordedAt: now,
  });
  await manager.insert(PerformanceEntity, performance);
  await addTimeline(manager, c.id, 'PAYMENT_RECORDED', actor, now, {
    performanceId: performance.id,
    amountFen: input.amountFen,
    source,
    channel: input.channel,
    outstandingAfterFen: outstandingOf(c),
  });
  await emit(
    'cases.performance.recorded',
    {
      caseId: c.id,
      performanceId: performance.id,
      amountFen: input.amountFen,
      source,
      paidOn: input.paidOn,
      outstandingFen: outstandingOf(c),
      totalPaidFen: c.paidFen,
      obligorIds: c.obligorIds,
      recordedAt: now.toISOString(),
      villageCode: c.villageCode,
      townshipCode: c.townshipCode,
    },
    { key: c.id },
  );

  // Under a settlement (SETTLED), or a plan agreed during urging (the case stays URGING).
  const settlementDone = await payInstalments(manager, c.id, input.amountFen);

  if (outstandingOf(c) === 0 || settlementDone) {
    const to = stateAfterFullPayment(c.state);
    const wasUrging = c.state === 'URGING';
    await moveCase(manager, emit, c, to, {
      actor,
      now,
      reason: settlementDone && outstandingOf(c) > 0 ? 'settlement performed' : 'balance paid in full',
      settings: ctx.settings,
    });
    if (wasUrging) await endUrging(manager, emit, c, 'PERFORMED', actor, now);
  }
  return performance;
}

/** Applies a payment to the active settlement's instalments, earliest first. Returns whether the settlement is now performed. */
async function payInstalments(manager: EntityManager, caseId: string, amountFen: number): Promise<boolean> {
  const settlement = await manager.findOne(SettlementEntity, { where: { caseId, status: 'ACTIVE' } });
  if (!settlement) return false;
  const instalments = await manager.find(InstalmentEntity, {
    where: { settlementId: settlement.id },
    order: { no: 'ASC' },
  });
  let left = Math.min(amountFen, settlement.totalFen - settlement.paidFen);
  settlement.paidFen += left;
  for (const i of instalments) {
    if (left === 0) break;
    const open = i.amountFen - i.paidFen;
    if (open === 0) continue;
    const pay = Math.min(open, left);
    left -= pay;
    i.paidFen += pay;
    // A missed instalment paid late stays recorded as missed; its money still counts.
    await manager.update(
      InstalmentEntity,
      { id: i.id },
      { paidFen: i.paidFen, status: i.paidFen === i.amountFen && i.status === 'DUE' ? 'PAID' : i.status },
    );
  }
  const performed = settlement.paidFen >= settlement.totalFen;
  await manager.update(
    SettlementEntity,
    { id: settlement.id },
    { paidFen: settlement.paidFen, status: performed ? 'PERFORMED' : 'ACTIVE' },
  );
  return performed;
}

export interface ReversalResult {
  performance: PerformanceEntity;
  reversal: PerformanceReversalEntity;
}

/**
 * Reverses a payment recorded in error (冲正) by a compensating entry: the payment row stays, a
 * reversal row names it (once). The case's paid amount goes down by the payment, the settlement it
 * paid is recomputed from the payments that stand (an instalment it paid is unpaid again, and missed
 * at once when past due), and a case the payment helped close (paid in full, or its settlement
 * performed) goes back to the state it closed from. The timeline shows the reversal and the re-opening;
 * `cases.performance.reversed` carries what the other contexts need, followed by
 * `cases.case.transitioned` when the case re-opened.
 */
export async function reversePayment(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  performance: PerformanceEntity,
  reason: string,
  ctx: CommandContext,
): Promise<ReversalResult> {
  const { now, actor } = ctx;
  if (await manager.existsBy(PerformanceReversalEntity, { performanceId: performance.id }))
    throw errors.conflict('This payment has already been reversed', { performanceId: performance.id });
  const wasState = c.state;
  c.paidFen -= performance.amountFen;
  c.updatedAt = now;
  await manager.update(CaseEntity, { id: c.id }, { paidFen: c.paidFen, updatedAt: now });

  const settlement = await settlementPaidBy(manager, performance);
  const settlementPerformed = settlement?.status === 'PERFORMED';
  const settlementStillPerformed = settlement ? await recomputeSettlement(manager, settlement, performance.id) : false;
  // The reversal undoes the close when the close came from this money: the balance cleared (performed
  // after urging, completed), or the settlement performed (settled and performed, unless the payment was not under it).
  const undoesClose =
    wasState === 'PERFORMED_AFTER_URGING' ||
    (wasState === 'COMPLETED' &&
      (c.outcome !== 'SETTLED_AND_PERFORMED' || (settlementPerformed && !settlementStillPerformed)));
  const to = undoesClose
    ? stateReopenedByReversal(wasState, await closedFrom(manager, c.id), c.filedAt !== null)
    : null;

  const reversal = manager.create(PerformanceReversalEntity, {
    id: randomUUID(),
    performanceId: performance.id,
    caseId: c.id,
    amountFen: performance.amountFen,
    reason,
    reversedBy: actor,
    reversedAt: now,
    outstandingAfterFen: outstandingOf(c),
    reopenedTo: to,
  });
  await manager.insert(PerformanceReversalEntity, reversal);
  await addTimeline(manager, c.id, 'PAYMENT_REVERSED', actor, now, {
    performanceId: performance.id,
    reversalId: reversal.id,
    amountFen: performance.amountFen,
    paidOn: performance.paidOn,
    reason,
    outstandingAfterFen: outstandingOf(c),
  });
  await emit(
    'cases.performance.reversed',
    {
      caseId: c.id,
      reversalId: reversal.id,
      performanceId: performance.id,
      amountFen: performance.amountFen,
      source: performance.source as PaymentSource,
      paidOn: performance.paidOn,
      recordedAt: performance.recordedAt.toISOString(),
      reason,
      outstandingFen: outstandingOf(c),
      totalPaidFen: c.paidFen,
      reopened: to !== null,
      state: to ?? wasState,
      obligorIds: c.obligorIds,
      reversedAt: now.toISOString(),
      ...routeOfCase(c),
    },
    { key: c.id },
  );
  if (to) await reopen(manager, emit, c, to, ctx);
  // An instalment due again and past its date is missed at once, as the sweep would mark it (not on a case closed otherwise).
  if (settlement && !settlementStillPerformed && !CLOSED_STATES.has(c.state))
    await markMissedInstalments(manager, emit, now, { settlementId: settlement.id, actor });
  return { performance, reversal };
}

/** The state the case's last close came from, as its timeline recorded it. */
async function closedFrom(runner: SqlRunner, caseId: string): Promise<CaseState | null> {
  const row = await sqlRow<{ from: string | null }>(
    runner,
    `SELECT parameters->>'from' AS "from" FROM cases.case_timeline WHERE case_id = $1 AND kind = 'CLOSED' ORDER BY seq DESC LIMIT 1`,
    [caseId],
  );
  return (row?.from as CaseState | undefined) ?? null;
}

/** A case closed by payment goes back to the state it closed from; an urging resumes (the sweep lapses it past its deadline). */
async function reopen(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  to: CaseState,
  ctx: CommandContext,
): Promise<void> {
  await moveCase(manager, emit, c, to, { ...ctx, reason: 'payment reversed', byReversal: true });
  if (to === 'URGING') {
    c.urgingEndedAt = null;
    c.urgingEndReason = null;
    await manager.update(CaseEntity, { id: c.id }, { urgingEndedAt: null, urgingEndReason: null });
  }
}

/** The settlement a payment paid: the case's latest one agreed before it was recorded and still running or performed. */
async function settlementPaidBy(manager: EntityManager, p: PerformanceEntity): Promise<SettlementEntity | null> {
  const settlements = await manager.find(SettlementEntity, {
    where: { caseId: p.caseId, status: In(['ACTIVE', 'PERFORMED']) },
    order: { agreedAt: 'DESC' },
  });
  return settlements.find((s) => s.agreedAt.getTime() <= p.recordedAt.getTime()) ?? null;
}

/**
 * Recomputes a settlement after a reversal from the payments recorded under it that stand (their sum,
 * at most the schedule's total, pays the instalments earliest first, as the payments did). An
 * instalment no longer fully paid is due again (a missed one stays missed). Returns whether the
 * settlement is still performed.
 */
async function recomputeSettlement(
  manager: EntityManager,
  settlement: SettlementEntity,
  reversedId: string,
): Promise<boolean> {
  const payments = await manager.find(PerformanceEntity, {
    where: { caseId: settlement.caseId, recordedAt: MoreThanOrEqual(settlement.agreedAt) },
    relations: { reversal: true },
  });
  const standing = payments.filter((p) => p.id !== reversedId && !p.reversal).reduce((sum, p) => sum + p.amountFen, 0);
  const paid = Math.min(standing, settlement.totalFen);
  let left = paid;
  const instalments = await manager.find(InstalmentEntity, {
    where: { settlementId: settlement.id },
    order: { no: 'ASC' },
  });
  for (const i of instalments) {
    const now = Math.min(i.amountFen, left);
    left -= now;
    if (now === i.paidFen) continue;
    const status = i.status === 'MISSED' ? 'MISSED' : now === i.amountFen ? 'PAID' : 'DUE';
    await manager.update(InstalmentEntity, { id: i.id }, { paidFen: now, status });
  }
  const performed = paid >= settlement.totalFen;
  await manager.update(
    SettlementEntity,
    { id: settlement.id },
    { paidFen: paid, status: performed ? 'PERFORMED' : 'ACTIVE' },
  );
  return performed;
}
