import type { DataSource, EntityManager } from 'typeorm';
import { PerformanceRuleSetEntity } from '../entities';

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
