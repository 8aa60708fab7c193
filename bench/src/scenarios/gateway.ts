import { identity } from '@zhiyuan/testing';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import type { LoadResult } from '../harness/autocannon';
import { composeForStack, startHiveGateway } from '../harness/supergraph';
import { ALL_TIME, operation } from '../harness/operations';
import type { RunOptions } from '../run';
import { measure, pickTargets, type Target } from './common';

export interface GatewayResults {
  targets: { village: string; township: string; caseId: string | null };
  runs: LoadResult[];
  /** Subgraph alone ÷ our gateway, requests per second, on one-subgraph operations. */
  overheadRatios: { operation: string; ratio: number }[];
  /** Our gateway ÷ the Hive gateway, requests per second. */
  peerRatios: { operation: string; ratio: number }[];
  peerError?: string;
}

/**
 * The frontends' operations under load through our gateway, through @graphql-hive/gateway over the
 * same supergraph and subgraphs, and (for one-subgraph operations) straight at the owning subgraph.
 */
export async function gatewayScenario(env: BenchEnvironment, ds: Dataset, data: LoadedData, opts: RunOptions): Promise<GatewayResults> {
  const t = pickTargets(ds, data, opts.judgments);
  const stack = env.stack;
  const cadre = identity(['VILLAGE_CADRE'], { sub: 'bench-cadre', divisionCode: t.village });
  const admin = identity(['ADMIN'], { sub: 'bench-admin', divisionCode: '330522' });
  const judge = identity(['JUDGE'], { sub: 'bench-judge', divisionCode: '330522' });
  const ops: { name: string; vars: Record<string, unknown>; who: typeof admin; direct?: string }[] = [
    { name: 'VillageDashboard', vars: { villageCode: t.village, first: 20, period: ALL_TIME }, who: cadre },
    { name: 'CaseDetail', vars: { id: t.caseId, period: ALL_TIME }, who: admin },
    { name: 'CountyCockpitRanking', vars: { countyCode: '330522', kpi: 'COMPLETION_RATE', period: ALL_TIME }, who: judge, direct: stack.services.metrics.url },
    { name: 'CaseList', vars: { filter: { divisionCode: t.township, open: true }, first: 20 }, who: admin, direct: stack.services.cases.url },
  ];
  let peer: Awaited<ReturnType<typeof startHiveGateway>> | undefined;
  let peerError: string | undefined;
  try {
    peer = await startHiveGateway(composeForStack(stack));
  } catch (err) {
    peerError = String(err);
  }
  const runs: LoadResult[] = [];
  try {
    for (const op of ops) {
      const q = operation(op.name);
      const targets: [Target, string][] = [['zhiyuan-gateway', stack.gatewayUrl]];
      if (peer) targets.push(['hive-gateway', peer.url]);
      if (op.direct) targets.push(['subgraph-direct', op.direct]);
      for (const [target, url] of targets) {
        opts.log(`gateway: ${op.name} via ${target} for ${opts.durationSeconds} s`);
        runs.push(await measure(target, op.name, url, q, op.vars, op.who, opts));
        const last = runs[runs.length - 1]!;
        opts.log(`  ${Math.round(last.requestsPerSecond)} req/s, p50 ${last.latencyMs.p50} ms, p99 ${last.latencyMs.p99} ms${last.graphqlErrors ? `, errors: ${last.graphqlErrors}` : ''}`);
      }
    }
  } finally {
    await peer?.stop();
  }
  const rps = (op: string, target: Target) => runs.find((r) => r.operation === op && r.target === target)?.requestsPerSecond;
  const overheadRatios = ops
    .filter((o) => o.direct)
    .map((o) => ({ operation: o.name, ratio: (rps(o.name, 'subgraph-direct') ?? NaN) / (rps(o.name, 'zhiyuan-gateway') ?? NaN) }));
  const peerRatios = peer ? ops.map((o) => ({ operation: o.name, ratio: (rps(o.name, 'zhiyuan-gateway') ?? NaN) / (rps(o.name, 'hive-gateway') ?? NaN) })) : [];
  return { targets: { village: t.village, township: t.township, caseId: t.caseId ?? null }, runs, overheadRatios, peerRatios, peerError };
}
