import { randomUUID } from 'node:crypto';
import { noteAuditChanges, sqlExec, sqlRows, type Emit } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import { TaskEntity, type TaskLevel, type TaskResultData, type TaskType } from '../../entities';
import type { PlannedTask } from '../../domain/task-rules';
import { taskFields } from '../../domain/tasks';
import { staffHolding } from '../../notifications/recipients';
import { queueNotification } from '../../notifications/queue';

export interface NewTask {
  caseId: string | null;
  obligorId: string | null;
  type: TaskType;
  level: TaskLevel;
  divisionCode: string;
  title: string;
  note?: string | null;
  assigneeId?: string | null;
  assigneeDepartment?: string | null;
  dueAt: Date;
  origin: 'AUTO' | 'MANUAL';
  /** Automatic tasks: the rule and subject that opened it, so the same rule never opens it twice. */
  ruleKey?: string | null;
  createdBy?: string | null;
  now: Date;
}

/** What an update of a task may change: the fields its audit entry compares before and after. */
const TASK_AUDIT_FIELDS = ['status', 'assigneeId', 'startedAt', 'result', 'cancelReason', 'completedAt'] as const;

/** The audited fields of a task as they are now (a copy: finishing a task changes the row in place). */
export function taskAuditState(t: TaskEntity): Record<string, unknown> {
  return Object.fromEntries(TASK_AUDIT_FIELDS.map((f) => [f, t[f]]));
}

/** Tells the mutation's audit entry which fields of the task it changed, before (taskAuditState) and after. */
export function noteTaskChanges(before: Record<string, unknown>, after: TaskEntity): void {
  noteAuditChanges(auditChanges(before, taskAuditState(after), TASK_AUDIT_FIELDS));
}

/** Locks a task for the caller's transaction. */
export async function lockTask(m: EntityManager, id: string): Promise<TaskEntity> {
  const t = await m.getRepository(TaskEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!t) throw errors.notFound('Task', id);
  return t;
}

/** Opens a task and emits `tasks.task.created` in the caller's transaction; null if its rule key already opened one. */
export async function openTask(m: EntityManager, emit: Emit, t: NewTask): Promise<TaskEntity | null> {
  const id = randomUUID();
  const rows = await sqlRows<{ id: string }>(
    m,
    `INSERT INTO tasks.task (id, case_id, obligor_id, type, level, status, division_code, title, note, assignee_id, assignee_department,
       due_at, origin, rule_key, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
     ON CONFLICT (rule_key) DO NOTHING RETURNING id`,
    [
      id,
      t.caseId,
      t.obligorId,
      t.type,
      t.level,
      t.divisionCode,
      t.title,
      t.note ?? null,
      t.assigneeId ?? null,
      t.assigneeDepartment ?? null,
      t.dueAt,
      t.origin,
      t.ruleKey ?? null,
      t.createdBy ?? null,
      t.now,
    ],
  );
  if (rows.length === 0) return null;
  const task = await m.getRepository(TaskEntity).findOneByOrFail({ id });
  await emit(
    'tasks.task.created',
    {
      ...taskFields(task),
      assigneeId: task.assigneeId,
      assigneeDepartment: task.assigneeDepartment,
      dueAt: task.dueAt.toISOString(),
      createdAt: task.createdAt.toISOString(),
    },
    { key: task.caseId ?? task.id, occurredAt: t.now },
  );
  return task;
}

/** Closes a task the caller has locked as DONE (with its result) or CANCELLED (with the reason) and emits `tasks.task.completed`. */
export async function finishTask(
  m: EntityManager,
  emit: Emit,
  task: TaskEntity,
  to: 'DONE' | 'CANCELLED',
  detail: { result?: TaskResultData | null; cancelReason?: string | null },
  now: Date,
): Promise<TaskEntity> {
  const [done] = await finishTasks(m, emit, [task], to, detail, now);
  return done!;
}

/**
 * Closes several tasks the caller has locked, all with the same result or reason, in one statement
 * (a closed case cancels all its open tasks at once), and emits `tasks.task.completed` for each.
 */
export async function finishTasks(
  m: EntityManager,
  emit: Emit,
  tasks: TaskEntity[],
  to: 'DONE' | 'CANCELLED',
  detail: { result?: TaskResultData | null; cancelReason?: string | null },
  now: Date,
): Promise<TaskEntity[]> {
  if (!tasks.length) return [];
  await sqlExec(
    m,
    `UPDATE tasks.task SET status = $2, result = $3, cancel_reason = $4, completed_at = $5, updated_at = $5 WHERE id = ANY($1::uuid[])`,
    [
      tasks.map((t) => t.id),
      to,
      detail.result ? JSON.stringify(detail.result) : null,
      detail.cancelReason ?? null,
      now,
    ],
  );
  const finished: TaskEntity[] = [];
  for (const task of tasks) {
    // The caller locked the task in this transaction, so it is the row as it now is, with these changes.
    const done = Object.assign(task, {
      status: to,
      result: detail.result ? (JSON.parse(JSON.stringify(detail.result)) as TaskResultData) : null,
      cancelReason: detail.cancelReason ?? null,
      completedAt: now,
      updatedAt: now,
    });
    await emit(
      'tasks.task.completed',
      {
        ...taskFields(done),
        assigneeDepartment: done.assigneeDepartment,
        status: to,
        createdAt: done.createdAt.toISOString(),
        completedAt: now.toISOString(),
        result:
          to === 'DONE' ? ({ ...(done.result ?? {}) } as Record<string, unknown>) : { cancelReason: done.cancelReason },
      },
      { key: done.caseId ?? done.id, occurredAt: now },
    );
    if (done.escalatedLevel === 'COUNTY' && done.assigneeDepartment) await tellCountyTaskEnded(m, done, now);
    finished.push(done);
  }
  return finished;
}

/**
 * De-escalation: a task escalated to the county that is finished (done, or cancelled with its case)
 * no longer needs the county; the department's account is told once (TASK_DEESCALATED).
 */
async function tellCountyTaskEnded(m: EntityManager, t: TaskEntity, now: Date): Promise<void> {
  const [holder] = await sqlRows<{ staff_id: string }>(
    m,
    `SELECT staff_id FROM tasks.staff_ref WHERE department = $1 AND active AND 'COUNTY_DEPARTMENT' = ANY(roles)
     ORDER BY updated_at DESC, staff_id LIMIT 1`,
    [t.assigneeDepartment],
  );
  const [c] = await sqlRows<{ case_number: string }>(m, `SELECT case_number FROM tasks.case_ref WHERE case_id = $1`, [
    t.caseId,
  ]);
  await queueNotification(m, {
    dedupeKey: `task:${t.id}:TASK_DEESCALATED`,
    template: 'TASK_DEESCALATED',
    vars: { title: t.title, caseNumber: c?.case_number ?? '—', outcome: t.status === 'DONE' ? '已办结' : '已撤销' },
    caseId: t.caseId,
    recipientRole: 'COUNTY_DEPARTMENT',
    recipientStaffId: holder?.staff_id ?? null,
    now,
  });
}

/** Opens the automatic tasks a rule plan names, each assigned to whoever holds the plan's role in its division. */
export async function openPlannedTasks(
  m: EntityManager,
  emit: Emit,
  caseId: string,
  plans: PlannedTask[],
  now: Date,
): Promise<void> {
  for (const plan of plans) {
    const assignee = await staffHolding(m, plan.assignToRole, plan.divisionCode);
    await openTask(m, emit, { ...plan, caseId, origin: 'AUTO', assigneeId: assignee?.staffId ?? null, now });
  }
}
