import { defineHandler, sqlRows } from '@zhiyuan/db';
import { In } from 'typeorm';
import { TaskEntity } from '../entities';
import { finishTasks } from '../commands/shared/tasks';

/**
 * The officer recorded the re-search in cases (the next one is due six months on): the case's open
 * RESEARCH_ASSETS tasks are done, with the finding as their result. A redelivery finds none open.
 */
export const finishResearchTaskWhenResearchIsRecorded = defineHandler({
  name: 'finish-research-task-when-research-is-recorded',
  subject: 'cases.research.recorded',
  handle: async ({ payload: p }, m, emit) => {
    const ids = await sqlRows<{ id: string }>(
      m,
      `SELECT id FROM tasks.task WHERE case_id = $1 AND type = 'RESEARCH_ASSETS' AND status IN ('OPEN', 'IN_PROGRESS') FOR UPDATE`,
      [p.caseId],
    );
    if (!ids.length) return;
    const tasks = await m.getRepository(TaskEntity).findBy({ id: In(ids.map((r) => r.id)) });
    await finishTasks(
      m,
      emit,
      tasks,
      'DONE',
      { result: { outcome: 'ACCOMPLISHED', summary: `${p.finding}（下次复查 ${p.nextResearchDue}）` } },
      new Date(),
    );
  },
});
