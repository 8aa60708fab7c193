import { createEvent, subjectFor, type EventEnvelope, type EventPayload, type EventType } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';

export interface EmitOptions {
  /** The aggregate (case or party id); order is kept per key. */
  key: string;
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  occurredAt?: Date;
}

/** Adds an event to the outbox of the caller's transaction (see OutboxBuffer). */
export type Emit = <T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  opts: EmitOptions,
) => Promise<EventEnvelope<T>>;

/**
 * Many events in one statement, for bulk paths such as import. The envelopes travel as one JSON
 * document (a jsonb[] array literal's quoting costs more than the insert itself at import volumes);
 * rows keep the given order, which is the publish order.
 */
export async function writeOutboxBatch(
  manager: EntityManager,
  schema: string,
  events: { subject: string; event: EventEnvelope }[],
): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO "${schema}".outbox_message (id, subject, type, key, envelope)
     SELECT (x->'e'->>'id')::uuid, x->>'s', x->'e'->>'type', x->'e'->>'key', x->'e'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(x, n) ORDER BY n`,
    [JSON.stringify(events.map((e) => ({ s: e.subject, e: e.event })))],
  );
}

/**
 * A transaction's events kept in memory and written in one statement just before it commits
 * (`flush`), in the order they were emitted; the inbox transactions use it, where one batch of
 * events can emit hundreds.
 */
export class OutboxBuffer {
  private readonly pending: { subject: string; event: EventEnvelope }[] = [];

  constructor(
    private readonly schema: string,
    private readonly producer: string,
  ) {}

  /** An Emit whose events carry `defaultCause` unless told otherwise. */
  writer(defaultCause?: EmitOptions['cause']): Emit {
    return async (type, payload, opts) => {
      const event = createEvent(type, payload, {
        producer: this.producer,
        key: opts.key,
        cause: opts.cause ?? defaultCause,
        occurredAt: opts.occurredAt,
      });
      this.pending.push({ subject: subjectFor(type, payload), event });
      return event;
    };
  }

  get size(): number {
    return this.pending.length;
  }

  /** Writes what was emitted; returns how many events that was. */
  async flush(manager: EntityManager): Promise<number> {
    const events = this.pending.splice(0);
    await writeOutboxBatch(manager, this.schema, events);
    return events.length;
  }
}

/**
 * Deletes the outbox rows published more than `retentionDays` ago, `batch` rows per statement so no
 * statement holds many row locks or runs long; returns how many. An unpublished row is never deleted,
 * however old. Once published, a row is JetStream's to keep: consumers read the stream, never the
 * outbox, so the rows are kept only to look into what was sent. `retentionDays` 0 keeps every row.
 */
export async function pruneOutbox(
  runner: Pick<EntityManager, 'query'>,
  schema: string,
  retentionDays: number,
  batch = 5_000,
): Promise<number> {
  if (retentionDays <= 0) return 0;
  let deleted = 0;
  for (;;) {
    const rows: unknown[] = await runner.query(
      `WITH gone AS (
         DELETE FROM "${schema}".outbox_message WHERE seq IN (
           SELECT seq FROM "${schema}".outbox_message
            WHERE published_at < now() - make_interval(days => $1) ORDER BY seq LIMIT $2)
         RETURNING 1)
       SELECT 1 FROM gone`,
      [retentionDays, batch],
    );
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}
