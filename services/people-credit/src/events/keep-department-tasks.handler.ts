import { defineHandler, sqlExec } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';

type Created = EventPayload<'tasks.task.created'>;
type Completed = EventPayload<'tasks.task.completed'>;

/**
 * Keeps the tasks assigned to a department, by task id, so that a county department reads the
 * parties of its open tasks: a created task assigned to a department opens its row, a completed one
 * (DONE or CANCELLED) closes it and the row stays as the record of what was assigned. A completion
 * that arrives before its creation leaves the closed row, and the late creation does not reopen it.
 * Tasks assigned to no department, and overdue notices, leave nothing.
 */
export const keepDepartmentTasks = defineHandler({
  name: 'keep-department-tasks',
  subject: 'tasks.task.*',
  async handle(event, manager) {
    if (event.type === 'tasks.task.created') {
      const p = event.payload as Created;
      if (!p.assigneeDepartment) return;
      await sqlExec(
        manager,
        `INSERT INTO people.department_task (task_id, department, case_id, obligor_id, status, created_at)
         VALUES ($1, $2, $3, $4, 'OPEN', $5)
         ON CONFLICT (task_id) DO NOTHING`,
        [p.taskId, p.assigneeDepartment, p.caseId, p.obligorId, p.createdAt],
      );
      return;
    }
    if (event.type !== 'tasks.task.completed') return;
    const p = event.payload as Completed;
    if (!p.assigneeDepartment) {
      // A completion from before the field: close the row its creation opened, if any.
      await sqlExec(
        manager,
        `UPDATE people.department_task SET status = $2, closed_at = $3, updated_at = now() WHERE task_id = $1`,
        [p.taskId, p.status, p.completedAt],
      );
      return;
    }
    await sqlExec(
      manager,
      `INSERT INTO people.department_task (task_id, department, case_id, obligor_id, status, created_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (task_id) DO UPDATE SET status = EXCLUDED.status, closed_at = EXCLUDED.closed_at, updated_at = now()`,
      [p.taskId, p.assigneeDepartment, p.caseId, p.obligorId, p.status, p.createdAt, p.completedAt],
    );
  },
});
