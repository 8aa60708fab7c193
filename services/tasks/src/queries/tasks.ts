import { sqlRow, sqlRows } from '@zhiyuan/db';
import {
  instantIdCursor,
  isDivisionCode,
  isUuid,
  pageArgs,
  requireDivisionCode,
  requireSignedIn,
  requireUuid,
  toConnection,
  type Connection,
} from '@zhiyuan/kernel';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Context } from '../context';
import { FormEntity, TaskEntity, type TaskLevel, type TaskStatus, type TaskType } from '../entities';
import { taskCursor } from '../domain/tasks';
import {
  assignedToScopeSql,
  canSeeTask,
  deny,
  divisionTaskJudge,
  judgeScopeSql,
  myTaskScope,
  needsCaseJudge,
  taskListScope,
  type TaskScope,
} from '../policy';

export interface TaskListFilter extends TaskScope {
  divisionCode?: string;
  level?: TaskLevel | null;
  status?: TaskStatus[] | null;
  type?: TaskType | null;
  overdue?: boolean | null;
  escalatedTo?: TaskLevel | null;
}

interface PageInput {
  first?: number | null;
  after?: string | null;
}

type TaskPage = Connection<TaskEntity> & { totalCount: number };

function applyFilter(qb: SelectQueryBuilder<TaskEntity>, f: TaskListFilter): SelectQueryBuilder<TaskEntity> {
  if (f.divisionCode) qb.andWhere(`t.division_code LIKE :prefix`, { prefix: `${f.divisionCode}%` });
  if (f.level) qb.andWhere('t.level = :level', { level: f.level });
  if (f.status?.length) qb.andWhere('t.status IN (:...status)', { status: f.status });
  if (f.type) qb.andWhere('t.type = :type', { type: f.type });
  if (f.overdue === true) qb.andWhere(`t.overdue_at IS NOT NULL AND t.status IN ('OPEN', 'IN_PROGRESS')`);
  if (f.overdue === false) qb.andWhere(`(t.overdue_at IS NULL OR t.status NOT IN ('OPEN', 'IN_PROGRESS'))`);
  if (f.escalatedTo) qb.andWhere('t.escalated_level = :esc', { esc: f.escalatedTo });
  if (f.assignedTo) {
    qb.andWhere(assignedToScopeSql, {
      sub: f.assignedTo.staffId,
      dept: f.assignedTo.department,
    });
  }
  if (f.judgeSub) qb.andWhere(judgeScopeSql(':judgeSub'), { judgeSub: f.judgeSub });
  return qb;
}

/** A page of tasks by due date: two statements (page and total) whatever the page size. */
export async function listTasks(
  ds: DataSource,
  f: TaskListFilter,
  limit: number,
  after: [string, string] | null,
): Promise<TaskPage> {
  const page = applyFilter(ds.getRepository(TaskEntity).createQueryBuilder('t'), f);
  if (after)
    page.andWhere('(t.due_at, t.id) > (:afterDue::timestamptz, :afterId::uuid)', {
      afterDue: after[0],
      afterId: after[1],
    });
  const rows = await page
    .orderBy('t.due_at', 'ASC')
    .addOrderBy('t.id', 'ASC')
    .limit(limit + 1)
    .getMany();
  const total = await applyFilter(ds.getRepository(TaskEntity).createQueryBuilder('t'), f).getCount();
  return { ...toConnection(rows, limit, taskCursor, total), totalCount: total };
}

/** Counts under a division; with `judgeSub`, only the tasks that judge sees (their cases, or assigned to them). */
export async function countTasks(ds: DataSource, divisionCode: string, judgeSub: string | null = null) {
  const rows = await sqlRows<{ status: TaskStatus; n: number; overdue: number; county: number }>(
    ds,
    `SELECT status, count(*)::int AS n,
       count(*) FILTER (WHERE overdue_at IS NOT NULL)::int AS overdue,
       count(*) FILTER (WHERE escalated_level = 'COUNTY')::int AS county
     FROM tasks.task t WHERE division_code LIKE $1 || '%'
       AND ($2::text IS NULL OR ${judgeScopeSql('$2')})
     GROUP BY status`,
    [divisionCode, judgeSub],
  );
  const statuses: TaskStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'];
  const open = rows.filter((r) => r.status === 'OPEN' || r.status === 'IN_PROGRESS');
  return {
    divisionCode,
    byStatus: statuses.map((status) => ({ status, count: rows.find((r) => r.status === status)?.n ?? 0 })),
    open: open.reduce((s, r) => s + r.n, 0),
    overdue: open.reduce((s, r) => s + r.overdue, 0),
    escalatedToCounty: open.reduce((s, r) => s + r.county, 0),
  };
}

/** Whether the caller sees a task; the case projection is read (through the loader) only for judges. */
export async function taskVisible(ctx: Context, task: TaskEntity): Promise<boolean> {
  const judgeId =
    needsCaseJudge(ctx.identity) && task.caseId ? (await ctx.loaders.caseRef.load(task.caseId))?.judgeId : null;
  return canSeeTask(ctx.identity, task, judgeId);
}

/** A task by id for `Query.task`: null when there is none, FORBIDDEN outside the caller's scope. */
export async function taskById(ctx: Context, id: string): Promise<TaskEntity | null> {
  requireSignedIn(ctx.identity);
  const t = await ctx.loaders.task.load(requireUuid('id', id));
  if (!t) return null;
  if (!(await taskVisible(ctx, t))) deny('This task is outside your scope');
  return t;
}

/** A task as a federation reference: null when malformed, unknown or outside the caller's scope. */
export async function taskReference(ctx: Context, id: string): Promise<TaskEntity | null> {
  // A malformed id is no task: null, without sending it to SQL (where it would fail the whole batch).
  if (!isUuid(id)) return null;
  const t = await ctx.loaders.task.load(id);
  return t && (await taskVisible(ctx, t)) ? t : null;
}

/** The caller's own tasks (assigned to them or their county department). */
export async function myTasks(ctx: Context, args: PageInput & { status?: TaskStatus[] | null }): Promise<TaskPage> {
  requireSignedIn(ctx.identity);
  const { limit, after } = pageArgs(args);
  return listTasks(
    ctx.runtime.ds,
    { status: args.status, assignedTo: myTaskScope(ctx.identity) },
    limit,
    instantIdCursor(after),
  );
}

/** Tasks under a division, as far as the caller may list them. */
export async function tasksUnder(
  ctx: Context,
  filter: Omit<TaskListFilter, 'divisionCode' | keyof TaskScope> & { divisionCode: string },
  args: PageInput,
): Promise<TaskPage> {
  requireSignedIn(ctx.identity);
  const { limit, after } = pageArgs(args);
  const divisionCode = requireDivisionCode('filter.divisionCode', filter.divisionCode);
  const cursor = instantIdCursor(after);
  const scope = taskListScope(ctx.identity, divisionCode);
  if (!scope) deny('This division is outside your scope');
  return listTasks(ctx.runtime.ds, { ...filter, divisionCode, ...scope }, limit, cursor);
}

/** Task counts under a division: all of them for admins and its staff, a judge's cases for a judge. */
export async function taskCounts(ctx: Context, code: string) {
  requireSignedIn(ctx.identity);
  const divisionCode = requireDivisionCode('divisionCode', code);
  const judgeSub = divisionTaskJudge(ctx.identity, divisionCode);
  if (judgeSub === undefined) deny('This division is outside your scope');
  return countTasks(ctx.runtime.ds, divisionCode, judgeSub);
}

/** `Division.openTasks`: empty for a caller who sees none of them, or for a malformed code. */
export async function openTasksOfDivision(ctx: Context, code: string, args: PageInput): Promise<TaskPage> {
  const { limit, after } = pageArgs(args);
  const cursor = instantIdCursor(after);
  // A judge sees the open tasks of the cases they preside.
  const judgeSub = divisionTaskJudge(ctx.identity, code);
  if (judgeSub === undefined || !isDivisionCode(code)) return { ...toConnection([], limit, taskCursor), totalCount: 0 };
  const { rows, total } = await ctx.loaders.openTasksOfDivision.load({ code, limit, after: cursor, judgeSub });
  return { ...toConnection(rows, limit, taskCursor), totalCount: total };
}

/** `Case.tasks`: the tasks of a case the caller sees. */
export async function tasksOfCase(ctx: Context, caseId: string): Promise<TaskEntity[]> {
  const tasks = await ctx.loaders.tasksOfCase.load(caseId);
  const judgeId = needsCaseJudge(ctx.identity) ? (await ctx.loaders.caseRef.load(caseId))?.judgeId : null;
  return tasks.filter((t) => canSeeTask(ctx.identity, t, judgeId));
}

/** The latest whereabouts feedback on a task the caller sees. */
export async function whereaboutsFeedbackOfTask(ctx: Context, taskId: string): Promise<FormEntity | null> {
  requireSignedIn(ctx.identity);
  const t = await ctx.loaders.task.load(requireUuid('taskId', taskId));
  if (!t) return null;
  if (!(await taskVisible(ctx, t))) deny('This task is outside your scope');
  const form = await sqlRow<{ id: string }>(
    ctx.runtime.ds,
    `SELECT id FROM tasks.form WHERE task_id = $1 AND form_type = 'WHEREABOUTS_FEEDBACK' ORDER BY submitted_at DESC LIMIT 1`,
    [taskId],
  );
  if (!form) return null;
  return ctx.runtime.ds.getRepository(FormEntity).findOneBy({ id: form.id });
}
