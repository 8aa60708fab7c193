import { createEvent, subjectFor, type EventEnvelope, type EventPayload, type EventType } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';

export interface EmitOptions {
  /** The aggregate (case or party id); order is kept per key. */
  key: string;
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  occurredAt?: Date;
}

/** Adds an event to the outbox inside the caller's transaction. */
export type Emit = <T extends EventType>(type: T, payload: EventPayload<T>, opts: EmitOptions) => Promise<EventEnvelope<T>>;

export function outboxWriter(manager: EntityManager, schema: string, producer: string, defaultCause?: EmitOptions['cause']): Emit {
  return async (type, payload, opts) => {
    const event = createEvent(type, payload, { producer, key: opts.key, cause: opts.cause ?? defaultCause, occurredAt: opts.occurredAt });
    await manager.query(
      `INSERT INTO "${schema}".outbox_message (id, subject, type, key, envelope) VALUES ($1, $2, $3, $4, $5)`,
      [event.id, subjectFor(type, payload), type, event.key, JSON.stringify(event)],
    );
    return event;
  };
}

/** Many events in one statement, for bulk paths such as import. */
export async function writeOutboxBatch(manager: EntityManager, schema: string, events: { subject: string; event: EventEnvelope }[]): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO "${schema}".outbox_message (id, subject, type, key, envelope)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      events.map((e) => e.event.id),
      events.map((e) => e.subject),
      events.map((e) => e.event.type),
      events.map((e) => e.event.key),
      events.map((e) => JSON.stringify(e.event)),
    ],
  );
}
