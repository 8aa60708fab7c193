import { createLogger, type Logger } from '@zhiyuan/config';
import {
  DEFAULT_MAX_DELIVER,
  type BusStats,
  type DeadLetter,
  type EventBus,
  type SubscribeOptions,
  type Subscription,
} from './bus';
import { countDelivery, deliverParsed, parseDelivered } from './dispatch';
import type { EventEnvelope } from './envelope';
import type { EventType } from './contracts';
import { deadLetterSubject, durableName, subjectMatches } from './streams';

interface StoredMessage {
  seq: number;
  subject: string;
  data: string;
  time: Date;
}

interface ConsumerState {
  name: string;
  subject: string;
  /** Sequence of the last message handled (acked or dead-lettered). */
  cursor: number;
  active?: { opts: SubscribeOptions; running: boolean; stopped: boolean; wake: () => void };
}

/**
 * In-process bus with the same contract as JetStream: one ordered log, durable consumers that keep
 * their position across unsubscribe and subscribe, de-duplication by message id, redelivery with
 * backoff on handler failure, and a dead-letter log. It lives as long as the process.
 */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  readonly stats: BusStats = { published: 0, handled: 0, redelivered: 0, deadLettered: 0 };
  readonly deadLetters: DeadLetter[] = [];
  private readonly log: StoredMessage[] = [];
  private readonly seenIds = new Set<string>();
  private readonly consumers = new Map<string, ConsumerState>();
  private closed = false;

  constructor(private readonly logger: Logger = createLogger('event-bus')) {}

  async start(): Promise<void> {
    this.logger.info('using the in-process event bus (no NATS_URL): events live only as long as this process');
  }

  async publish<T extends EventType>(subject: string, event: EventEnvelope<T>): Promise<void> {
    await this.publishRaw(subject, JSON.stringify(event), event.id);
  }

  async publishRaw(subject: string, data: string, msgId?: string): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    if (msgId) {
      if (this.seenIds.has(msgId)) return;
      this.seenIds.add(msgId);
    }
    this.log.push({ seq: this.log.length + 1, subject, data, time: new Date() });
    this.stats.published++;
    for (const c of this.consumers.values()) if (subjectMatches(c.subject, subject)) c.active?.wake();
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    const name = durableName(opts.service, opts.subject, opts.name);
    let state = this.consumers.get(name);
    if (!state) {
      state = { name, subject: opts.subject, cursor: this.initialCursor(opts) };
      this.consumers.set(name, state);
    }
    if (state.active && !state.active.stopped) throw new Error(`consumer ${name} is already running`);
    const consumer = state;
    const active = { opts, running: false, stopped: false, wake: () => void this.drain(consumer) };
    consumer.active = active;
    void this.drain(consumer);
    return {
      name,
      stop: async () => {
        active.stopped = true;
        while (active.running) await new Promise((r) => setTimeout(r, 5));
      },
    };
  }

  async provisionDurable(durable: string, subject: string): Promise<void> {
    if (!this.consumers.has(durable)) this.consumers.set(durable, { name: durable, subject, cursor: 0 });
  }

  async healthy(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.consumers.values()) if (c.active) c.active.stopped = true;
  }

  /** Messages on a subject pattern, oldest first (for tests and replay tools). */
  messages(pattern = '>'): { subject: string; data: string; seq: number }[] {
    return this.log.filter((m) => subjectMatches(pattern, m.subject));
  }

  private initialCursor(opts: SubscribeOptions): number {
    const start = opts.startAt ?? 'all';
    if (start === 'all') return 0;
    if (start === 'new') return this.log.length;
    if ('sequence' in start) return Math.max(0, start.sequence - 1);
    const first = this.log.find((m) => m.time >= start.time);
    return first ? first.seq - 1 : this.log.length;
  }

  private async drain(c: ConsumerState): Promise<void> {
    const active = c.active;
    if (!active || active.running || active.stopped) return;
    active.running = true;
    try {
      const maxDeliver = active.opts.maxDeliver ?? DEFAULT_MAX_DELIVER;
      for (let i = c.cursor; i < this.log.length && !active.stopped; i = c.cursor) {
        const msg = this.log[i]!;
        if (!subjectMatches(c.subject, msg.subject)) {
          c.cursor = msg.seq;
          continue;
        }
        for (let attempt = 1; !active.stopped; attempt++) {
          const info = { deliveryCount: attempt, subject: msg.subject, streamSequence: msg.seq };
          const parsed = parseDelivered(msg.data);
          const verdict = await deliverParsed(parsed, info, active.opts.handler, maxDeliver, this.logger);
          countDelivery(c.name, parsed, info, verdict);
          if (verdict.kind === 'ack') {
            this.stats.handled++;
            c.cursor = msg.seq;
            break;
          }
          if (verdict.kind === 'dead') {
            this.stats.deadLettered++;
            this.deadLetters.push({ consumer: c.name, subject: msg.subject, reason: verdict.reason, data: msg.data });
            this.log.push({
              seq: this.log.length + 1,
              subject: deadLetterSubject(c.name, msg.subject),
              data: JSON.stringify({ reason: verdict.reason, data: msg.data }),
              time: new Date(),
            });
            c.cursor = msg.seq;
            break;
          }
          this.stats.redelivered++;
          await new Promise((r) => setTimeout(r, verdict.delayMs));
        }
      }
    } finally {
      active.running = false;
    }
    // A publish during the last handler may have been missed by wake(): look once more.
    if (!active.stopped && this.log.slice(c.cursor).some((m) => subjectMatches(c.subject, m.subject)))
      void this.drain(c);
  }
}
