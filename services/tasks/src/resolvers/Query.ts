import { hasRole } from '@zhiyuan/auth';
import { encodeCursor, pageArgs } from '@zhiyuan/server';
import { FormEntity, MeetingEntity } from '../entities';
import type { Context } from '../context';
import type { QueryResolvers } from '../generated/resolvers-types';
import { deny, isAdmin, isCountyWide, isDivisionStaff, isJudge, requireSignedIn, staffOfDivision, taskVisible } from '../access/scope';
import { requireDivisionCode, requireUuid, requireVillageCode, timeIdCursor } from '../domain/keys';
import { listTasks, myTaskFilter, taskAfter, taskCounts, type TaskListFilter } from '../domain/task-queries';

/** Meetings of a division: county-wide roles, and division staff for their division and below. */
function requireDivisionScope(ctx: Context, code: string): void {
  requireSignedIn(ctx.identity);
  if (!(isCountyWide(ctx.identity) || staffOfDivision(ctx.identity, code))) deny('This division is outside your scope');
}

/**
 * Which tasks under a division the caller may list: everything for admins and for division staff of
 * that division; for a judge, the tasks of the cases they preside; for a county department, the tasks
 * assigned to it. Null: nothing (the caller is refused).
 */
function taskListScope(ctx: Context, divisionCode: string): Pick<TaskListFilter, 'assignedTo' | 'judgeSub'> | null {
  const { identity } = ctx;
  if (isAdmin(identity) || staffOfDivision(identity, divisionCode)) return {};
  if (isJudge(identity)) return { judgeSub: identity.sub };
  if (hasRole(identity, 'COUNTY_DEPARTMENT') && !isDivisionStaff(identity)) return { assignedTo: { staffId: identity.sub, department: identity.department } };
  return null;
}

export const Query: QueryResolvers = {
  task: async (_p, { id }, ctx) => {
    requireSignedIn(ctx.identity);
    const t = await ctx.loaders.task.load(requireUuid('id', id));
    if (!t) return null;
    if (!(await taskVisible(ctx, t))) deny('This task is outside your scope');
    return t;
  },

  myTasks: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { limit, after } = pageArgs(args);
    return listTasks(ctx.runtime.ds, { status: args.status, assignedTo: myTaskFilter(ctx.identity) }, limit, taskAfter(after));
  },

  tasks: async (_p, { filter, ...args }, ctx) => {
    const { limit, after } = pageArgs(args);
    const divisionCode = requireDivisionCode('filter.divisionCode', filter.divisionCode);
    const cursor = taskAfter(after);
    requireSignedIn(ctx.identity);
    const scope = taskListScope(ctx, divisionCode);
    if (!scope) deny('This division is outside your scope');
    return listTasks(ctx.runtime.ds, { ...filter, divisionCode, ...scope }, limit, cursor);
  },

  taskCounts: async (_p, args, ctx) => {
    const divisionCode = requireDivisionCode('divisionCode', args.divisionCode);
    requireSignedIn(ctx.identity);
    const { identity } = ctx;
    if (isAdmin(identity) || staffOfDivision(identity, divisionCode)) return taskCounts(ctx.runtime.ds, divisionCode);
    // A judge counts the tasks of the cases they preside.
    if (isJudge(identity)) return taskCounts(ctx.runtime.ds, divisionCode, identity.sub);
    deny('This division is outside your scope');
  },

  meeting: async (_p, { id }, ctx) => {
    requireSignedIn(ctx.identity);
    const m = await ctx.loaders.meeting.load(requireUuid('id', id));
    if (!m) return null;
    requireDivisionScope(ctx, m.villageCode);
    return m;
  },

  meetings: async (_p, { villageCode, status, ...args }, ctx) => {
    requireVillageCode('villageCode', villageCode);
    requireDivisionScope(ctx, villageCode);
    const { limit, after } = pageArgs(args);
    const cursor = timeIdCursor(after);
    const qb = ctx.runtime.ds.getRepository(MeetingEntity).createQueryBuilder('m').where('m.village_code = :villageCode', { villageCode });
    if (status) qb.andWhere('m.status = :status', { status });
    if (cursor) qb.andWhere('(m.scheduled_at, m.id) < (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    const rows = await qb.orderBy('m.scheduled_at', 'DESC').addOrderBy('m.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const edges = page.map((node) => ({ cursor: encodeCursor([node.scheduledAt.toISOString(), node.id]), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  },

  whereaboutsFeedback: async (_p, { taskId }, ctx) => {
    requireSignedIn(ctx.identity);
    const t = await ctx.loaders.task.load(requireUuid('taskId', taskId));
    if (!t) return null;
    if (!(await taskVisible(ctx, t))) deny('This task is outside your scope');
    const [form] = await ctx.runtime.ds.query(`SELECT id FROM tasks.form WHERE task_id = $1 AND form_type = 'WHEREABOUTS_FEEDBACK' ORDER BY submitted_at DESC LIMIT 1`, [taskId]);
    if (!form) return null;
    return ctx.runtime.ds.getRepository(FormEntity).findOneBy({ id: form.id });
  },
};
