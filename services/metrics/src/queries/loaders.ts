import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { sqlRows } from '@zhiyuan/db';
import { isUuid } from '@zhiyuan/kernel';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { PerformanceRuleSetEntity, WarningRuleEntity, type WarningEntity } from '../entities';
import type { DivisionStatsModel, StatsParts } from '../projection/kpis';
import { periodKey, type Period } from '../projection/period';
import type { OutcomeCounts } from '../projection/scores';
import { loadDivisionStats } from './division-stats';
import { judgeOutcomeCounts } from './judge-scores';
import { warningFromRow, type WarningRow } from './warnings';

/** One loader per distinct argument value (a period, a status), each batching its keys. */
function perArgument<A, K, V>(key: (a: A) => string, make: (a: A) => DataLoader<K, V>) {
  const loaders = new Map<string, DataLoader<K, V>>();
  return (arg: A) => {
    const k = key(arg);
    let l = loaders.get(k);
    if (!l) loaders.set(k, (l = make(arg)));
    return l;
  };
}

/**
 * Built per request: one batched query per entity or relation, whatever the page size. The figures
 * (division stats, judges' outcome counts) read `readDs`, the streaming replica when there is one:
 * they are read models the events build, behind the primary anyway; the rest reads `ds`.
 */
export function createLoaders(ds: DataSource, readDs: DataSource = ds) {
  return {
    stats: perArgument<{ period: Period; parts: StatsParts }, string, DivisionStatsModel>(
      (a) => `${periodKey(a.period)}|${a.parts.dims}|${a.parts.snapshot}`,
      (a) => new DataLoader((codes) => loadDivisionStats(readDs, codes, a.period, a.parts)),
    ),
    judgeCounts: perArgument<Period, string, OutcomeCounts>(
      periodKey,
      (p) =>
        new DataLoader(async (ids) => {
          // Only well-formed ids reach the uuid[] cast; any other id simply has no counts.
          const valid = ids.filter(isUuid);
          const m = valid.length ? await judgeOutcomeCounts(readDs, valid, p) : new Map<string, OutcomeCounts>();
          return ids.map((id) => m.get(id) ?? new Map());
        }),
    ),
    ruleSet: loaderByKey<string, PerformanceRuleSetEntity>(
      (ids) => ds.getRepository(PerformanceRuleSetEntity).findBy({ id: In([...ids]) }),
      (r) => r.id,
    ),
    warningRule: loaderByKey<string, WarningRuleEntity>(
      (ids) => ds.getRepository(WarningRuleEntity).findBy({ id: In([...ids]) }),
      (r) => r.id,
    ),
    warningsOf: perArgument<string, string, WarningEntity[]>(
      (status) => status,
      (status) =>
        listLoaderByKey<string, WarningEntity>(
          (codes) =>
            sqlRows<WarningRow>(
              ds,
              `SELECT * FROM (SELECT w.*, row_number() OVER (PARTITION BY division_code ORDER BY raised_at DESC, id) AS rn FROM metrics.warning w
               WHERE division_code = ANY($1) AND ($2 = '' OR status = $2)) x WHERE rn <= 100 ORDER BY raised_at DESC, id`,
              [[...codes], status],
            ).then((rows) => rows.map(warningFromRow)),
          (w) => w.divisionCode,
        ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
