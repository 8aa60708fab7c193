import { z } from 'zod';
import { errors, pageArgs, parseInput, toConnection } from '@zhiyuan/server';
import { canReadDivision, isCountyReader, requireAdmin, requireCountyReader, requireReadDivision } from '../access';
import { JudicialSuggestionEntity, PerformanceRuleSetEntity, WarningRuleEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers-types';
import { instantIdCursor, isoDay } from '../keys';
import { warningFromRow } from '../loaders';
import { loadDisputeSeries, loadDisputes, loadRanking, loadSeries, partsFor } from '../projection/kpis';
import { daysBetween, resolvePeriod } from '../projection/period';
import { simulate } from '../projection/scores';
import { activeRuleSet } from './rule-sets';
import { loadAuditLog } from './audit-log';
import { selectedFields } from './selection';

const code = z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6, 9 or 12 digit division code');
const uuid = z.uuid();

// Argument schemas are built once: a zod object schema built per request is compiled again on its first parse.
const codeArgs = z.object({ code });
const divisionCodeArgs = z.object({ divisionCode: code });
const parentCodeArgs = z.object({ parentCode: z.string().regex(/^\d{6}(\d{3})?$/, 'a county or township code') });
const idArgs = z.object({ id: uuid });
const firstArgs = z.object({ first: z.number().int().min(1).max(500) });
const rangeArgs = z
  .object({ from: isoDay, to: isoDay })
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'to must not be before from' })
  .refine((v) => daysBetween(v.from, v.to) <= 3660, { path: ['to'], message: 'at most 3660 days' });

function parseRange(args: { from: string; to: string; granularity?: string | null }) {
  const r = parseInput(rangeArgs, { from: args.from, to: args.to });
  return { ...r, granularity: (args.granularity ?? 'MONTH') as 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR' };
}

export const Query: QueryResolvers = {
  divisionStats: async (_p, args, { identity, loaders }, info) => {
    const c = parseInput(codeArgs, args).code;
    requireReadDivision(identity, c);
    return loaders.stats({ period: resolvePeriod(args.period), parts: partsFor(selectedFields(info)) }).load(c);
  },
  divisionSeries: async (_p, args, { identity, runtime }) => {
    const c = parseInput(codeArgs, { code: args.code }).code;
    requireReadDivision(identity, c);
    const r = parseRange(args);
    if (r.granularity === 'DAY' && daysBetween(r.from, r.to) > 366) throw errors.validation('to', 'a daily series spans at most 366 days');
    return loadSeries(runtime.ds, c, args.kpi, r.from, r.to, r.granularity);
  },
  divisionRanking: async (_p, args, { identity, runtime }) => {
    const c = parseInput(parentCodeArgs, { parentCode: args.parentCode }).parentCode;
    requireReadDivision(identity, c);
    return loadRanking(runtime.ds, c, args.kpi, resolvePeriod(args.period));
  },
  disputeStats: async (_p, args, { identity, runtime }) => {
    const c = parseInput(codeArgs, { code: args.code }).code;
    requireReadDivision(identity, c);
    return loadDisputes(runtime.ds, c, resolvePeriod(args.period));
  },
  disputeSeries: async (_p, args, { identity, runtime }) => {
    const c = parseInput(codeArgs, { code: args.code }).code;
    requireReadDivision(identity, c);
    const r = parseRange(args);
    return loadDisputeSeries(runtime.ds, c, r.from, r.to, r.granularity);
  },
  performanceRuleSets: async (_p, { status }, { identity, runtime }) => {
    requireCountyReader(identity);
    return runtime.ds.getRepository(PerformanceRuleSetEntity).find({ where: status ? { status } : {}, order: { version: 'DESC' }, take: 500 });
  },
  performanceRuleSet: async (_p, { id }, { identity, loaders }) => {
    requireCountyReader(identity);
    return loaders.ruleSet.load(parseInput(idArgs, { id }).id);
  },
  activePerformanceRuleSet: async (_p, _a, { identity, runtime }) => {
    requireCountyReader(identity);
    return activeRuleSet(runtime.ds);
  },
  simulatePerformanceRuleSet: async (_p, args, { identity, runtime, loaders }) => {
    requireAdmin(identity);
    const id = parseInput(idArgs, { id: args.id }).id;
    const candidate = await loaders.ruleSet.load(id);
    if (!candidate) throw errors.notFound('PerformanceRuleSet', id);
    return simulate(runtime.ds, candidate, await activeRuleSet(runtime.ds), args.period ? resolvePeriod(args.period) : null);
  },
  judgeScores: async (_p, { first }, { identity, runtime }) => {
    requireCountyReader(identity);
    const n = parseInput(firstArgs, { first: first ?? 50 }).first;
    const rows: { judge_id: string; raw_count: number; weighted: string }[] = await runtime.ds.query(
      `SELECT judge_id, raw_count, weighted FROM metrics.judge_score ORDER BY weighted DESC, judge_id LIMIT $1`,
      [n],
    );
    return rows.map((r) => ({ judgeId: r.judge_id, rawCount: r.raw_count, weightedScore: Math.round(Number(r.weighted) * 100) / 100 }));
  },
  warningRules: async (_p, _a, { identity, runtime }) => {
    if (!isCountyReader(identity) && !canReadDivision(identity, identity.divisionCode ?? '')) throw errors.forbidden();
    return runtime.ds.getRepository(WarningRuleEntity).find({ order: { name: 'ASC' }, take: 500 });
  },
  warnings: async (_p, args, { identity, runtime }) => {
    const { limit, after: rawAfter } = pageArgs(args);
    const after = instantIdCursor(rawAfter);
    const where: string[] = [];
    const params: unknown[] = [];
    if (args.status) {
      params.push(args.status);
      where.push(`status = $${params.length}`);
    }
    if (args.divisionCode) {
      const c = parseInput(divisionCodeArgs, { divisionCode: args.divisionCode }).divisionCode;
      requireReadDivision(identity, c);
      params.push(c);
      where.push(`division_code LIKE $${params.length} || '%'`);
    } else if (!isCountyReader(identity)) {
      // Division users see only their own division and the divisions under it.
      if (!identity.divisionCode || !canReadDivision(identity, identity.divisionCode)) throw errors.forbidden('Warnings are outside your scope');
      params.push(identity.divisionCode);
      where.push(`division_code LIKE $${params.length} || '%'`);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(raised_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Record<string, unknown>[] = await runtime.ds.query(
      `SELECT * FROM metrics.warning ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return toConnection(rows.map(warningFromRow), limit, (w) => [w.raisedAt.toISOString(), w.id]);
  },
  judicialSuggestions: async (_p, args, { identity, runtime }) => {
    requireCountyReader(identity);
    const { limit, after: rawAfter } = pageArgs(args);
    const after = instantIdCursor(rawAfter);
    const qb = runtime.ds.getRepository(JudicialSuggestionEntity).createQueryBuilder('s').orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'DESC').take(limit + 1);
    if (args.status) qb.andWhere('s.status = :status', { status: args.status });
    if (after) qb.andWhere('(s.created_at, s.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toConnection(rows, limit, (s) => [s.createdAt.toISOString(), s.id]);
  },
  judicialSuggestion: async (_p, { id }, { identity, runtime }) => {
    requireCountyReader(identity);
    return runtime.ds.getRepository(JudicialSuggestionEntity).findOneBy({ id: parseInput(idArgs, { id }).id });
  },
  auditLog: async (_p, args, { identity, runtime }) => {
    requireAdmin(identity);
    return loadAuditLog(runtime.ds, args.filter, args);
  },
};
