import { identity } from '@zhiyuan/testing';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import type { LoadResult } from '../harness/autocannon';
import { ALL_TIME, operation } from '../harness/operations';
import type { RunOptions } from '../run';
import { measure, pickTargets } from './common';

export interface CockpitResults {
  scale: string;
  township: string;
  runs: LoadResult[];
}

/** The township dashboard (cockpit figures and village ranking) under load, through the gateway and at metrics. */
export async function cockpitScenario(env: BenchEnvironment, ds: Dataset, data: LoadedData, opts: RunOptions): Promise<CockpitResults> {
  const t = pickTargets(ds, data, opts.judgments);
  const liaison = identity(['TOWNSHIP_LIAISON'], { sub: 'bench-liaison', divisionCode: t.township });
  const q = operation('TownshipDashboard');
  const vars = { townshipCode: t.township, period: ALL_TIME };
  const runs: LoadResult[] = [];
  for (const [target, url] of [['zhiyuan-gateway', env.stack.gatewayUrl], ['subgraph-direct', env.stack.services.metrics.url]] as const) {
    opts.log(`cockpit: TownshipDashboard via ${target}`);
    runs.push(await measure(target, 'TownshipDashboard', url, q, vars, liaison, opts));
    const last = runs[runs.length - 1]!;
    opts.log(`  ${Math.round(last.requestsPerSecond)} req/s, p99 ${last.latencyMs.p99} ms${last.graphqlErrors ? `, errors: ${last.graphqlErrors}` : ''}`);
  }
  return { scale: opts.scale, township: t.township, runs };
}
