import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlRows, type Emit, type SqlRunner } from '@zhiyuan/db';
import { courtDate } from '@zhiyuan/kernel';
import { CaseEntity, InstalmentEntity, SettlementEntity } from '../../entities';
import { checkSettlementSchedule } from '../../domain/case-rules';
import { assertTransition, SETTLEMENT_STATES } from '../../domain/state-machine';
import { moveCase, type CommandContext } from './lifecycle';
import { addTimeline } from './timeline';

export interface SettlementInput {
  kind: 'SETTLEMENT' | 'INSTALMENT_PLAN';
  terms: string;
  instalments: { dueDate: string; amountFen: number }[];
  /** The court day the parties agreed it; today when absent. */
  agreedOn?: string | null;
}

/**
 * Agrees an enforcement settlement or instalment plan on a case in progress, or during urging before
 * any enforcement case exists (the village meeting's "10,000 now, 6,000 a month"). The schedule's
 * total is what the obligor must pay (at most the balance: the rights holder may waive the rest);
 * paying it all closes the case as settled and performed, or, agreed during urging, as performed
 * after urging: the case stays URGING, its payments count as urged, and the urging's deadline moves
 * to the last instalment's due date so the plan runs inside the urging (a plan not kept lets the
 * urging lapse then, as any urging does).
 *
 * A settlement agreed earlier (history, data migration) is recorded with its agreed date: not in the
 * future, not before the judgment became effective, and its instalments fall due on or after it.
 * Instalments already past due when it is recorded go through the scheduled check at once, so they
 * are marked missed (with `cases.instalment.missed`) exactly as the sweep would have marked them.
 */
export async function agreeSettlement(
  manager: EntityManager,
  emit: Emit,
  c: CaseEntity,
  input: SettlementInput,
  ctx: CommandContext,
): Promise<SettlementEntity> {
  const duringUrging = c.state === 'URGING';
  if (!SETTLEMENT_STATES.has(c.state)) assertTransition(c.state, 'SETTLED');
  const today = courtDate(ctx.now);
  const agreedOn = input.agreedOn ?? today;
  const totalFen = checkSettlementSchedule(c, agreedOn, today, input.instalments);
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
    agreedOn,
  });
  await manager.insert(SettlementEntity, settlement);
  const rows = input.instalments.map((i, k) =>
    manager.create(InstalmentEntity, {
      id: randomUUID(),
      settlementId: settlement.id,
      caseId: c.id,
      no: k + 1,
      dueDate: i.dueDate,
      amountFen: i.amountFen,
      paidFen: 0,
      status: 'DUE',
      missedAt: null,
    }),
  );
  await manager.insert(InstalmentEntity, rows);
  const lastDue = input.instalments.at(-1)!.dueDate;
  if (!duringUrging)
    await moveCase(manager, emit, c, 'SETTLED', {
      ...ctx,
      reason: input.kind === 'SETTLEMENT' ? 'settlement agreed' : 'instalment plan agreed',
    });
  else if (c.urgingDeadline === null || c.urgingDeadline < lastDue) {
    c.urgingDeadline = lastDue;
    await manager.update(CaseEntity, { id: c.id }, { urgingDeadline: lastDue, updatedAt: ctx.now });
  }
  await addTimeline(manager, c.id, 'SETTLEMENT_AGREED', ctx.actor, ctx.now, {
    settlementId: settlement.id,
    settlementKind: input.kind,
    totalFen,
    instalments: rows.length,
    agreedOn,
    agreedEarlier: agreedOn !== today,
    duringUrging,
    urgingDeadline: duringUrging ? c.urgingDeadline : null,
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
  if (input.instalments[0]!.dueDate < today)
    await markMissedInstalments(manager, emit, ctx.now, { settlementId: settlement.id, actor: ctx.actor });
  return settlement;
}

interface MissedInstalmentRow {
  id: string;
  settlement_id: string;
  case_id: string;
  no: number;
  due_date: string;
  amount_fen: string;
  paid_fen: string;
  obligor_ids: string[];
}

/**
 * The missed-instalment check: every instalment of an active settlement past its due date (in the
 * court's calendar at `now`) and not fully paid is marked MISSED once, with a timeline entry and
 * `cases.instalment.missed`. A conditional update, so running it twice marks nothing twice. The sweep
 * runs it over all settlements; recording a settlement agreed earlier runs it over that one.
 */
export async function markMissedInstalments(
  manager: SqlRunner,
  emit: Emit,
  now: Date,
  scope: { settlementId?: string; actor: string },
): Promise<number> {
  const missed = await sqlRows<MissedInstalmentRow>(
    manager,
    `UPDATE cases.instalment i SET status = 'MISSED', missed_at = $2
       FROM cases.settlement s, cases."case" c
      WHERE i.status = 'DUE' AND i.due_date < $1::date AND i.paid_fen < i.amount_fen
        AND s.id = i.settlement_id AND s.status = 'ACTIVE' AND c.id = i.case_id
        AND ($3::uuid IS NULL OR i.settlement_id = $3::uuid)
    RETURNING i.id, i.settlement_id, i.case_id, i.no, i.due_date::text AS due_date, i.amount_fen, i.paid_fen, c.obligor_ids`,
    [courtDate(now), now, scope.settlementId ?? null],
  );
  // In schedule order, so the timeline and the events read as the instalments fell due.
  missed.sort((a, b) => (a.case_id === b.case_id ? a.no - b.no : a.case_id < b.case_id ? -1 : 1));
  for (const m of missed) {
    const unpaid = Number(m.amount_fen) - Number(m.paid_fen);
    await addTimeline(manager, m.case_id, 'INSTALMENT_MISSED', scope.actor, now, {
      settlementId: m.settlement_id,
      no: m.no,
      dueDate: m.due_date,
      unpaidFen: unpaid,
    });
    await emit(
      'cases.instalment.missed',
      {
        caseId: m.case_id,
        planId: m.settlement_id,
        instalmentNo: m.no,
        dueDate: m.due_date,
        amountFen: unpaid,
        obligorIds: m.obligor_ids,
      },
      { key: m.case_id },
    );
  }
  return missed.length;
}
