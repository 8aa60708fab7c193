import { hasRole } from '@zhiyuan/auth';
import { canSeeDivision, encodeCursor, errors, pageArgs } from '@zhiyuan/server';
import { FormEntity, MeetingEntity } from '../entities';
import type { Context } from '../context';
import type { QueryResolvers } from '../generated/resolvers-types';
import { canSeeTask, deny, isCountyWide, isDivisionStaff, requireSignedIn } from '../access/scope';
import { listTasks, myTaskFilter, taskAfter, taskCounts } from '../domain/task-queries';

/** Lists of a division: county-wide roles, and division staff for their division and below. */
function requireDivisionScope(ctx: Context, code: string): void {
  requireSignedIn(ctx.identity);
  if (!(isCountyWide(ctx.identity) || (isDivisionStaff(ctx.identity) && canSeeDivision(ctx.identity, code)))) deny('This division is outside your scope');
}

export const Query: QueryResolvers = {
  task: async (_p, { id }, ctx) => {
    requireSignedIn(ctx.identity);
    const t = await ctx.loaders.task.load(id);
    if (!t) return null;
    if (!canSeeTask(ctx.identity, t)) deny('This task is outside your scope');
    return t;
  },

  myTasks: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { limit, after } = pageArgs(args);
    return listTasks(ctx.runtime.ds, { status: args.status, assignedTo: myTaskFilter(ctx.identity) }, limit, taskAfter(after));
  },

  tasks: async (_p, { filter, ...args }, ctx) => {
    const { limit, after } = pageArgs(args);
    if (!/^\d{6}(\d{3})?(\d{3})?$/.test(filter.divisionCode)) throw errors.validation('filter.divisionCode', 'divisionCode must be a 6, 9 or 12 digit division code');
    const f = { ...filter, divisionCode: filter.divisionCode };
    // A county department sees only the tasks assigned to it.
    if (hasRole(ctx.identity, 'COUNTY_DEPARTMENT') && !isCountyWide(ctx.identity) && !isDivisionStaff(ctx.identity)) {
      return listTasks(ctx.runtime.ds, { ...f, assignedTo: { staffId: ctx.identity.sub, department: ctx.identity.department } }, limit, taskAfter(after));
    }
    requireDivisionScope(ctx, filter.divisionCode);
    return listTasks(ctx.runtime.ds, f, limit, taskAfter(after));
  },

  taskCounts: async (_p, { divisionCode }, ctx) => {
    requireDivisionScope(ctx, divisionCode);
    return taskCounts(ctx.runtime.ds, divisionCode);
  },

  meeting: async (_p, { id }, ctx) => {
    requireSignedIn(ctx.identity);
    const m = await ctx.loaders.meeting.load(id);
    if (!m) return null;
    requireDivisionScope(ctx, m.villageCode);
    return m;
  },

  meetings: async (_p, { villageCode, status, ...args }, ctx) => {
    requireDivisionScope(ctx, villageCode);
    const { limit, after } = pageArgs(args);
    const qb = ctx.runtime.ds.getRepository(MeetingEntity).createQueryBuilder('m').where('m.village_code = :villageCode', { villageCode });
    if (status) qb.andWhere('m.status = :status', { status });
    if (after) {
      const [at, id] = after;
      if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
      qb.andWhere('(m.scheduled_at, m.id) < (:at::timestamptz, :id::uuid)', { at, id });
    }
    const rows = await qb.orderBy('m.scheduled_at', 'DESC').addOrderBy('m.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const edges = page.map((node) => ({ cursor: encodeCursor([node.scheduledAt.toISOString(), node.id]), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  },

  whereaboutsFeedback: async (_p, { taskId }, ctx) => {
    requireSignedIn(ctx.identity);
    const t = await ctx.loaders.task.load(taskId);
    if (!t) return null;
    if (!canSeeTask(ctx.identity, t)) deny('This task is outside your scope');
    const [form] = await ctx.runtime.ds.query(`SELECT id FROM tasks.form WHERE task_id = $1 AND form_type = 'WHEREABOUTS_FEEDBACK' ORDER BY submitted_at DESC LIMIT 1`, [taskId]);
    if (!form) return null;
    return ctx.runtime.ds.getRepository(FormEntity).findOneBy({ id: form.id });
  },
};
