/**
 * The traffic scenario's load generator, in a process of its own (`tsx src/traffic/driver.ts CONFIG`):
 * `connections` loops each send one request after another to the gateway until the duration is over,
 * every request drawn by the traffic generator (its own identity, token and arguments). Prints a JSON
 * summary per operation on stdout.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { trafficGenerator, type TrafficOperation, type TrafficUniverse } from './mix';

export interface DriverConfig {
  url: string;
  universe: TrafficUniverse;
  queries: Record<TrafficOperation, string>;
  mix?: Record<TrafficOperation, number>;
  seed: number;
  connections: number;
  durationSeconds: number;
}

export interface OperationTally {
  requests: number;
  /** Transport errors and non-2xx answers. */
  httpErrors: number;
  /** 2xx answers carrying GraphQL errors, by the first error's code. */
  graphqlErrors: Record<string, number>;
  latenciesMs: number[];
}

export interface DriverOutput {
  seconds: number;
  byOperation: Record<string, OperationTally>;
  firstErrors: string[];
}

async function main(): Promise<void> {
  const cfg = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as DriverConfig;
  const next = trafficGenerator(cfg.universe, { seed: cfg.seed, mix: cfg.mix });
  const agent = new Agent({ connections: cfg.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const byOperation: Record<string, OperationTally> = {};
  const firstErrors: string[] = [];
  const note = (m: string) => {
    if (firstErrors.length < 10 && !firstErrors.includes(m)) firstErrors.push(m);
  };
  const t0 = performance.now();
  const end = t0 + cfg.durationSeconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const r = next();
      const tally = (byOperation[r.operation] ??= { requests: 0, httpErrors: 0, graphqlErrors: {}, latenciesMs: [] });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (r.who.token) headers.authorization = `Bearer ${r.who.token}`;
      const started = performance.now();
      try {
        const res = await request(cfg.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: cfg.queries[r.operation], variables: r.variables }),
          dispatcher: agent,
        });
        const text = await res.body.text();
        tally.latenciesMs.push(performance.now() - started);
        tally.requests++;
        if (res.statusCode < 200 || res.statusCode >= 300) {
          tally.httpErrors++;
          note(`${r.operation} HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
        } else if (text.includes('"errors"')) {
          let code = 'UNKNOWN';
          try {
            const e = (JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] })
              .errors?.[0];
            code = String(e?.extensions?.code ?? 'UNKNOWN');
            note(`${r.operation} as ${r.who.role} ${JSON.stringify(r.variables)}: ${code} ${e?.message ?? ''}`);
          } catch {
            /* counted as UNKNOWN */
          }
          tally.graphqlErrors[code] = (tally.graphqlErrors[code] ?? 0) + 1;
        }
      } catch (err) {
        tally.latenciesMs.push(performance.now() - started);
        tally.requests++;
        tally.httpErrors++;
        note(`${r.operation}: ${String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: cfg.connections }, loop));
  const out: DriverOutput = { seconds: (performance.now() - t0) / 1000, byOperation, firstErrors };
  process.stdout.write(JSON.stringify(out));
  await agent.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
