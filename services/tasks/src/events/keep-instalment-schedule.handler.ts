import { defineHandler, sqlExec } from '@zhiyuan/db';

/**
 * The instalments of each settlement or plan and the payments on its case, for the reminder of an
 * instalment about to fall due (`schedules/instalment-reminders.ts`). A new schedule replaces the
 * case's earlier one; payments pay the instalments earliest first (counted when reminding); a missed
 * instalment, or the case's closing, ends its reminders. Every write is keyed by the business
 * identity (settlement and number, performance), so a re-published event changes nothing.
 */
export const keepInstalmentScheduleOnSettlement = defineHandler({
  name: 'keep-instalment-schedule-on-settlement',
  subject: 'cases.settlement.agreed',
  handle: async ({ payload: p }, m) => {
    await sqlExec(
      m,
      `INSERT INTO tasks.instalment_ref (settlement_id, no, case_id, due_date, amount_fen, agreed_at)
       SELECT $1, i.no, $2, i.due_date, i.amount_fen, $3 FROM jsonb_to_recordset($4::jsonb) AS i(no int, due_date date, amount_fen bigint)
       ON CONFLICT (settlement_id, no) DO NOTHING`,
      [
        p.settlementId,
        p.caseId,
        p.agreedAt,
        JSON.stringify(p.instalments.map((i) => ({ no: i.no, due_date: i.dueDate, amount_fen: i.amountFen }))),
      ],
    );
    // The later of two schedules is the case's; the earlier one's instalments end, in whichever order they arrive.
    await sqlExec(
      m,
      `UPDATE tasks.instalment_ref i SET status = 'ENDED'
       WHERE i.case_id = $1 AND i.status = 'DUE'
         AND EXISTS (SELECT 1 FROM tasks.instalment_ref later WHERE later.case_id = i.case_id AND later.agreed_at > i.agreed_at)`,
      [p.caseId],
    );
  },
});

export const keepInstalmentScheduleOnPayment = defineHandler({
  name: 'keep-instalment-schedule-on-payment',
  subject: 'cases.performance.recorded',
  handle: async ({ payload: p }, m) => {
    await sqlExec(
      m,
      `INSERT INTO tasks.payment_ref (performance_id, case_id, amount_fen, recorded_at) VALUES ($1, $2, $3, $4) ON CONFLICT (performance_id) DO NOTHING`,
      [p.performanceId, p.caseId, p.amountFen, p.recordedAt],
    );
  },
});

export const keepInstalmentScheduleOnMiss = defineHandler({
  name: 'keep-instalment-schedule-on-miss',
  subject: 'cases.instalment.missed',
  handle: async ({ payload: p }, m) => {
    await sqlExec(
      m,
      `UPDATE tasks.instalment_ref SET status = 'MISSED' WHERE settlement_id = $1 AND no = $2 AND status = 'DUE'`,
      [p.planId, p.instalmentNo],
    );
  },
});

export const keepInstalmentScheduleOnClose = defineHandler({
  name: 'keep-instalment-schedule-on-close',
  subject: 'cases.case.closed',
  handle: async ({ payload: p }, m) => {
    await sqlExec(m, `UPDATE tasks.instalment_ref SET status = 'ENDED' WHERE case_id = $1 AND status = 'DUE'`, [
      p.caseId,
    ]);
  },
});
