import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { CASE_OUTCOMES } from '@zhiyuan/events';
import type { Identity } from '@zhiyuan/auth';
import { errors, uuidSchema } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { PerformanceRuleSetEntity } from '../entities';
import { resolvePeriod } from '../projection/period';
import { requireAdmin, requireCountyReader } from '../policy';
import { simulate } from './judge-scores';
import type { Loaders } from './loaders';
import type { JudgeScoreComparisonModel } from './models';

export async function activeRuleSet(ds: DataSource | EntityManager): Promise<PerformanceRuleSetEntity> {
  const rs = await ds.getRepository(PerformanceRuleSetEntity).findOneBy({ status: 'ACTIVE' });
  if (!rs) throw new Error('no active performance rule set (the first migration installs one)');
  return rs;
}

/**
 * The rule set in force on a day: among the sets ever activated, the one with the latest effective
 * date on or before that day (the later activation wins a tie); the active set when none was yet.
 */
export async function ruleSetInForce(ds: DataSource, day: string): Promise<PerformanceRuleSetEntity> {
  const found = await ds
    .getRepository(PerformanceRuleSetEntity)
    .createQueryBuilder('r')
    .where('r.activated_at IS NOT NULL AND r.effective_from <= :day', { day })
    .orderBy('r.effective_from', 'DESC')
    .addOrderBy('r.activated_at', 'DESC')
    .getOne();
  return found ?? activeRuleSet(ds);
}

const idArgs = z.object({ id: uuidSchema });

export async function listRuleSets(
  ds: DataSource,
  identity: Identity,
  status: PerformanceRuleSetEntity['status'] | null | undefined,
): Promise<PerformanceRuleSetEntity[]> {
  requireCountyReader(identity);
  return ds
    .getRepository(PerformanceRuleSetEntity)
    .find({ where: status ? { status } : {}, order: { version: 'DESC' }, take: 500 });
}

export async function ruleSetById(
  identity: Identity,
  loaders: Loaders,
  id: unknown,
): Promise<PerformanceRuleSetEntity | null> {
  requireCountyReader(identity);
  return loaders.ruleSet.load(parseInput(idArgs, { id }).id);
}

export async function activeRuleSetFor(ds: DataSource, identity: Identity): Promise<PerformanceRuleSetEntity> {
  requireCountyReader(identity);
  return activeRuleSet(ds);
}

/** Per-judge scores under a draft next to the active set; reads only. */
export async function simulateRuleSet(
  ds: DataSource,
  identity: Identity,
  loaders: Loaders,
  args: { id: unknown; period?: unknown },
): Promise<JudgeScoreComparisonModel[]> {
  requireAdmin(identity);
  const id = parseInput(idArgs, { id: args.id }).id;
  const candidate = await loaders.ruleSet.load(id);
  if (!candidate) throw errors.notFound('PerformanceRuleSet', id);
  return simulate(ds, candidate, await activeRuleSet(ds), args.period ? resolvePeriod(args.period) : null);
}

/** A rule set's weight for every outcome (1 where it names none). */
export function weightsOf(
  r: Pick<PerformanceRuleSetEntity, 'weights'>,
): { outcome: (typeof CASE_OUTCOMES)[number]; weight: number }[] {
  return CASE_OUTCOMES.map((outcome) => ({ outcome, weight: Number(r.weights[outcome] ?? 1) }));
}
