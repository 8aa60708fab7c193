import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { identity } from '@zhiyuan/testing';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import type { LoadResult } from '../harness/autocannon';
import { startGatewayProcess, startSubgraphProcesses } from '../harness/processes';
import { ALL_TIME, operation } from '../harness/operations';
import type { RunOptions } from '../run';
import { measure, pickTargets } from './common';

export interface TracingResults {
  village: string;
  runs: LoadResult[];
  /** Traced ÷ untraced: requests per second (below 1 is the cost) and p99 latency (above 1 is the cost). */
  ratio: { requestsPerSecond: number; p99: number };
  /** Spans the collector stand-in received while tracing was on (it answers every export at once). */
  exportRequests: number;
  exportedBytes: number;
  /** The machine's 1-minute load average as each run started: above the core count, the ratio is mostly noise. */
  loadAverages: number[];
  conditions: string;
}

/**
 * The cost of tracing: the village dashboard (response cache off, so every request runs the plan,
 * the subgraph fetches and their SQL) through a gateway and four subgraphs in processes of their own,
 * once without OTEL_EXPORTER_OTLP_ENDPOINT and once with it, pointed at a stand-in collector in this
 * process that accepts every OTLP/HTTP export. Both sets run on the same loaded database, one after
 * the other, so they never compete for the cores.
 */
export async function tracingScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
): Promise<TracingResults> {
  const t = pickTargets(ds, data, opts.judgments);
  const cadre = identity(['VILLAGE_CADRE'], { sub: 'bench-cadre', divisionCode: t.village });
  const q = operation('VillageDashboard');
  const vars = { villageCode: t.village, first: 20, period: ALL_TIME };
  const collector = { requests: 0, bytes: 0 };
  const sink = http.createServer((req, res) => {
    collector.requests++;
    req.on('data', (d: Buffer) => (collector.bytes += d.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  const runs: LoadResult[] = [];
  const loadAverages: number[] = [];
  try {
    for (const traced of [false, true]) {
      const otel: Record<string, string> = traced ? { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } : {};
      // The loaded database is seeded already; durable consumers are shared with the running set, harmlessly (reads only).
      const subgraphs = await startSubgraphProcesses({
        databaseUrl: env.db.url,
        natsUrl: env.nats?.url,
        env: { ...otel, SEED_DEMO_DATA: 'false' },
      });
      try {
        const gateway = await startGatewayProcess(subgraphs, {
          natsUrl: env.nats?.url,
          env: { ...otel, RESPONSE_CACHE: 'off' },
        });
        try {
          const target = traced ? 'zhiyuan-gateway-traced' : 'zhiyuan-gateway-untraced';
          opts.log(`tracing: VillageDashboard via ${target} for ${opts.durationSeconds} s`);
          loadAverages.push(os.loadavg()[0]!);
          const r = await measure(target, 'VillageDashboard', gateway.url, q, vars, cadre, opts, gateway.pid);
          opts.log(`  ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms`);
          runs.push(r);
        } finally {
          await gateway.stop();
        }
      } finally {
        await subgraphs.stop();
      }
    }
  } finally {
    await new Promise((r) => sink.close(r));
  }
  const [off, on] = runs as [LoadResult, LoadResult];
  return {
    village: t.village,
    runs,
    ratio: {
      requestsPerSecond: on.requestsPerSecond / off.requestsPerSecond,
      p99: on.latencyMs.p99 / Math.max(off.latencyMs.p99, 0.001),
    },
    exportRequests: collector.requests,
    exportedBytes: collector.bytes,
    loadAverages,
    conditions:
      'gateway (response cache off) and four subgraphs each in a process of their own, as deployed; traced: the SDK with the http, undici, pg and graphql instrumentations, every span sampled, batched OTLP/HTTP export to a stand-in collector that answers at once',
  };
}
