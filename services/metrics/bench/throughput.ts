import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { InProcessEventBus, durableName, subjectFor, subjectMatches, type EventEnvelope } from '@zhiyuan/events';
import { createTestDatabase, silentLogger } from '@zhiyuan/testing';
import { createService, loadMetricsConfig, settingsFrom, SERVICE_NAME } from '../src';
import { createHandlers } from '../src/events';
import { caseLifeEvents } from '../test/factories/workload';
import type { AnyEnvelope } from '../test/factories/events';

/**
 * Projection throughput and latency of the metrics handlers against PostgreSQL.
 *
 *   npm run bench -w @zhiyuan/metrics -- [--cases 1000] [--rate 200] [--paced-seconds 10]
 *
 * Events of generated case lives go through the real handlers and the real inbox, each handler on a
 * serial queue of its own as a durable consumer delivers them (one at a time per consumer, consumers
 * in parallel). No NATS in the loop: this measures the projection, not the bus.
 *
 * 1. saturated: every event of `--cases` case lives queued at once; events per second until the
 *    last one is committed.
 * 2. paced: events from the middle of fresh case lives (a steady mix of kinds) offered at `--rate`
 *    events per second for `--paced-seconds` (open loop); milliseconds from an event being offered to its handler's commit, for every event and
 *    for the cases.case.closed ones (the judge's score updated).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '200' },
      'paced-seconds': { type: 'string', default: '10' },
      seed: { type: 'string', default: '7' },
    },
  });
  const log = (m: string) => process.stderr.write(`[metrics-bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  const db = await createTestDatabase('zy_metrics_bench');
  const config = loadMetricsConfig({
    ...process.env,
    DATABASE_URL: db.url,
    PORT: '0',
    METRICS_WARNING_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
  });
  const service = createService(config, { bus: new InProcessEventBus(silentLogger), logger: silentLogger });
  await service.start();
  try {
    const handlers = createHandlers(settingsFrom(config)).map((def) => ({
      def,
      consumer: durableName(SERVICE_NAME, def.subject, def.name),
      queue: [] as Job[],
      busy: false,
    }));
    type Job = { event: EventEnvelope; offeredAt: number; done: (ms: number) => void };
    const pump = async (h: (typeof handlers)[number]) => {
      if (h.busy) return;
      h.busy = true;
      try {
        for (let job = h.queue.shift(); job; job = h.queue.shift()) {
          await service.runtime.messaging.handleOnce(h.consumer, job.event, h.def.handle);
          job.done(performance.now() - job.offeredAt);
        }
      } finally {
        h.busy = false;
      }
    };
    /** Offers an event to every handler whose subject it is on; resolves with the latency of the slowest. */
    const offer = (e: AnyEnvelope): Promise<number> => {
      const subject = subjectFor(e.type, e.payload as never);
      const mine = handlers.filter((h) => subjectMatches(h.def.subject, subject));
      const offeredAt = performance.now();
      return Promise.all(
        mine.map(
          (h) =>
            new Promise<number>((resolve) => {
              h.queue.push({ event: e as EventEnvelope, offeredAt, done: resolve });
              void pump(h);
            }),
        ),
      ).then((ms) => Math.max(0, ...ms));
    };

    const cases = Number(values.cases);
    const saturated = caseLifeEvents({ cases, seed: Number(values.seed) });
    log(`saturated: ${saturated.length} events of ${cases} case lives`);
    const t0 = performance.now();
    await Promise.all(saturated.map(offer));
    const seconds = (performance.now() - t0) / 1000;
    const eventsPerSecond = saturated.length / seconds;
    log(`  ${saturated.length} events in ${seconds.toFixed(1)} s: ${eventsPerSecond.toFixed(0)} events/s`);

    const rate = Number(values.rate);
    const pacedSeconds = Number(values['paced-seconds']);
    // A steady mix: the middle of a longer history of fresh case lives (its start is all judgments
    // becoming effective, its end all closes), in the order they happened.
    const want = rate * pacedSeconds;
    const history = caseLifeEvents({ cases: Math.ceil(want / 2), seed: Number(values.seed) + 1, from: '2026-01-01' });
    const paced = history.slice(
      Math.floor((history.length - want) / 2),
      Math.floor((history.length - want) / 2) + want,
    );
    log(`paced: ${paced.length} events at ${rate}/s`);
    const all: number[] = [];
    const closed: number[] = [];
    const pending: Promise<void>[] = [];
    const p0 = performance.now();
    for (let i = 0; i < paced.length; i++) {
      const due = p0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const e = paced[i]!;
      pending.push(
        offer(e).then((ms) => {
          all.push(ms);
          if (e.type === 'cases.case.closed') closed.push(ms);
        }),
      );
    }
    const offeredFor = (performance.now() - p0) / 1000;
    await Promise.all(pending);
    const drainedAfter = (performance.now() - p0) / 1000;
    const result = {
      cases,
      saturated: { events: saturated.length, seconds: round(seconds), eventsPerSecond: Math.round(eventsPerSecond) },
      paced: {
        targetRate: rate,
        offeredRate: Math.round(paced.length / offeredFor),
        handledRate: Math.round(paced.length / drainedAfter),
        allEventsMs: percentiles(all),
        caseClosedMs: percentiles(closed),
      },
    };
    log(
      `  offered ${result.paced.offeredRate}/s, handled ${result.paced.handledRate}/s; all events ${fmt(result.paced.allEventsMs)}; case closed ${fmt(result.paced.caseClosedMs)}`,
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await service.stop();
    await db.drop();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

function percentiles(xs: number[]): { n: number; p50: number; p90: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(s.at(-1) ?? 0) };
}

const fmt = (p: ReturnType<typeof percentiles>) =>
  `p50 ${p.p50} ms, p90 ${p.p90} ms, p99 ${p.p99} ms, max ${p.max} ms (n ${p.n})`;

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
