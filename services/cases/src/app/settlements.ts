import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { errors } from '@zhiyuan/server';
import { InstalmentEntity, SettlementEntity, type CaseEntity } from '../entities';
import { courtDate } from '../domain/dates';
import { assertTransition } from '../domain/state-machine';
import { moveCase, outstandingOf, type CommandContext } from './lifecycle';
import { addTimeline } from './timeline';

export interface SettlementInput {
  kind: 'SETTLEMENT' | 'INSTALMENT_PLAN';
  terms: string;
  instalments: { dueDate: string; amountFen: number }[];
}

/**
 * Agrees an enforcement settlement or instalment plan on a case in progress. The schedule's total is
 * what the obligor must pay (at most the balance: the rights holder may waive the rest); paying it
 * all closes the case as settled and performed.
 */
export async function agreeSettlement(manager: EntityManager, emit: Emit, c: CaseEntity, input: SettlementInput, ctx: CommandContext): Promise<SettlementEntity> {
  assertTransition(c.state, 'SETTLED');
  const today = courtDate(ctx.now);
  const dates = input.instalments.map((i) => i.dueDate);
  for (let k = 0; k < dates.length; k++) {
    if (dates[k]! < today) throw errors.validation(`instalments.${k}.dueDate`, 'An instalment cannot fall due in the past');
    if (k > 0 && dates[k]! <= dates[k - 1]!) throw errors.validation(`instalments.${k}.dueDate`, 'Instalments must fall due in increasing order');
  }
  const totalFen = input.instalments.reduce((s, i) => s + i.amountFen, 0);
  const outstanding = outstandingOf(c);
  if (totalFen > outstanding) throw errors.rule('settlement-exceeds-balance', `The schedule totals ${totalFen} fen, more than the outstanding ${outstanding} fen`);
  const settlement = manager.create(SettlementEntity, {
    id: randomUUID(),
    caseId: c.id,
    kind: input.kind,
    terms: input.terms,
    totalFen,
    paidFen: 0,
    status: 'ACTIVE',
    agreedBy: ctx.actor,
    agreedAt: ctx.now,
  });
  await manager.insert(SettlementEntity, settlement);
  const rows = input.instalments.map((i, k) =>
    manager.create(InstalmentEntity, { id: randomUUID(), settlementId: settlement.id, caseId: c.id, no: k + 1, dueDate: i.dueDate, amountFen: i.amountFen, paidFen: 0, status: 'DUE', missedAt: null }),
  );
  await manager.insert(InstalmentEntity, rows);
  await moveCase(manager, emit, c, 'SETTLED', { ...ctx, reason: input.kind === 'SETTLEMENT' ? 'settlement agreed' : 'instalment plan agreed' });
  await addTimeline(manager, c.id, 'SETTLEMENT_AGREED', ctx.actor, ctx.now, `${input.kind === 'SETTLEMENT' ? 'Settlement' : 'Instalment plan'} of ${totalFen} fen in ${rows.length} instalment(s)`, {
    settlementId: settlement.id,
    totalFen,
  });
  await emit(
    'cases.settlement.agreed',
    {
      caseId: c.id,
      settlementId: settlement.id,
      kind: input.kind,
      totalFen,
      instalments: rows.map((r) => ({ no: r.no, dueDate: r.dueDate, amountFen: r.amountFen })),
      obligorIds: c.obligorIds,
      agreedAt: ctx.now.toISOString(),
    },
    { key: c.id },
  );
  return settlement;
}
