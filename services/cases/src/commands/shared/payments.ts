import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { CaseEntity, InstalmentEntity, PerformanceEntity, SettlementEntity } from '../../entities';
import { checkPayment, defaultPaymentSource, outstandingOf, type PaymentSource } from '../../domain/case-rules';
import { stateAfterFullPayment } from '../../domain/state-machine';
import { endUrging, moveCase, type CommandContext } from './lifecycle';
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
export async function recordPayment(manager: EntityManager, emit: Emit, c: CaseEntity, input: PaymentInput, ctx: CommandContext): Promise<PerformanceEntity> {
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
  await addTimeline(manager, c.id, 'PAYMENT_RECORDED', actor, now, `Paid ${input.amountFen} fen (${source}), ${outstandingOf(c)} fen outstanding`, {
    performanceId: performance.id,
    amountFen: input.amountFen,
    source,
    channel: input.channel,
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
    },
    { key: c.id },
  );

  let settlementDone = false;
  if (c.state === 'SETTLED') settlementDone = await payInstalments(manager, c.id, input.amountFen);

  if (outstandingOf(c) === 0 || settlementDone) {
    const to = stateAfterFullPayment(c.state);
    const wasUrging = c.state === 'URGING';
    await moveCase(manager, emit, c, to, { actor, now, reason: settlementDone && outstandingOf(c) > 0 ? 'settlement performed' : 'balance paid in full', settings: ctx.settings });
    if (wasUrging) await endUrging(manager, emit, c, 'PERFORMED', actor, now);
  }
  return performance;
}

/** Applies a payment to the active settlement's instalments, earliest first. Returns whether the settlement is now performed. */
async function payInstalments(manager: EntityManager, caseId: string, amountFen: number): Promise<boolean> {
  const settlement = await manager.findOne(SettlementEntity, { where: { caseId, status: 'ACTIVE' } });
  if (!settlement) return false;
  const instalments = await manager.find(InstalmentEntity, { where: { settlementId: settlement.id }, order: { no: 'ASC' } });
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
    await manager.update(InstalmentEntity, { id: i.id }, { paidFen: i.paidFen, status: i.paidFen === i.amountFen && i.status === 'DUE' ? 'PAID' : i.status });
  }
  const performed = settlement.paidFen >= settlement.totalFen;
  await manager.update(SettlementEntity, { id: settlement.id }, { paidFen: settlement.paidFen, status: performed ? 'PERFORMED' : 'ACTIVE' });
  return performed;
}
