import { identity } from '@zhiyuan/testing';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import type { LoadResult } from '../harness/autocannon';
import { startGatewayProcess, startHiveProcess, type ServerProcess } from '../harness/processes';
import { ALL_TIME, operation } from '../harness/operations';
import type { RunOptions } from '../run';
import { measure, pickTargets, type Target } from './common';

export interface GatewayResults {
  targets: { village: string; township: string; caseId: string | null };
  runs: LoadResult[];
  /** Subgraph alone ÷ our gateway, requests per second, on one-subgraph operations. */
  overheadRatios: { operation: string; ratio: number }[];
  /** Our gateway (as configured by default: response cache on) ÷ the Hive gateway, requests per second. */
  peerRatios: { operation: string; ratio: number }[];
  /** The same with our response cache off (the operations it applies to), and with two cluster workers. */
  peerRatiosNoCache: { operation: string; ratio: number }[];
  peerRatiosTwoWorkers: { operation: string; ratio: number }[];
  /** How each gateway ran. */
  conditions: string;
  peerError?: string;
}

/**
 * The frontends' operations under load through our gateway, through @graphql-hive/gateway over the
 * same supergraph and subgraphs, and (for one-subgraph operations) straight at the owning subgraph.
 * Every gateway runs in a process of its own; the subgraphs share the benchmark's process. Ours runs
 * as configured by default (response cache on), with the cache off for the operations it applies
 * to, and with two cluster workers for the operations it does not apply to.
 */
export async function gatewayScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
): Promise<GatewayResults> {
  const t = pickTargets(ds, data, opts.judgments);
  const stack = env.stack;
  const cadre = identity(['VILLAGE_CADRE'], { sub: 'bench-cadre', divisionCode: t.village });
  const admin = identity(['ADMIN'], { sub: 'bench-admin', divisionCode: '330522' });
  const judge = identity(['JUDGE'], { sub: 'bench-judge', divisionCode: '330522' });
  const ops: { name: string; vars: Record<string, unknown>; who: typeof admin; direct?: string; cached: boolean }[] = [
    {
      name: 'VillageDashboard',
      vars: { villageCode: t.village, first: 20, period: ALL_TIME },
      who: cadre,
      cached: true,
    },
    { name: 'CaseDetail', vars: { id: t.caseId, period: ALL_TIME }, who: admin, cached: false },
    {
      name: 'CountyCockpitRanking',
      vars: { countyCode: '330522', kpi: 'COMPLETION_RATE', period: ALL_TIME },
      who: judge,
      direct: stack.services.metrics.url,
      cached: true,
    },
    {
      name: 'CaseList',
      vars: { filter: { divisionCode: t.township, open: true }, first: 20 },
      who: admin,
      direct: stack.services.cases.url,
      cached: false,
    },
  ];
  let peer: ServerProcess | undefined;
  let noCache: ServerProcess | undefined;
  let twoWorkers: ServerProcess | undefined;
  let peerError: string | undefined;
  const runs: LoadResult[] = [];
  try {
    try {
      peer = await startHiveProcess(stack);
    } catch (err) {
      peerError = String(err);
    }
    noCache = await startGatewayProcess(stack, { natsUrl: env.nats?.url, env: { RESPONSE_CACHE: 'off' } });
    twoWorkers = await startGatewayProcess(stack, { natsUrl: env.nats?.url, env: { GATEWAY_WORKERS: '2' } });
    for (const op of ops) {
      const q = operation(op.name);
      const targets: [Target, string, number | undefined][] = [['zhiyuan-gateway', stack.gatewayUrl, env.gateway.pid]];
      if (op.cached) targets.push(['zhiyuan-gateway-no-cache', noCache.url, noCache.pid]);
      else targets.push(['zhiyuan-gateway-2-workers', twoWorkers.url, twoWorkers.pid]);
      if (peer) targets.push(['hive-gateway', peer.url, peer.pid]);
      if (op.direct) targets.push(['subgraph-direct', op.direct, undefined]);
      for (const [target, url, pid] of targets) {
        opts.log(`gateway: ${op.name} via ${target} for ${opts.durationSeconds} s`);
        runs.push(await measure(target, op.name, url, q, op.vars, op.who, opts, pid));
        const last = runs[runs.length - 1]!;
        opts.log(
          `  ${Math.round(last.requestsPerSecond)} req/s, p50 ${last.latencyMs.p50} ms, p99 ${last.latencyMs.p99} ms${last.graphqlErrors ? `, errors: ${last.graphqlErrors}` : ''}`,
        );
      }
    }
  } finally {
    await peer?.stop();
    await noCache?.stop();
    await twoWorkers?.stop();
  }
  const rps = (op: string, target: Target) =>
    runs.find((r) => r.operation === op && r.target === target)?.requestsPerSecond;
  const overheadRatios = ops
    .filter((o) => o.direct)
    .map((o) => ({
      operation: o.name,
      ratio: (rps(o.name, 'subgraph-direct') ?? NaN) / (rps(o.name, 'zhiyuan-gateway') ?? NaN),
    }));
  const ratio = (o: string, ours: Target) => ({
    operation: o,
    ratio: (rps(o, ours) ?? NaN) / (rps(o, 'hive-gateway') ?? NaN),
  });
  const peerRatios = peer ? ops.map((o) => ratio(o.name, 'zhiyuan-gateway')) : [];
  const peerRatiosNoCache = peer
    ? ops.filter((o) => o.cached).map((o) => ratio(o.name, 'zhiyuan-gateway-no-cache'))
    : [];
  const peerRatiosTwoWorkers = peer
    ? ops.filter((o) => !o.cached).map((o) => ratio(o.name, 'zhiyuan-gateway-2-workers'))
    : [];
  const conditions = `each gateway in a process of its own (ours: gateway/src/main.ts as deployed, NODE_ENV=development with an HS256 token, supergraph introspected; Hive: its runtime alone), ${env.subgraphs === 'processes' ? 'each subgraph in a process of its own' : 'the four subgraphs in the benchmark process'}, autocannon in another; the response cache is measured without concurrent writes (no event drops it during a run)`;
  return {
    targets: { village: t.village, township: t.township, caseId: t.caseId ?? null },
    runs,
    overheadRatios,
    peerRatios,
    peerRatiosNoCache,
    peerRatiosTwoWorkers,
    conditions,
    peerError,
  };
}
