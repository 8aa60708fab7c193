import { defineHandler, sqlExec } from '@zhiyuan/db';
import { In } from 'typeorm';
import { finishTasks } from '../commands/shared/tasks';
import { OPEN_STATUSES } from '../domain/tasks';
import { TaskEntity } from '../entities';

/**
 * A closed case needs no more help: its open tasks are cancelled with the outcome as reason, and it
 * leaves the invitation lists (the projection, and any meeting not yet held where no outcome was recorded).
 * A close handled after the case's reopening (case events reach tasks through several consumers) leaves
 * the case open and the tasks opened since the reopening alone.
 */
export const cancelOpenTasksWhenCaseCloses = defineHandler({
  name: 'cancel-open-tasks-when-case-closes',
  subject: 'cases.case.closed',
  handle: async ({ payload: p }, m, emit) => {
    const now = new Date();
    const closedAt = new Date(p.closedAt);
    // Closed unless the case was reopened after this close (the reopening handled first).
    await sqlExec(
      m,
      `INSERT INTO tasks.case_ref AS c (case_id, case_number, village_code, township_code, status, closed_outcome, judge_id, officer_id, state_as_of)
       VALUES ($1, $2, $3, $4, 'CLOSED', $5, $6, $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         status = CASE WHEN c.state_as_of IS NULL OR c.state_as_of < EXCLUDED.state_as_of THEN 'CLOSED' ELSE c.status END,
         closed_outcome = CASE WHEN c.state_as_of IS NULL OR c.state_as_of < EXCLUDED.state_as_of THEN EXCLUDED.closed_outcome ELSE c.closed_outcome END,
         state_as_of = GREATEST(c.state_as_of, EXCLUDED.state_as_of),
         judge_id = COALESCE(EXCLUDED.judge_id, c.judge_id), officer_id = COALESCE(EXCLUDED.officer_id, c.officer_id), updated_at = now()`,
      [p.caseId, p.caseNumber, p.villageCode, p.townshipCode, p.outcome, p.judgeId, p.officerId, closedAt],
    );
    // The tasks open at the close; one opened after a reopening that was handled first is not the close's to end.
    const open = (
      await m
        .getRepository(TaskEntity)
        .find({ where: { caseId: p.caseId, status: In([...OPEN_STATUSES]) }, lock: { mode: 'pessimistic_write' } })
    ).filter((t) => t.createdAt <= closedAt);
    await finishTasks(m, emit, open, 'CANCELLED', { cancelReason: `CASE_CLOSED:${p.outcome}` }, now);
    await sqlExec(
      m,
      `DELETE FROM tasks.meeting_invitee i USING tasks.meeting mt
       WHERE i.meeting_id = mt.id AND mt.status = 'SCHEDULED' AND i.case_id = $1 AND i.outcome IS NULL`,
      [p.caseId],
    );
  },
});
