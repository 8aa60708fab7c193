import type { Messaging } from '@zhiyuan/db';
import type { Logger } from '@zhiyuan/config';
import type { CaseSettings } from '../config';
import { CaseEntity } from '../entities';
import { courtDate } from '../domain/dates';
import { lapseUrging } from './lifecycle';
import { addTimeline } from './timeline';

export interface SweepResult {
  urgingsLapsed: number;
  instalmentsMissed: number;
}

const SYSTEM = 'system:sweep';

/**
 * The scheduled checks, for a given `now`: urgings past their deadline end, and instalments past
 * their due date and not fully paid are marked missed (cases.instalment.missed). Each change is a
 * conditional update, so running it twice (or on two instances) applies nothing twice.
 */
export async function runSweep(messaging: Messaging, settings: CaseSettings, now: Date): Promise<SweepResult> {
  const today = courtDate(now);
  let urgingsLapsed = 0;
  for (;;) {
    const lapsed = await messaging.transaction(async (manager, emit) => {
      const batch = await manager
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`c.state = 'URGING' AND c.urging_deadline < :today`, { today })
        .orderBy('c.urging_deadline')
        .limit(200)
        .getMany();
      for (const c of batch) await lapseUrging(manager, emit, c, { actor: SYSTEM, now, settings });
      return batch.length;
    });
    urgingsLapsed += lapsed;
    if (lapsed < 200) break;
  }

  const instalmentsMissed = await messaging.transaction(async (manager, emit) => {
    type Missed = { id: string; settlement_id: string; case_id: string; no: number; due_date: string; amount_fen: string; paid_fen: string; obligor_ids: string[] };
    // TypeORM answers an UPDATE ... RETURNING with [rows, count].
    const [missed]: [Missed[], number] = await manager.query(
      `UPDATE cases.instalment i SET status = 'MISSED', missed_at = $2
         FROM cases.settlement s, cases."case" c
        WHERE i.status = 'DUE' AND i.due_date < $1::date AND i.paid_fen < i.amount_fen
          AND s.id = i.settlement_id AND s.status = 'ACTIVE' AND c.id = i.case_id
      RETURNING i.id, i.settlement_id, i.case_id, i.no, i.due_date::text AS due_date, i.amount_fen, i.paid_fen, c.obligor_ids`,
      [today, now],
    );
    for (const m of missed) {
      const unpaid = Number(m.amount_fen) - Number(m.paid_fen);
      await addTimeline(manager, m.case_id, 'INSTALMENT_MISSED', SYSTEM, now, `Instalment ${m.no} due ${m.due_date} missed, ${unpaid} fen unpaid`, { settlementId: m.settlement_id, no: m.no });
      await emit('cases.instalment.missed', { caseId: m.case_id, planId: m.settlement_id, instalmentNo: m.no, dueDate: m.due_date, amountFen: unpaid, obligorIds: m.obligor_ids }, { key: m.case_id });
    }
    return missed.length;
  });
  return { urgingsLapsed, instalmentsMissed };
}

/** Runs the sweep on an interval; returns the stop hook. */
export function scheduleSweep(messaging: Messaging, settings: CaseSettings, intervalMs: number, logger: Logger, clock: () => Date = () => new Date()): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runSweep(messaging, settings, clock())
      .then((r) => {
        if (r.urgingsLapsed || r.instalmentsMissed) logger.info(r, 'sweep applied');
      })
      .catch((err) => logger.error({ err: String(err) }, 'sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
