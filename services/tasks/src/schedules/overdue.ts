import { sqlExec, sqlRow } from '@zhiyuan/db';
import { townshipOf } from '@zhiyuan/kernel';
import type { ServiceRuntime } from '@zhiyuan/server';
import type { EntityManager } from 'typeorm';
import { TaskEntity, type TaskLevel } from '../entities';
import { escalationTarget } from '../domain/task-rules';
import { countyDepartmentFor, type CountyAssignees } from '../domain/escalation';
import { taskFields } from '../domain/tasks';
import { queueNotification } from '../notifications/queue';
import { staffHolding } from '../notifications/recipients';
import { chineseTime } from '../notifications/templates';

export interface OverdueOptions {
  /** How long a task escalated to the township may stay overdue before the county is asked. */
  escalateToCountyAfterMs: number;
  batchSize?: number;
  /** The county department that takes a task escalated to the county (TASK_COUNTY_ASSIGNEES); none: only flagged. */
  countyAssignees?: CountyAssignees;
}

/**
 * Marks open tasks past due as overdue and escalates them one level (village → township liaison,
 * township → county); a task still open `escalateToCountyAfterMs` after reaching the township goes
 * on to the county. Every step is a conditional update on the task, so a second run with the same
 * clock changes nothing.
 */
export async function sweepOverdueTasks(
  runtime: ServiceRuntime,
  now: Date,
  opts: OverdueOptions,
): Promise<{ overdue: number; escalated: number }> {
  const limit = opts.batchSize ?? 500;
  return runtime.messaging.transaction(async (m, emit) => {
    const newlyOverdue = await m
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where(`t.status IN ('OPEN', 'IN_PROGRESS')`)
      .andWhere('t.overdue_at IS NULL')
      .andWhere('t.due_at < :now', { now })
      .orderBy('t.due_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const t of newlyOverdue) {
      const target = escalationTarget(t.level);
      await sqlExec(
        m,
        `UPDATE tasks.task SET overdue_at = $2, escalated_level = $3, escalated_at = $2, updated_at = $2 WHERE id = $1`,
        [t.id, now, target],
      );
      await emit(
        'tasks.task.overdue',
        { ...taskFields(t), dueAt: t.dueAt.toISOString(), escalatedTo: target, overdueAt: now.toISOString() },
        { key: t.caseId ?? t.id, occurredAt: now },
      );
      await notifyOverdue(m, t, target, now);
      if (target === 'COUNTY') await assignToCounty(m, t, opts.countyAssignees ?? {}, now);
    }

    const cutoff = new Date(now.getTime() - opts.escalateToCountyAfterMs);
    const stillOverdue = await m
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where(`t.status IN ('OPEN', 'IN_PROGRESS')`)
      .andWhere(`t.escalated_level = 'TOWNSHIP'`)
      .andWhere('t.escalated_at <= :cutoff', { cutoff })
      .orderBy('t.escalated_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const t of stillOverdue) {
      await sqlExec(
        m,
        `UPDATE tasks.task SET escalated_level = 'COUNTY', escalated_at = $2, updated_at = $2 WHERE id = $1`,
        [t.id, now],
      );
      await emit(
        'tasks.task.overdue',
        {
          ...taskFields(t),
          dueAt: t.dueAt.toISOString(),
          escalatedTo: 'COUNTY',
          overdueAt: (t.overdueAt ?? now).toISOString(),
        },
        { key: t.caseId ?? t.id, occurredAt: now },
      );
      await assignToCounty(m, t, opts.countyAssignees ?? {}, now);
    }
    return { overdue: newlyOverdue.length, escalated: stillOverdue.length };
  });
}

/**
 * A task escalated to the county gets a county-level assignee: the department configured for its type
 * (unless a department holds it already), so it is on that department's `myTasks` and they may work
 * it, and a TASK_ESCALATION SMS to the department's active account. Once per task (the SMS is keyed).
 */
async function assignToCounty(m: EntityManager, t: TaskEntity, assignees: CountyAssignees, now: Date): Promise<void> {
  const department = t.assigneeDepartment ?? countyDepartmentFor(t.type, assignees);
  if (!department) return;
  if (!t.assigneeDepartment)
    await sqlExec(m, `UPDATE tasks.task SET assignee_department = $2 WHERE id = $1 AND assignee_department IS NULL`, [
      t.id,
      department,
    ]);
  const holder = await sqlRow<{ staff_id: string }>(
    m,
    `SELECT staff_id FROM tasks.staff_ref WHERE department = $1 AND active AND 'COUNTY_DEPARTMENT' = ANY(roles)
     ORDER BY updated_at DESC, staff_id LIMIT 1`,
    [department],
  );
  const c = await sqlRow<{ case_number: string }>(m, `SELECT case_number FROM tasks.case_ref WHERE case_id = $1`, [
    t.caseId,
  ]);
  await queueNotification(m, {
    dedupeKey: `task:${t.id}:TASK_ESCALATION:COUNTY`,
    template: 'TASK_ESCALATION',
    vars: { title: t.title, caseNumber: c?.case_number ?? '—', due: chineseTime(t.dueAt), division: t.divisionCode },
    caseId: t.caseId,
    recipientRole: 'COUNTY_DEPARTMENT',
    recipientStaffId: holder?.staff_id ?? null,
    now,
  });
}

/** A reminder to whoever holds the task, and the escalation notice to the township liaison. */
async function notifyOverdue(m: EntityManager, t: TaskEntity, target: TaskLevel, now: Date): Promise<void> {
  const c = await sqlRow<{ case_number: string }>(m, `SELECT case_number FROM tasks.case_ref WHERE case_id = $1`, [
    t.caseId,
  ]);
  const vars = {
    title: t.title,
    caseNumber: c?.case_number ?? '—',
    due: chineseTime(t.dueAt),
    division: t.divisionCode,
  };
  if (t.assigneeId) {
    await queueNotification(m, {
      dedupeKey: `task:${t.id}:TASK_REMINDER`,
      template: 'TASK_REMINDER',
      vars,
      caseId: t.caseId,
      recipientRole: 'ASSIGNEE',
      recipientStaffId: t.assigneeId,
      now,
    });
  }
  if (target === 'TOWNSHIP') {
    const township = townshipOf(t.divisionCode)!;
    const liaison = await staffHolding(m, 'TOWNSHIP_LIAISON', township);
    await queueNotification(m, {
      dedupeKey: `task:${t.id}:TASK_ESCALATION:TOWNSHIP`,
      template: 'TASK_ESCALATION',
      vars,
      caseId: t.caseId,
      recipientRole: 'TOWNSHIP_LIAISON',
      recipientStaffId: liaison?.staffId ?? null,
      recipientDivisionCode: township,
      now,
    });
  }
}
