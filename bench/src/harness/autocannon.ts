import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './load';

export interface LoadResult {
  target: string;
  operation: string;
  url: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Connection errors, timeouts and non-2xx answers over all requests. */
  errorRate: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Whether a sampled answer carried GraphQL errors (autocannon only sees the status code). */
  graphqlErrors: string | null;
  serverRssMb?: { before: number; after: number };
}

/**
 * Runs autocannon in its own process (the product runs in this one, so the load generator must not
 * share its event loop) and returns its JSON summary.
 */
export async function runAutocannon(opts: {
  url: string;
  headers: Record<string, string>;
  body: string;
  durationSeconds: number;
  connections: number;
}): Promise<Omit<LoadResult, 'target' | 'operation' | 'graphqlErrors'>> {
  const bin = path.join(REPO_ROOT, 'node_modules/.bin/autocannon');
  const args = [
    '-j',
    '-n',
    '-c',
    String(opts.connections),
    '-d',
    String(opts.durationSeconds),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    opts.body,
  ];
  for (const [k, v] of Object.entries(opts.headers)) args.push('-H', `${k}=${v}`);
  args.push(opts.url);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code: number | null = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited ${code}: ${err.slice(-400)}`);
  const r = JSON.parse(out) as {
    requests: { total: number; average: number };
    latency: { p50: number; p90: number; p99: number; max: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  };
  const total = r.requests.total + r.errors;
  return {
    url: opts.url,
    connections: opts.connections,
    durationSeconds: r.duration,
    requests: r.requests.total,
    requestsPerSecond: r.requests.total / r.duration,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: r.latency.average,
    },
    errorRate: total ? (r.non2xx + r.errors + r.timeouts) / total : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}
