import { createLogger, type Logger } from '@zhiyuan/config';
import {
  AckPolicy,
  ConsumerEvents,
  DeliverPolicy,
  StorageType,
  connect,
  headers,
  nanos,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_MAX_DELIVER,
  type BusStats,
  type EventBus,
  type SubscribeOptions,
  type Subscription,
} from './bus';
import { countDelivery, deliverParsed, parseDelivered, type Parsed } from './dispatch';
import type { EventEnvelope } from './envelope';
import type { EventType } from './contracts';
import { STREAMS, deadLetterSubject, durableName, streamFor } from './streams';

export interface NatsBusOptions {
  url: string;
  /** Connection name shown in the server's monitoring. */
  name: string;
  replicas?: number;
  /** How long JetStream remembers message ids to drop duplicates. */
  duplicateWindowMs?: number;
  /**
   * Idle heartbeat of pull consumers [5000]. Two missed in a row make the client pull again and, when
   * the consumer is gone from the server, recreate it.
   */
  heartbeatMs?: number;
  /**
   * Handlers running at once across all of this bus's consumers [4], each on a different key; keep it
   * below the service's database pool so requests still find a connection. Events of one key (one
   * case, one party) are handled one at a time, in order, whatever this says.
   */
  concurrency?: number;
  user?: string;
  pass?: string;
  logger?: Logger;
}

export const DEFAULT_HANDLER_CONCURRENCY = 4;

/**
 * JetStream bus: streams per context ensured at start (file storage), publish with Nats-Msg-Id =
 * event id, one durable pull consumer per (service, subject) with explicit acks, max_deliver and a
 * dead-letter subject, and consumers recreated when heartbeats stop. Each consumer handles several
 * keys at once and the events of one key in order (see NatsBusOptions.concurrency).
 */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  readonly stats: BusStats = { published: 0, handled: 0, redelivered: 0, deadLettered: 0 };
  /** @internal */
  readonly heartbeatMs: number;
  /** @internal */
  readonly concurrency: number;
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private readonly subs = new Set<NatsSubscription>();
  private readonly log: Logger;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: NatsBusOptions) {
    this.log = opts.logger ?? createLogger('event-bus');
    this.heartbeatMs = opts.heartbeatMs ?? 5_000;
    this.concurrency = Math.max(1, opts.concurrency ?? DEFAULT_HANDLER_CONCURRENCY);
  }

  async start(): Promise<void> {
    this.nc = await connect({
      // NATS_URL may list the nodes of a cluster, comma-separated: any of them will do to start.
      servers: this.opts.url.split(','),
      name: this.opts.name,
      user: this.opts.user,
      pass: this.opts.pass,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    void this.watchConnection(this.nc);
    this.jsm = await this.nc.jetstreamManager();
    this.js = this.nc.jetstream();
    await this.ensureStreams();
    this.log.info({ url: this.opts.url }, 'connected to NATS JetStream');
  }

  private async ensureStreams(): Promise<void> {
    const jsm = this.must(this.jsm);
    for (const s of STREAMS) {
      const config = {
        subjects: [...s.subjects],
        storage: StorageType.File,
        num_replicas: this.opts.replicas ?? 1,
        duplicate_window: nanos(this.opts.duplicateWindowMs ?? 120_000),
      };
      try {
        await jsm.streams.info(s.name);
        await jsm.streams.update(s.name, {
          subjects: config.subjects,
          num_replicas: config.num_replicas,
          duplicate_window: config.duplicate_window,
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await jsm.streams.add({ name: s.name, ...config });
      }
    }
  }

  async publish<T extends EventType>(subject: string, event: EventEnvelope<T>): Promise<void> {
    await this.publishRaw(subject, JSON.stringify(event), event.id);
  }

  async publishRaw(subject: string, data: string, msgId?: string): Promise<void> {
    const h = headers();
    if (msgId) h.set('Nats-Msg-Id', msgId);
    await this.must(this.js).publish(subject, Buffer.from(data), { headers: h });
    this.stats.published++;
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    const sub = new NatsSubscription(this, opts, this.log);
    await sub.open();
    this.subs.add(sub);
    return {
      name: sub.name,
      stop: async () => {
        this.subs.delete(sub);
        await sub.stop();
      },
    };
  }

  async provisionDurable(durable: string, subject: string): Promise<void> {
    const jsm = this.must(this.jsm);
    const stream = streamFor(subject);
    const exists = await jsm.consumers.info(stream, durable).then(
      () => true,
      () => false,
    );
    if (!exists)
      await jsm.consumers.add(stream, {
        durable_name: durable,
        filter_subject: subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
  }

  async healthy(): Promise<boolean> {
    if (!this.nc || this.nc.isClosed()) return false;
    try {
      await this.nc.flush();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    for (const s of [...this.subs]) await s.stop();
    this.subs.clear();
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
  }

  /** @internal Waits for one of the bus's handler slots. */
  async acquireSlot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** @internal Hands the slot to the longest waiting handling, or frees it. */
  releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  /** @internal */
  get clients(): { js: JetStreamClient; jsm: JetStreamManager } {
    return { js: this.must(this.js), jsm: this.must(this.jsm) };
  }

  private must<T>(v: T | undefined): T {
    if (!v) throw new Error('NATS event bus is not started');
    return v;
  }

  private async watchConnection(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect')
        this.log.warn({ status: s.type, data: s.data }, 'NATS connection status');
    }
  }
}

class NatsSubscription {
  readonly name: string;
  private readonly stream: string;
  private messages?: ConsumerMessages;
  private stopped = false;
  private loop?: Promise<void>;
  private readonly concurrency: number;
  /** The last handling queued per key: the next event of that key waits for it. */
  private readonly lanes = new Map<string, Promise<void>>();
  private inFlight = 0;
  private slotFreed?: () => void;

  constructor(
    private readonly bus: NatsEventBus,
    private readonly opts: SubscribeOptions,
    private readonly log: Logger,
  ) {
    this.name = durableName(opts.service, opts.subject, opts.name);
    this.stream = streamFor(opts.subject.replace(/[*>]/g, 'x'));
    this.concurrency = Math.max(1, opts.concurrency ?? bus.concurrency);
  }

  async open(): Promise<void> {
    await this.ensureConsumer();
    this.loop = this.run();
  }

  private async ensureConsumer(): Promise<void> {
    const { jsm } = this.bus.clients;
    const config: Partial<ConsumerConfig> = {
      durable_name: this.name,
      filter_subject: this.opts.subject,
      ack_policy: AckPolicy.Explicit,
      max_deliver: (this.opts.maxDeliver ?? DEFAULT_MAX_DELIVER) + 1,
      ack_wait: nanos(this.opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
      ...startConfig(this.opts.startAt),
    };
    try {
      await jsm.consumers.info(this.stream, this.name);
      // Existing durable: keep its position, update what may change.
      await jsm.consumers.update(this.stream, this.name, {
        max_deliver: config.max_deliver,
        ack_wait: config.ack_wait,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.consumers.add(this.stream, config);
    }
  }

  private async run(): Promise<void> {
    const { js } = this.bus.clients;
    while (!this.stopped) {
      try {
        const consumer = await js.consumers.get(this.stream, this.name);
        const messages = await consumer.consume({ max_messages: 256, idle_heartbeat: this.bus.heartbeatMs });
        this.messages = messages;
        if (this.stopped) {
          messages.stop();
          break;
        }
        void this.watch(messages);
        for await (const m of messages) {
          while (this.inFlight >= this.concurrency && !this.stopped)
            await new Promise<void>((r) => (this.slotFreed = r));
          if (this.stopped) break; // not acked: redelivered to whoever consumes next
          this.dispatch(m);
          if (this.stopped) break;
        }
        await this.idle();
      } catch (err) {
        if (this.stopped) break;
        this.log.warn({ consumer: this.name, err: String(err) }, 'consumer loop failed; recreating');
        await new Promise((r) => setTimeout(r, 1_000));
        await this.ensureConsumer().catch((e) =>
          this.log.warn({ consumer: this.name, err: String(e) }, 'cannot ensure consumer yet'),
        );
      }
      if (!this.stopped) {
        // The iterator ended without stop(): the consumer was closed under us (missed heartbeats, deleted).
        await this.ensureConsumer().catch((e) =>
          this.log.warn({ consumer: this.name, err: String(e) }, 'cannot ensure consumer yet'),
        );
      }
    }
  }

  /**
   * A deleted consumer, or two missed heartbeats while the consumer is gone from the server: close the
   * iterator so run() recreates it. Missed heartbeats alone are not a loss: a handler busy with a full
   * buffer sends no pull request, so the server sends no heartbeat, and the client pulls again by
   * itself. Closing the iterator then would strand the buffered messages until their ack wait ends.
   */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const s of await messages.status()) {
      let lost = s.type === ConsumerEvents.ConsumerDeleted || s.type === ConsumerEvents.ConsumerNotFound;
      if (s.type === ConsumerEvents.HeartbeatsMissed && Number(s.data) >= 2) lost = !(await this.existsOnServer());
      if (lost) {
        this.log.warn({ consumer: this.name, status: s.type }, 'consumer lost; recreating');
        messages.stop();
        break;
      }
    }
  }

  private async existsOnServer(): Promise<boolean> {
    try {
      await this.bus.clients.jsm.consumers.info(this.stream, this.name);
      return true;
    } catch (err) {
      // Not found: gone. Anything else (a timeout, a lost connection): recreate to be safe.
      this.log.debug({ consumer: this.name, err: String(err) }, 'consumer check after missed heartbeats failed');
      return false;
    }
  }

  /**
   * Queues one message behind the earlier ones of its key (a message that cannot be parsed has a lane
   * of its own) and returns at once. At most `concurrency` messages of this consumer are queued or
   * running, and a handling runs only in one of the bus's slots.
   */
  private dispatch(m: JsMsg): void {
    const parsed = parseDelivered(m.data);
    const key = 'event' in parsed ? parsed.event.key : `invalid:${m.seq}`;
    // A message waiting behind its key, for a slot or a batch, or handled for long, is ours until we
    // answer it: tell the server so before its ack wait runs out, or it would deliver it again. Not
    // for ever: after ten ack waits a handling is taken to be stuck, and the server may offer the
    // message again.
    const ackWait = this.opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    const holdUntil = Date.now() + 10 * ackWait;
    const keepAlive = setInterval(
      () => {
        if (Date.now() < holdUntil) m.working();
        else clearInterval(keepAlive);
      },
      Math.max(50, Math.floor(ackWait / 2)),
    );
    const next = (this.lanes.get(key) ?? Promise.resolve())
      .then(async () => {
        await this.bus.acquireSlot();
        try {
          await this.handle(m, parsed);
        } finally {
          this.bus.releaseSlot();
        }
      })
      .catch((err) =>
        this.log.error({ consumer: this.name, err: String(err) }, 'message handling failed; it will be redelivered'),
      );
    this.lanes.set(key, next);
    this.inFlight++;
    void next.finally(() => {
      clearInterval(keepAlive);
      this.inFlight--;
      if (this.lanes.get(key) === next) this.lanes.delete(key);
      const freed = this.slotFreed;
      this.slotFreed = undefined;
      freed?.();
    });
  }

  /** Resolves once every queued handling has finished. */
  private async idle(): Promise<void> {
    while (this.lanes.size) await Promise.all([...this.lanes.values()]);
  }

  private async handle(m: JsMsg, parsed: Parsed): Promise<void> {
    const maxDeliver = this.opts.maxDeliver ?? DEFAULT_MAX_DELIVER;
    const info = { deliveryCount: m.info.redeliveryCount, subject: m.subject, streamSequence: m.seq };
    const verdict = await deliverParsed(parsed, info, this.opts.handler, maxDeliver, this.log);
    countDelivery(this.name, parsed, info, verdict, m.info.pending);
    const stats = this.bus.stats;
    if (verdict.kind === 'ack') {
      stats.handled++;
      m.ack();
    } else if (verdict.kind === 'retry') {
      stats.redelivered++;
      m.nak(verdict.delayMs);
    } else {
      await this.deadLetter(m, verdict.reason);
      stats.deadLettered++;
      m.term();
    }
  }

  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    const { js } = this.bus.clients;
    const h = headers();
    h.set('Zhiyuan-Dead-Reason', reason.slice(0, 1_000).replace(/[\r\n]/g, ' '));
    h.set('Zhiyuan-Original-Subject', m.subject);
    h.set('Zhiyuan-Original-Sequence', String(m.seq));
    h.set('Nats-Msg-Id', `dead-${this.name}-${m.seq}`);
    await js.publish(deadLetterSubject(this.name, m.subject), m.data, { headers: h });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    this.slotFreed?.();
    await this.loop?.catch(() => undefined);
    await this.idle();
  }
}

function startConfig(startAt: SubscribeOptions['startAt']): Partial<ConsumerConfig> {
  if (!startAt || startAt === 'all') return { deliver_policy: DeliverPolicy.All };
  if (startAt === 'new') return { deliver_policy: DeliverPolicy.New };
  if ('sequence' in startAt) return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startAt.sequence };
  return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: startAt.time.toISOString() };
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { err_code?: number }; message?: string };
  return (
    e?.api_error?.err_code === 10059 ||
    e?.api_error?.err_code === 10014 ||
    e?.code === '404' ||
    /not found/i.test(e?.message ?? '')
  );
}
