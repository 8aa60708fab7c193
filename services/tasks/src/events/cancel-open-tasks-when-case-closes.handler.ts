import { defineHandler, sqlExec } from '@zhiyuan/db';
import { In } from 'typeorm';
import { finishTasks } from '../commands/shared/tasks';
import { OPEN_STATUSES } from '../domain/tasks';
import { TaskEntity } from '../entities';

/**
 * A closed case needs no more help: its open tasks are cancelled with the outcome as reason, and it
 * leaves the invitation lists (the projection, and any meeting not yet held where no outcome was recorded).
 */
export const cancelOpenTasksWhenCaseCloses = defineHandler({
  name: 'cancel-open-tasks-when-case-closes',
  subject: 'cases.case.closed',
  handle: async ({ payload: p }, m, emit) => {
    const now = new Date();
    await sqlExec(
      m,
      `INSERT INTO tasks.case_ref (case_id, case_number, village_code, township_code, status, closed_outcome, judge_id, officer_id)
       VALUES ($1, $2, $3, $4, 'CLOSED', $5, $6, $7)
       ON CONFLICT (case_id) DO UPDATE SET status = 'CLOSED', closed_outcome = EXCLUDED.closed_outcome,
         judge_id = COALESCE(EXCLUDED.judge_id, tasks.case_ref.judge_id), officer_id = COALESCE(EXCLUDED.officer_id, tasks.case_ref.officer_id), updated_at = now()`,
      [p.caseId, p.caseNumber, p.villageCode, p.townshipCode, p.outcome, p.judgeId, p.officerId],
    );
    const open = await m
      .getRepository(TaskEntity)
      .find({ where: { caseId: p.caseId, status: In([...OPEN_STATUSES]) }, lock: { mode: 'pessimistic_write' } });
    await finishTasks(m, emit, open, 'CANCELLED', { cancelReason: `CASE_CLOSED:${p.outcome}` }, now);
    await sqlExec(
      m,
      `DELETE FROM tasks.meeting_invitee i USING tasks.meeting mt
       WHERE i.meeting_id = mt.id AND mt.status = 'SCHEDULED' AND i.case_id = $1 AND i.outcome IS NULL`,
      [p.caseId],
    );
  },
});
