import type { DataSource } from 'typeorm';
import { sqlExec } from '@zhiyuan/db';
import { connect } from 'nats';
import { EventValidationError, parseEnvelope, type EventEnvelope } from '@zhiyuan/events';
import type { Logger } from '@zhiyuan/config';
import { applyFact, lockProjection } from './projector';
import { recomputeAll } from './aggregates';
import type { ProjectionSettings } from './settings';

export interface RebuildResult {
  /** Events applied as facts (every valid event of the history, including types metrics ignores). */
  events: number;
}

const FACT_TABLES = [
  'case_fact',
  'payment_fact',
  'task_fact',
  'meeting_fact',
  'proposal_fact',
  'listing_fact',
  'partner_change_fact',
];

/**
 * Replaces every fact and read model with what the given event history produces, in one
 * transaction (readers see the old figures until it commits). Rule sets, warnings and judicial
 * suggestions are decisions, not projections, and are kept.
 */
export async function rebuildReadModels(
  ds: DataSource,
  history: AsyncIterable<EventEnvelope> | Iterable<EventEnvelope>,
  s: ProjectionSettings,
  log?: Logger,
): Promise<RebuildResult> {
  return ds.transaction(async (m) => {
    await lockProjection(m);
    for (const t of FACT_TABLES) await sqlExec(m, `TRUNCATE metrics.${t}`);
    let events = 0;
    for await (const event of history) {
      await applyFact(m, event, s);
      events++;
      if (events % 10_000 === 0) log?.info({ events }, 'rebuild: facts replayed');
    }
    await recomputeAll(m, s);
    log?.info({ events }, 'rebuild: read models recomputed');
    return { events };
  });
}

/**
 * Recomputes every read model from the facts already in place, in one transaction (what a rebuild
 * does after replaying the history; also for facts loaded by other means, as the province-scale
 * benchmark does).
 */
export async function recomputeReadModels(ds: DataSource, s: ProjectionSettings): Promise<void> {
  await ds.transaction(async (m) => {
    await lockProjection(m);
    await recomputeAll(m, s);
  });
}

/** The streams whose history metrics projects. */
export const SOURCE_STREAMS = ['CASES', 'PEOPLE_CREDIT', 'TASKS'] as const;

/**
 * The whole history of the source streams, stream by stream, through ephemeral ordered consumers
 * (deliver policy all), ending at each stream's last sequence as it was when the replay began.
 * Facts are order-tolerant, so replaying one stream after another gives the live figures.
 */
export async function* replayJetStream(
  url: string,
  opts: { streams?: readonly string[]; log?: Logger; onInvalid?: (reason: string) => void } = {},
): AsyncGenerator<EventEnvelope> {
  const nc = await connect({ servers: url, name: 'metrics-rebuild' });
  try {
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();
    for (const stream of opts.streams ?? SOURCE_STREAMS) {
      const info = await jsm.streams.info(stream).catch(() => null);
      if (!info || info.state.messages === 0) continue;
      const last = info.state.last_seq;
      // An ordered (ephemeral) consumer with no options delivers from the first message on: deliver policy all.
      const consumer = await js.consumers.get(stream);
      let seq = 0;
      while (seq < last) {
        const before = seq;
        const batch = await consumer.fetch({ max_messages: 500, expires: 2_000 });
        for await (const msg of batch) {
          seq = msg.seq;
          try {
            yield parseEnvelope(msg.data);
          } catch (err) {
            // An invalid message never became a fact live either (it was dead-lettered).
            opts.onInvalid?.(err instanceof EventValidationError ? err.message : String(err));
          }
          if (seq >= last) break;
        }
        if (seq === before) throw new Error(`replay of ${stream} stalled at sequence ${seq} of ${last}`);
      }
      opts.log?.info({ stream, lastSequence: last }, 'rebuild: stream replayed');
    }
  } finally {
    await nc.close();
  }
}
