import { sqlExec, sqlRow } from '@zhiyuan/db';
import { townshipOf } from '@zhiyuan/kernel';
import type { ServiceRuntime } from '@zhiyuan/server';
import type { EntityManager } from 'typeorm';
import { TaskEntity, type TaskLevel } from '../entities';
import { escalationTarget } from '../domain/task-rules';
import { taskFields } from '../domain/tasks';
import { queueNotification } from '../notifications/queue';
import { staffHolding } from '../notifications/recipients';
import { chineseTime } from '../notifications/templates';

export interface OverdueOptions {
  /** How long a task escalated to the township may stay overdue before the county is asked. */
  escalateToCountyAfterMs: number;
  batchSize?: number;
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
    }
    return { overdue: newlyOverdue.length, escalated: stillOverdue.length };
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
