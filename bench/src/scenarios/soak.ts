import os from 'node:os';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import { postgresBackends, processTree, rssBytes } from '../harness/proc';
import {
  flatness,
  referenceSecondsFor,
  soakVerdict,
  type MemorySample,
  type ProcessFlatness,
} from '../backlog/flatness';
import { trafficScenario, type TrafficResults } from './traffic';
import type { RunOptions } from '../run';

/** Resident memory is sampled this often. */
const SAMPLE_EVERY_MS = 10_000;
/** The tolerance of the memory target: ±15 % of the reference value. */
const TOLERANCE = 0.15;

export interface SoakResults {
  durationSeconds: number;
  /** Seconds into the soak of the reference value: 5 minutes of 30, a sixth of a shorter run. */
  referenceSeconds: number;
  tolerance: number;
  samples: MemorySample[];
  memory: ProcessFlatness[];
  /** undefined: no process could be judged (too few samples). */
  flat: boolean | undefined;
  errors: { requests: number; writes: number; total: number };
  ok: boolean | undefined;
  traffic: TrafficResults;
}

/** Resident bytes of the run's processes now: each server's tree, nats-server, PostgreSQL's backends of the run's database summed (private memory). */
async function sample(env: BenchEnvironment): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(env.pids())) out[name] = rssBytes(processTree(pid));
  const backends = await postgresBackends(env.stack.databaseUrl).catch(() => []);
  // Their private memory: the shared buffers (a fixed size, shared with every other database) are left out.
  if (backends.length) out['postgres backends'] = rssBytes(backends, 'RssAnon');
  return out;
}

/**
 * Soak: the traffic scenario at the daytime write rate for `--duration` seconds, the resident memory of
 * every process of the product sampled every 10 s; the target holds when each process ends within ±15 %
 * of its value at the reference time and not one request or write failed.
 */
export async function soakScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
): Promise<SoakResults> {
  const samples: MemorySample[] = [];
  let t0 = 0;
  let timer: NodeJS.Timeout | undefined;
  let pending: Promise<void> = Promise.resolve();
  const take = () => {
    pending = pending.then(async () => {
      const rss = await sample(env);
      samples.push({ tSec: Math.round((performance.now() - t0) / 100) / 10, rssBytes: rss });
    });
  };
  let traffic: TrafficResults;
  try {
    traffic = await trafficScenario(env, ds, data, opts, {
      onDriveStart: () => {
        t0 = performance.now();
        take();
        timer = setInterval(take, SAMPLE_EVERY_MS);
      },
    });
  } finally {
    if (timer) clearInterval(timer);
  }
  take();
  await pending;
  const referenceSeconds = referenceSecondsFor(traffic.durationSeconds);
  const f = flatness(samples, referenceSeconds, TOLERANCE);
  const requests = traffic.byOperation.reduce((s, o) => s + Math.round(o.errorRate * o.requests), 0);
  const writes = Object.values(traffic.writes.byKind).reduce(
    (s, k) => s + Object.values(k.errors).reduce((a, n) => a + n, 0),
    0,
  );
  const ok = soakVerdict(f.flat, requests + writes);
  opts.log(
    `soak: ${samples.length} samples over ${traffic.durationSeconds.toFixed(0)} s; memory ${f.flat === undefined ? 'not judged' : f.flat ? 'flat' : 'NOT flat'}; ${requests + writes} errors; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  return {
    durationSeconds: traffic.durationSeconds,
    referenceSeconds,
    tolerance: TOLERANCE,
    samples,
    memory: f.processes,
    flat: f.flat,
    errors: { requests, writes, total: requests + writes },
    ok,
    traffic,
  };
}
