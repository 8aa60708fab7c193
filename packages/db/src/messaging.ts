import type { Logger } from '@zhiyuan/config';
import type { EventBus, EventEnvelope, EventType, StartAt, Subscription, SubscribeOptions } from '@zhiyuan/events';
import { durableName } from '@zhiyuan/events';
import type { DataSource, EntityManager } from 'typeorm';
import { outboxWriter, type Emit } from './outbox';
import { OutboxRelay, type RelayOptions } from './relay';

export type EventWork<T extends EventType> = (event: EventEnvelope<T>, manager: EntityManager, emit: Emit) => Promise<void>;

export interface HandlerDefinition<T extends EventType = EventType> {
  /** The rule the handler carries out, e.g. `remove-listing-when-obligation-is-performed`. */
  name: string;
  subject: T | string;
  handle: EventWork<T>;
  maxDeliver?: number;
}

export function defineHandler<T extends EventType>(def: HandlerDefinition<T>): HandlerDefinition<T> {
  return def;
}

/**
 * A service's messaging: business writes and their events in one transaction (outbox), handlers
 * that record each event id with their effect in one transaction (inbox), and the relay.
 */
export interface ConsumerOptions {
  /** Names the durable consumers (default: the producer). Tests sharing one NATS server use a unique group. */
  group?: string;
  /** Where new durable consumers start (default: the whole retained history). */
  startAt?: StartAt;
}

export class Messaging {
  readonly relay: OutboxRelay;
  private readonly subs: Subscription[] = [];
  private readonly consumerGroup: string;

  constructor(
    readonly ds: DataSource,
    readonly schema: string,
    readonly producer: string,
    readonly bus: EventBus,
    private readonly log: Logger,
    relayOptions?: RelayOptions,
    private readonly consumers: ConsumerOptions = {},
  ) {
    this.relay = new OutboxRelay(ds, schema, bus, log, relayOptions);
    this.consumerGroup = consumers.group ?? producer;
  }

  /** Runs business writes and the events they emit in one transaction; the relay is woken after commit. */
  async transaction<R>(work: (manager: EntityManager, emit: Emit) => Promise<R>): Promise<R> {
    let emitted = false;
    const result = await this.ds.transaction(async (manager) => {
      const write = outboxWriter(manager, this.schema, this.producer);
      return work(manager, (type, payload, opts) => {
        emitted = true;
        return write(type, payload, opts);
      });
    });
    if (emitted) this.relay.kick();
    return result;
  }

  /**
   * Applies an event at most once for a consumer: the inbox row and the effect commit together, so
   * a redelivered event changes nothing. Returns false when it had been handled before.
   */
  async handleOnce<T extends EventType>(consumer: string, event: EventEnvelope<T>, work: EventWork<T>): Promise<boolean> {
    let emitted = false;
    const handled = await this.ds.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.schema}".inbox_message (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, event.id, event.type],
      );
      if (inserted.length === 0) return false;
      const write = outboxWriter(manager, this.schema, this.producer, event);
      await work(event, manager, (type, payload, opts) => {
        emitted = true;
        return write(type, payload, opts);
      });
      return true;
    });
    if (emitted) this.relay.kick();
    if (!handled) this.log.debug({ consumer, eventId: event.id }, 'duplicate event ignored');
    return handled;
  }

  /** Subscribes a handler through the inbox on a durable consumer named for its rule. */
  async subscribe<T extends EventType>(def: HandlerDefinition<T>, opts: Partial<SubscribeOptions> = {}): Promise<Subscription> {
    const consumer = durableName(this.consumerGroup, def.subject, def.name);
    const sub = await this.bus.subscribe({
      service: this.consumerGroup,
      subject: def.subject,
      name: def.name,
      maxDeliver: def.maxDeliver,
      startAt: this.consumers.startAt,
      ...opts,
      handler: async (event) => {
        await this.handleOnce(consumer, event as unknown as EventEnvelope<T>, def.handle);
      },
    });
    this.subs.push(sub);
    return sub;
  }

  start(): void {
    this.relay.start();
  }

  async stop(): Promise<void> {
    for (const s of this.subs.splice(0)) await s.stop();
    await this.relay.stop();
  }
}
