import { DeliverPolicy, connect, type ConsumerMessages, type NatsConnection } from 'nats';
import type { Logger } from '@zhiyuan/config';
import { parseEnvelope, streamFor, type EventEnvelope } from '@zhiyuan/events';
import type { Cursor } from './cursor';

/** One event as the live engine hears it: where it sits in its JetStream stream, and the envelope. */
export interface LiveMessage {
  subject: string;
  stream: string;
  seq: number;
  event: EventEnvelope;
}

/**
 * Where the live engine hears events. Every gateway replica has its own: nothing is shared between
 * replicas, so any replica serves any subscriber.
 */
export interface LiveSource {
  /** Starts hearing events from now on; `on` is called in stream order within each stream. */
  start(on: (m: LiveMessage) => void): Promise<void>;
  /** The last sequence heard (or, before any, the stream's last at start), per stream. */
  head(): Cursor;
  /** Calls `each` for the messages of `stream` after `after` up to `upTo`, in order. */
  replay(stream: string, after: number, upTo: number, each: (m: LiveMessage) => void): Promise<void>;
  stop(): Promise<void>;
}

/** The streams the live fields' subjects are stored in. */
export const LIVE_STREAMS = ['CASES', 'PEOPLE_CREDIT', 'TASKS', 'METRICS'] as const;

function toMessage(subject: string, seq: number, data: Uint8Array | string, log: Logger): LiveMessage | undefined {
  try {
    return { subject, stream: streamFor(subject), seq, event: parseEnvelope(data) };
  } catch (err) {
    log.debug({ subject, seq, err: String(err) }, 'live: an event the gateway cannot read is skipped');
    return undefined;
  }
}

/**
 * Over NATS: one ordered consumer per stream, starting after the stream's last message at start. An
 * ordered consumer is ephemeral, needs no acknowledgement and recreates itself after a reconnect from the
 * last sequence it delivered, so the engine misses nothing across a NATS hiccup; and each message carries
 * its stream sequence, which is the resume cursor.
 */
export function natsLiveSource(opts: { url: string; user?: string; pass?: string }, log: Logger): LiveSource {
  let nc: NatsConnection | undefined;
  const head: Cursor = {};
  const running: ConsumerMessages[] = [];
  let stopped = false;

  async function follow(stream: string, on: (m: LiveMessage) => void): Promise<void> {
    const js = nc!.jetstream();
    const jsm = await nc!.jetstreamManager();
    // The stream may not exist yet when the gateway starts before the services: try again until it does.
    for (;;) {
      if (stopped) return;
      try {
        head[stream] ??= (await jsm.streams.info(stream)).state.last_seq;
        const consumer = await js.consumers.get(stream, {
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: head[stream]! + 1,
        });
        const messages = await consumer.consume();
        running.push(messages);
        for await (const m of messages) {
          head[stream] = m.seq;
          const msg = toMessage(m.subject, m.seq, m.data, log);
          if (msg) on(msg);
        }
        return;
      } catch (err) {
        if (stopped) return;
        log.warn({ stream, err: String(err) }, 'live: cannot follow the stream yet; retrying');
        await new Promise((r) => setTimeout(r, 2_000).unref());
      }
    }
  }

  /** Connects, reads the heads and follows each stream; throws when NATS or its JetStream does not answer. */
  async function begin(on: (m: LiveMessage) => void): Promise<void> {
    const conn = await connect({
      // NATS_URL may list the nodes of a cluster, comma-separated.
      servers: opts.url.split(','),
      name: `gateway-live-${process.pid}`,
      user: opts.user,
      pass: opts.pass,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      inboxPrefix: '_INBOX_gateway',
    });
    try {
      // The head of each stream now, before the consumers start after it: a subscriber opened from here
      // on resumes from a position the engine has really passed. A stream not there yet is looked up
      // again when it is followed.
      const jsm = await conn.jetstreamManager();
      for (const s of LIVE_STREAMS) {
        const info = await jsm.streams.info(s).catch(() => undefined);
        if (info) head[s] = info.state.last_seq;
      }
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
    if (stopped) return void (await conn.close().catch(() => undefined));
    nc = conn;
    for (const s of LIVE_STREAMS) void follow(s, on);
  }

  return {
    async start(on) {
      try {
        await begin(on);
      } catch (err) {
        // The gateway serves queries without NATS: live subscriptions start once it (and JetStream) answer.
        log.warn(
          { err: String(err) },
          'live: NATS JetStream does not answer; subscriptions hear nothing until it does',
        );
        void (async () => {
          while (!stopped && !nc) {
            await new Promise((r) => setTimeout(r, 5_000).unref());
            if (stopped) return;
            await begin(on).catch(() => undefined);
          }
        })();
      }
    },
    head: () => ({ ...head }),
    async replay(stream, after, upTo, each) {
      if (!nc || after >= upTo) return;
      const consumer = await nc.jetstream().consumers.get(stream, {
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: after + 1,
      });
      const messages = await consumer.consume();
      try {
        for await (const m of messages) {
          if (m.seq > upTo) break;
          const msg = toMessage(m.subject, m.seq, m.data, log);
          if (msg) each(msg);
          if (m.seq >= upTo) break;
        }
      } finally {
        await messages.close().catch(() => undefined);
      }
    },
    async stop() {
      stopped = true;
      await Promise.all(running.map((m) => m.close().catch(() => undefined)));
      await nc?.drain().catch(() => undefined);
    },
  };
}

/** The part of the in-process bus (`npm start`) the live engine uses. */
export interface InProcessLog {
  subscribe(opts: {
    service: string;
    subject: string;
    startAt?: 'new';
    handler: (event: unknown, info: { subject: string; streamSequence: number }) => Promise<void>;
  }): Promise<{ stop(): Promise<void> }>;
  /** The stored messages (the in-process bus keeps them all as long as the process lives). */
  messages?(pattern?: string): { subject: string; data: string; seq: number }[];
}

/**
 * The subjects heard on the in-process bus: one consumer each, within one stream each, so each stream's
 * messages come in order (the live fields need no `people.>`; a consumer of `>` would also hear the
 * bus's dead letters, and dead-letter them again).
 */
const IN_PROCESS_SUBJECTS = ['cases.>', 'credit.>', 'tasks.>', 'metrics.>'];

/**
 * On the in-process bus: consumers starting at new messages. Its sequence is one log for all subjects,
 * which still orders each stream; replay reads the log.
 */
export function inProcessLiveSource(bus: InProcessLog, log: Logger): LiveSource {
  const head: Cursor = {};
  let subs: { stop(): Promise<void> }[] = [];
  const stored = (): LiveMessage[] =>
    (bus.messages?.('>') ?? [])
      .filter((m) => LIVE_STREAMS.some((s) => s === streamOf(m.subject)))
      .map((m) => toMessage(m.subject, m.seq, m.data, log))
      .filter((m): m is LiveMessage => !!m);
  return {
    async start(on) {
      for (const s of LIVE_STREAMS) head[s] = 0;
      for (const m of bus.messages?.('>') ?? []) {
        const s = streamOf(m.subject);
        if (s) head[s] = m.seq;
      }
      const service = `gateway-live-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      subs = await Promise.all(
        IN_PROCESS_SUBJECTS.map((subject) =>
          bus.subscribe({
            service,
            subject,
            startAt: 'new',
            handler: async (event, info) => {
              const stream = streamOf(info.subject)!;
              head[stream] = Math.max(head[stream] ?? 0, info.streamSequence);
              on({ subject: info.subject, stream, seq: info.streamSequence, event: event as EventEnvelope });
            },
          }),
        ),
      );
    },
    head: () => ({ ...head }),
    async replay(stream, after, upTo, each) {
      for (const m of stored()) if (m.stream === stream && m.seq > after && m.seq <= upTo) each(m);
    },
    async stop() {
      await Promise.all(subs.map((s) => s.stop()));
    },
  };
}

function streamOf(subject: string): string | undefined {
  try {
    return streamFor(subject);
  } catch {
    return undefined;
  }
}
