import type { Identity } from '@zhiyuan/auth';
import type { Dataset } from '../generator';
import type { LoadedData } from '../harness/load';
import { callerFor, gql } from '../harness/client';
import { runAutocannon, type LoadResult } from '../harness/autocannon';
import { treeRss } from '../harness/load';

/** The village and township with the most open loaded cases, and a case worth showing in detail. */
export function pickTargets(
  ds: Dataset,
  data: LoadedData,
  judgments: number,
): { village: string; township: string; caseId: string | undefined; caseNumber: string | undefined } {
  const byVillage = new Map<string, number>();
  let detail: { id: string; number: string } | undefined;
  for (const j of ds.judgments(0, judgments)) {
    if (!data.caseIds[j.index]) continue;
    if (j.outcome === 'OPEN' || j.outcome === 'INSTALMENTS' || j.outcome === 'TERMINATED_THIS_ROUND') {
      const v = ds.party(j.obligorIndex).homeDivisionCode;
      byVillage.set(v, (byVillage.get(v) ?? 0) + 1);
    }
    if (
      !detail &&
      j.outcome === 'OPEN' &&
      j.steps.some((s) => s.kind === 'listDishonest') &&
      j.steps.some((s) => s.kind === 'payment')
    )
      detail = { id: data.caseIds[j.index]!, number: j.caseNumber };
  }
  const village = [...byVillage.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '330522104201';
  const fallback = data.caseIds.find(Boolean);
  return { village, township: village.slice(0, 9), caseId: detail?.id ?? fallback, caseNumber: detail?.number };
}

/**
 * `zhiyuan-gateway`: ours as configured by default (response cache on, one process);
 * `zhiyuan-gateway-no-cache`: the same with RESPONSE_CACHE=off; `zhiyuan-gateway-2-workers`:
 * GATEWAY_WORKERS=2. Each gateway runs in its own process.
 */
export type Target =
  | 'zhiyuan-gateway'
  | 'zhiyuan-gateway-no-cache'
  | 'zhiyuan-gateway-2-workers'
  | 'zhiyuan-gateway-untraced'
  | 'zhiyuan-gateway-traced'
  | 'hive-gateway'
  | 'subgraph-direct';

/**
 * One autocannon run of one operation against one target, after a checked sample request. With
 * `pid`, the memory reported is that of the target's process tree, else that of this process.
 */
export async function measure(
  target: Target,
  operationName: string,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  who: Identity,
  opts: { durationSeconds: number; connections: number },
  pid?: number,
): Promise<LoadResult> {
  const caller = await callerFor(who);
  const headers = target.startsWith('zhiyuan-gateway') ? caller.gatewayHeaders : caller.internalHeaders;
  const sample = await gql(url, query, variables, headers);
  const graphqlErrors = sample.errors?.length
    ? sample.errors
        .map((e) => `${String(e.extensions?.code ?? '')} ${e.message}`)
        .slice(0, 3)
        .join(' | ')
    : sample.status !== 200
      ? `HTTP ${sample.status}`
      : null;
  const rss = () => (pid ? treeRss(pid) : process.memoryUsage().rss);
  const before = rss();
  const r = await runAutocannon({
    url,
    headers,
    body: JSON.stringify({ query, variables }),
    durationSeconds: opts.durationSeconds,
    connections: opts.connections,
  });
  const after = rss();
  return {
    target,
    operation: operationName,
    ...r,
    graphqlErrors,
    serverRssMb: { before: Math.round(before / 1e6), after: Math.round(after / 1e6) },
  };
}
