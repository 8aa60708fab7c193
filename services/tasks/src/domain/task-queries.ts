import type { Identity } from '@zhiyuan/auth';
import { type Connection, toConnection } from '@zhiyuan/server';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { TaskEntity, type TaskLevel, type TaskStatus, type TaskType } from '../entities';
import { timeIdCursor } from './keys';

export const taskCursor = (t: TaskEntity): unknown[] => [t.dueAt.toISOString(), t.id];

/** A decoded cursor back into (due_at, id), refusing anything else. */
export function taskAfter(after: unknown[] | null): [string, string] | null {
  return timeIdCursor(after);
}

export interface TaskListFilter {
  divisionCode?: string;
  level?: TaskLevel | null;
  status?: TaskStatus[] | null;
  type?: TaskType | null;
  overdue?: boolean | null;
  escalatedTo?: TaskLevel | null;
  assignedTo?: { staffId: string; department: string | null };
  /** Only tasks of cases this judge presides, or assigned to them personally. */
  judgeSub?: string;
}

/** Tasks of the cases a judge presides (from the case projection), or assigned to the judge. */
export const judgeScopeSql = (param: string, alias = 't') =>
  `(${alias}.assignee_id::text = ${param} OR EXISTS (SELECT 1 FROM tasks.case_ref jc WHERE jc.case_id = ${alias}.case_id AND jc.judge_id::text = ${param}))`;

function applyFilter(qb: SelectQueryBuilder<TaskEntity>, f: TaskListFilter): SelectQueryBuilder<TaskEntity> {
  if (f.divisionCode) qb.andWhere(`t.division_code LIKE :prefix`, { prefix: `${f.divisionCode}%` });
  if (f.level) qb.andWhere('t.level = :level', { level: f.level });
  if (f.status?.length) qb.andWhere('t.status IN (:...status)', { status: f.status });
  if (f.type) qb.andWhere('t.type = :type', { type: f.type });
  if (f.overdue === true) qb.andWhere(`t.overdue_at IS NOT NULL AND t.status IN ('OPEN', 'IN_PROGRESS')`);
  if (f.overdue === false) qb.andWhere(`(t.overdue_at IS NULL OR t.status NOT IN ('OPEN', 'IN_PROGRESS'))`);
  if (f.escalatedTo) qb.andWhere('t.escalated_level = :esc', { esc: f.escalatedTo });
  if (f.assignedTo) {
    qb.andWhere('(t.assignee_id::text = :sub OR (:dept::text IS NOT NULL AND t.assignee_department = :dept))', {
      sub: f.assignedTo.staffId,
      dept: f.assignedTo.department,
    });
  }
  if (f.judgeSub) qb.andWhere(judgeScopeSql(':judgeSub'), { judgeSub: f.judgeSub });
  return qb;
}

/** A page of tasks by due date: two statements (page and total) whatever the page size. */
export async function listTasks(ds: DataSource, f: TaskListFilter, limit: number, after: [string, string] | null): Promise<Connection<TaskEntity> & { totalCount: number }> {
  const page = applyFilter(ds.getRepository(TaskEntity).createQueryBuilder('t'), f);
  if (after) page.andWhere('(t.due_at, t.id) > (:afterDue::timestamptz, :afterId::uuid)', { afterDue: after[0], afterId: after[1] });
  const rows = await page.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').limit(limit + 1).getMany();
  const total = await applyFilter(ds.getRepository(TaskEntity).createQueryBuilder('t'), f).getCount();
  return { ...toConnection(rows, limit, taskCursor, total), totalCount: total };
}

/** Counts under a division; with `judgeSub`, only the tasks that judge sees (their cases, or assigned to them). */
export async function taskCounts(ds: DataSource, divisionCode: string, judgeSub: string | null = null) {
  const rows: { status: TaskStatus; n: number; overdue: number; county: number }[] = await ds.query(
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

export function myTaskFilter(identity: Identity): TaskListFilter['assignedTo'] {
  return { staffId: identity.sub, department: identity.roles.includes('COUNTY_DEPARTMENT') ? identity.department : null };
}
