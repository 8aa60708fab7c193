import type { Logger } from '@zhiyuan/config';
import type {
  EventBus,
  EventEnvelope,
  EventPayload,
  EventType,
  StartAt,
  Subscription,
  SubscribeOptions,
} from '@zhiyuan/events';
import { createEvent, durableName, subjectFor } from '@zhiyuan/events';
import { inEventSpan } from '@zhiyuan/telemetry';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchQueue } from './batch-queue';
import { OutboxBuffer, pruneOutbox, type Emit, type EmitOptions } from './outbox';
import { OutboxRelay, type RelayOptions } from './relay';
import { PendingFinishes, type TransactionScope } from './transaction-scope';
import { claimIdempotencyKey, pruneIdempotencyKeys, storeIdempotentResult, type KeyClaim } from './idempotency';
import { outsideRequestScope, requestScope } from './request-scope';

/**
 * A handler's effect of one event: writes through `manager` (the inbox transaction), events through
 * `emit` (the outbox, caused by this event), and state shared with the other events of the same
 * transaction through `scope`.
 */
export type EventWork<T extends EventType> = (
  event: EventEnvelope<T>,
  manager: EntityManager,
  emit: Emit,
  scope: TransactionScope,
) => Promise<void>;

interface InboxItem {
  consumer: string;
  event: EventEnvelope;
  work: EventWork<EventType>;
}

export interface HandlerDefinition<T extends EventType = EventType> {
  /** The rule the handler carries out, e.g. `remove-listing-when-obligation-is-performed`. */
  name: string;
  subject: T | string;
  handle: EventWork<T>;
  maxDeliver?: number;
  /**
   * The batch line of an event when a service runs several (default: the event's key). Events whose
   * handling locks the same rows should share a line, so two batches never wait on each other.
   */
  batchKey?: (event: EventEnvelope<T>) => string;
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
  /**
   * Events handled in one inbox transaction [1]. Above 1, the events that arrive while a transaction
   * runs (from any of the service's consumers) go into the next one: one
   * commit, one inbox statement and one finish of the shared state (TransactionScope) for all of
   * them. When a batch fails, its events are handled again one transaction each, so one bad event
   * fails alone.
   */
  batchSize?: number;
  /**
   * Batches in flight at once [1], each on a connection of its own. An event goes to the batch line
   * of its key, so the events of one case or party never sit in two batches at once.
   */
  batchesAtOnce?: number;
}

export class Messaging {
  readonly relay: OutboxRelay;
  private readonly subs: Subscription[] = [];
  private readonly consumerGroup: string;
  private readonly batchLines: BatchQueue<InboxItem, boolean>[] = [];

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
    const batchSize = consumers.batchSize ?? 1;
    if (batchSize > 1) {
      for (let i = 0; i < Math.max(1, consumers.batchesAtOnce ?? 1); i++)
        this.batchLines.push(new BatchQueue(batchSize, (items) => this.handleBatch(items)));
    }
  }

  /**
   * Runs business writes and the events they emit in one transaction: the events are written in one
   * statement when the work is done, before the commit; the relay is woken after the commit.
   *
   * Inside a mutation root field of a subgraph request (requestScope), the field's first transaction
   * also carries its idempotency key and its audit entry: with a key, the first statement claims it
   * (a key already committed for the same request answers with the stored result, without running
   * the work; for another request, the scope's conflict error), and the result is stored with it;
   * the audit entry is emitted when the work wrote anything (an event, a key, a row), so it commits
   * with the write.
   */
  async transaction<R>(work: (manager: EntityManager, emit: Emit) => Promise<R>): Promise<R> {
    const scope = requestScope.getStore();
    const field = scope?.field && scope.field.transactions++ === 0 ? scope.field : null;
    const claim: KeyClaim | null =
      field && scope!.idempotencyKey && scope!.actor && scope!.requestHash
        ? {
            actor: scope!.actor,
            key: scope!.idempotencyKey,
            field: field.responseKey,
            operation: field.operation,
            requestHash: scope!.requestHash,
          }
        : null;
    let emitted = 0;
    let replay: { result: unknown } | undefined;
    const result = await this.ds.transaction(async (manager) => {
      if (claim) {
        const claimed = await claimIdempotencyKey(manager, this.schema, claim);
        if (claimed.kind === 'conflict') throw scope!.conflict(claim.key);
        if (claimed.kind === 'replay') {
          replay = { result: claimed.result };
          return undefined as R;
        }
      }
      const outbox = new OutboxBuffer(this.schema, this.producer);
      const r = await work(manager, outbox.writer());
      if (field?.audit && (outbox.size > 0 || claim || (await wroteAnything(manager))))
        field.auditEventId = await field.audit(outbox.writer(), r);
      if (claim) await storeIdempotentResult(manager, this.schema, claim, r);
      emitted = await outbox.flush(manager);
      return r;
    });
    if (field && field.auditEventId) field.auditCommitted = true;
    if (emitted) outsideRequestScope(() => this.relay.kick());
    if (replay) {
      field!.replayed = true;
      return replay.result as R;
    }
    return result;
  }

  /**
   * Writes one event under an id chosen before, unless an event with that id exists: an insert that
   * meets the id in a transaction still in progress waits for it, so a transaction whose COMMIT
   * went unanswered is known to have committed (false) or not (true, the event is written now).
   */
  async emitUnlessWritten<T extends EventType>(
    id: string,
    type: T,
    payload: EventPayload<T>,
    opts: EmitOptions,
  ): Promise<boolean> {
    const event = {
      ...createEvent(type, payload, { producer: this.producer, key: opts.key, occurredAt: opts.occurredAt }),
      id,
      correlationId: id,
    };
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO "${this.schema}".outbox_message (id, subject, type, key, envelope) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, subjectFor(type, payload), type, event.key, JSON.stringify(event)],
    );
    if (rows.length) outsideRequestScope(() => this.relay.kick());
    return rows.length > 0;
  }

  /** Deletes the outbox rows published more than `retentionDays` ago (the service's timer calls it). */
  async pruneOutbox(retentionDays: number): Promise<number> {
    return pruneOutbox(this.ds, this.schema, retentionDays);
  }

  /** Deletes the idempotency keys past their TTL (the service's timer calls it). */
  async pruneIdempotencyKeys(): Promise<number> {
    return pruneIdempotencyKeys(this.ds, this.schema);
  }

  /**
   * Applies an event at most once for a consumer: the inbox row and the effect commit together, so
   * a redelivered event changes nothing. Returns false when it had been handled before.
   */
  async handleOnce<T extends EventType>(
    consumer: string,
    event: EventEnvelope<T>,
    work: EventWork<T>,
  ): Promise<boolean> {
    let emitted = 0;
    const handled = await this.ds.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.schema}".inbox_message (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, event.id, event.type],
      );
      if (inserted.length === 0) return false;
      const scope = new PendingFinishes();
      const outbox = new OutboxBuffer(this.schema, this.producer);
      await work(event, manager, outbox.writer(event), scope);
      await scope.finish(manager, outbox.writer());
      emitted = await outbox.flush(manager);
      return true;
    });
    if (emitted) this.relay.kick();
    if (!handled) this.log.debug({ consumer, eventId: event.id }, 'duplicate event ignored');
    return handled;
  }

  /**
   * Several events, each at most once for its consumer, in one transaction: one statement takes
   * their inbox rows, the work of the new ones runs in arrival order, the shared state is finished
   * once, one statement writes every event they emitted, and `handled_at` is set to when the work
   * was done. If anything fails, the transaction is rolled back and each event is handled again in a
   * transaction of its own; the one that failed, offered again by the broker, comes alone.
   */
  private async handleBatch(
    items: InboxItem[],
  ): Promise<({ ok: true; value: boolean } | { ok: false; error: unknown })[]> {
    let emitted = 0;
    const started = performance.now();
    try {
      const handled = await this.ds.transaction(async (manager) => {
        const params = [items.map((i) => i.consumer), items.map((i) => i.event.id), items.map((i) => i.event.type)];
        const inserted: { consumer: string; event_id: string }[] = await manager.query(
          `INSERT INTO "${this.schema}".inbox_message (consumer, event_id, type) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
           ON CONFLICT DO NOTHING RETURNING consumer, event_id`,
          params,
        );
        const fresh = new Set(inserted.map((r) => `${r.consumer} ${r.event_id}`));
        const scope = new PendingFinishes();
        const outbox = new OutboxBuffer(this.schema, this.producer);
        const result: boolean[] = [];
        const done: InboxItem[] = [];
        for (const item of items) {
          // delete: the same delivery twice in one batch runs once.
          const isNew = fresh.delete(`${item.consumer} ${item.event.id}`);
          result.push(isNew);
          if (!isNew) continue;
          await item.work(item.event, manager, outbox.writer(item.event), scope);
          done.push(item);
        }
        await scope.finish(manager, outbox.writer());
        emitted = await outbox.flush(manager);
        if (done.length) {
          await manager.query(
            `UPDATE "${this.schema}".inbox_message SET handled_at = clock_timestamp() WHERE (consumer, event_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
            [done.map((i) => i.consumer), done.map((i) => i.event.id)],
          );
        }
        return result;
      });
      if (emitted) this.relay.kick();
      this.log.debug(
        { events: items.length, emitted, ms: Math.round(performance.now() - started) },
        'batch of events handled',
      );
      return handled.map((value) => ({ ok: true as const, value }));
    } catch (err) {
      this.log.warn(
        { events: items.length, err: err instanceof Error ? err.message : String(err) },
        'batch of events failed; handling them one at a time',
      );
      const results: ({ ok: true; value: boolean } | { ok: false; error: unknown })[] = [];
      for (const i of items)
        results.push(
          await this.handleOnce(i.consumer, i.event, i.work).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
        );
      return results;
    }
  }

  /** Subscribes a handler through the inbox on a durable consumer named for its rule. */
  async subscribe<T extends EventType>(
    def: HandlerDefinition<T>,
    opts: Partial<SubscribeOptions> = {},
  ): Promise<Subscription> {
    const consumer = durableName(this.consumerGroup, def.subject, def.name);
    const sub = await this.bus.subscribe({
      service: this.consumerGroup,
      subject: def.subject,
      name: def.name,
      maxDeliver: def.maxDeliver,
      startAt: this.consumers.startAt,
      ...opts,
      // Each handling is a span in the trace of the request that wrote the event (its envelope's trace context).
      handler: (event, info) =>
        inEventSpan(
          `${this.producer} handle ${event.type}`,
          'consumer',
          event.traceContext,
          {
            'messaging.system': this.bus.kind === 'nats' ? 'nats' : 'in-process',
            'messaging.destination.name': info.subject,
            'messaging.consumer.group.name': consumer,
            'messaging.message.id': event.id,
            'zhiyuan.service': this.producer,
            'zhiyuan.handler': def.name,
            'zhiyuan.delivery_count': info.deliveryCount,
          },
          async () => {
            const e = event as unknown as EventEnvelope<T>;
            const lines = this.batchLines.length;
            // A redelivery failed or timed out before: it is handled alone, so an event that cannot be
            // handled fails only its first batch, not one for each of its deliveries.
            if (lines && info.deliveryCount <= 1)
              await this.batchLines[lines === 1 ? 0 : batchLineOf(def.batchKey?.(e) ?? e.key, lines)]!.push({
                consumer,
                event: e,
                work: def.handle as unknown as EventWork<EventType>,
              });
            else await this.handleOnce(consumer, e, def.handle);
          },
        ),
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

/** Whether the transaction changed a row (or locked one): PostgreSQL gives it a transaction id only then. */
async function wroteAnything(manager: EntityManager): Promise<boolean> {
  const [row]: { wrote: boolean }[] = await manager.query(
    `SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote`,
  );
  return !!row?.wrote;
}

/** The batch line of a key: the same key always the same line (FNV-1a). */
export function batchLineOf(key: string, lines: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lines;
}
