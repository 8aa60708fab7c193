import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { activeTraceContext, type TraceContext } from '@zhiyuan/telemetry';
import { contractFor, type EventContract, type EventPayload, type EventType } from './contracts';

/** The one envelope every event travels in. `id` is also the JetStream `Nats-Msg-Id`. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  correlationId: z.uuid(),
  causationId: z.uuid().nullable(),
  /** The aggregate the event is about (case or party id); order is kept per key. */
  key: z.string().min(1),
  payload: z.unknown(),
  /**
   * W3C trace context of the span that wrote the event (optional: written only when tracing is on,
   * ignored by consumers that do not trace), so each consumer's handling joins the producer's trace.
   */
  traceContext: z
    .object({
      traceparent: z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
      tracestate: z.string().max(512).optional(),
    })
    .optional(),
});

interface EnvelopeOf<T extends EventType> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  producer: string;
  correlationId: string;
  causationId: string | null;
  key: string;
  payload: EventPayload<T>;
  traceContext?: TraceContext;
}

/**
 * An event of type T; without T, any event of the catalogue (a union, so a specific envelope is
 * assignable to it and `type` narrows the payload).
 */
export type EventEnvelope<T extends EventType = EventType> = T extends EventType ? EnvelopeOf<T> : never;

export class EventValidationError extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'EventValidationError';
  }
}

export interface CreateEventOptions {
  producer: string;
  key: string;
  /** The event that caused this one; its correlation id is carried on. */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  correlationId?: string;
  occurredAt?: Date;
}

/** Builds an envelope, validating the payload against its contract. */
export function createEvent<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  opts: CreateEventOptions,
): EventEnvelope<T> {
  const contract = contractFor(type);
  if (!contract) throw new EventValidationError(`unknown event type ${type}`);
  const parsed = contract.payload.safeParse(payload);
  if (!parsed.success) throw new EventValidationError(`${type}: ${formatIssues(parsed.error)}`);
  const id = randomUUID();
  const traceContext = activeTraceContext();
  return <EventEnvelope<T>>{
    id,
    type,
    version: contract.version,
    occurredAt: (opts.occurredAt ?? new Date()).toISOString(),
    producer: opts.producer,
    correlationId: opts.cause?.correlationId ?? opts.correlationId ?? id,
    causationId: opts.cause?.id ?? null,
    key: opts.key,
    payload: parsed.data as EventPayload<T>,
    ...(traceContext ? { traceContext } : {}),
  };
}

/** Validates raw bytes or an object as an envelope of a known type; throws EventValidationError with the reason. */
export function parseEnvelope(raw: unknown): EventEnvelope {
  let value = raw;
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    } catch {
      throw new EventValidationError('message is not valid JSON');
    }
  }
  const env = envelopeSchema.safeParse(value);
  if (!env.success) throw new EventValidationError(`envelope: ${formatIssues(env.error)}`);
  const contract = contractFor(env.data.type);
  if (!contract) throw new EventValidationError(`unknown event type ${env.data.type}`);
  if (env.data.version > contract.version)
    throw new EventValidationError(
      `${env.data.type} version ${env.data.version} is newer than this consumer knows (${contract.version})`,
    );
  const payload = contract.payload.safeParse(currentPayload(contract, env.data.version, env.data.payload));
  if (!payload.success) throw new EventValidationError(`${env.data.type}: ${formatIssues(payload.error)}`);
  return { ...env.data, payload: payload.data } as EventEnvelope;
}

/**
 * The payload of an event as the current version of its contract has it: an earlier version the
 * contract still accepts is validated against its own schema and upgraded, so handlers only ever
 * see the current shape; an earlier version it does not accept is refused.
 */
function currentPayload(
  contract: Pick<EventContract, 'type' | 'version' | 'accepts'>,
  version: number,
  payload: unknown,
): unknown {
  if (version === contract.version) return payload;
  const earlier = contract.accepts?.find((v) => v.version === version);
  if (!earlier)
    throw new EventValidationError(
      `${contract.type} version ${version} is no longer accepted (current ${contract.version})`,
    );
  const parsed = earlier.payload.safeParse(payload);
  if (!parsed.success) throw new EventValidationError(`${contract.type} v${version}: ${formatIssues(parsed.error)}`);
  return (earlier.upgrade as (p: unknown) => unknown)(parsed.data);
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
