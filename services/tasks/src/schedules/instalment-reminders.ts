import { sqlExec, sqlRow, sqlRows } from '@zhiyuan/db';
import { addDays, courtDate } from '@zhiyuan/kernel';
import type { ServiceRuntime } from '@zhiyuan/server';
import type { EntityManager } from 'typeorm';
import { caseForNotice, queuePartyNotices } from '../commands/shared/notices';
import { INSTALMENT_REMINDER_DAYS, isNoticeOn, unpaidInstalments, type NoticeOff } from '../domain/notices';
import { chineseDate, yuan } from '../notifications/templates';

interface DueRow {
  settlement_id: string;
  no: number;
  case_id: string;
  due_date: string;
}

/**
 * Reminds the obligors of each instalment that falls due within the next INSTALMENT_REMINDER_DAYS
 * court days (today included) and is neither paid, missed nor ended, once: the instalment is marked
 * reminded, and the notice's key (case and due date) keeps a second run or replica from sending it
 * again. A court that switched the reminder off is asked again on the next run, so switching it back
 * on reminds the instalments still ahead.
 */
export async function remindInstalmentsDueSoon(
  runtime: ServiceRuntime,
  now: Date,
  off: readonly NoticeOff[],
): Promise<number> {
  const today = courtDate(now);
  return runtime.messaging.transaction(async (m) => {
    const due = await sqlRows<DueRow>(
      m,
      `SELECT i.settlement_id, i.no, i.case_id, i.due_date::text AS due_date
       FROM tasks.instalment_ref i JOIN tasks.case_ref c ON c.case_id = i.case_id
       WHERE i.status = 'DUE' AND i.reminded_at IS NULL AND i.due_date BETWEEN $1::date AND $2::date AND c.status = 'OPEN'
       ORDER BY i.due_date, i.case_id, i.no
       FOR UPDATE OF i SKIP LOCKED`,
      [today, addDays(today, INSTALMENT_REMINDER_DAYS)],
    );
    let queued = 0;
    for (const d of due) {
      const c = await caseForNotice(m, d.case_id);
      if (!c || !isNoticeOn(off, 'INSTALMENT_DUE_SOON', c.court)) continue;
      const unpaidFen = (await unpaidOfSchedule(m, d.settlement_id)).get(d.no);
      if (unpaidFen !== undefined) {
        queued += await queuePartyNotices(
          m,
          off,
          {
            notice: 'INSTALMENT_DUE_SOON',
            court: c.court,
            caseId: c.caseId,
            occurrence: `instalment:${c.caseId}:${d.due_date}`,
            role: 'OBLIGOR',
            partyIds: c.obligorIds,
            vars: {
              caseNumber: c.caseNumber,
              no: String(d.no),
              amount: yuan(unpaidFen),
              dueDate: chineseDate(d.due_date),
            },
          },
          now,
        );
      }
      await sqlExec(m, `UPDATE tasks.instalment_ref SET reminded_at = $3 WHERE settlement_id = $1 AND no = $2`, [
        d.settlement_id,
        d.no,
        now,
      ]);
    }
    return queued;
  });
}

/** What is unpaid of each instalment of a schedule, counting the case's payments recorded since it was agreed. */
async function unpaidOfSchedule(m: EntityManager, settlementId: string): Promise<Map<number, number>> {
  const schedule = await sqlRows<{ no: number; amount_fen: string }>(
    m,
    `SELECT no, amount_fen FROM tasks.instalment_ref WHERE settlement_id = $1`,
    [settlementId],
  );
  const paid = await sqlRow<{ paid_fen: string }>(
    m,
    `SELECT COALESCE(sum(p.amount_fen), 0) AS paid_fen
     FROM tasks.payment_ref p JOIN (SELECT DISTINCT case_id, agreed_at FROM tasks.instalment_ref WHERE settlement_id = $1) s ON s.case_id = p.case_id
     WHERE p.recorded_at >= s.agreed_at`,
    [settlementId],
  );
  return unpaidInstalments(
    schedule.map((i) => ({ no: i.no, amountFen: Number(i.amount_fen) })),
    Number(paid?.paid_fen ?? 0),
  );
}
