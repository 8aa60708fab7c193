import type { Logger } from '@zhiyuan/config';
import { metrics, secondsSince } from '@zhiyuan/telemetry';
import { redeliveryDelay, type DeliveryInfo, type EventHandler } from './bus';
import { EventValidationError, parseEnvelope, type EventEnvelope } from './envelope';

export type Verdict = { kind: 'ack' } | { kind: 'retry'; delayMs: number } | { kind: 'dead'; reason: string };

/**
 * What both buses do with one delivered message: a message that fails validation is dead-lettered
 * at once (it will never get better); a handler failure is retried with backoff until maxDeliver,
 * then dead-lettered with the last error.
 */
export async function deliver(
  raw: string | Uint8Array,
  info: DeliveryInfo,
  handler: EventHandler,
  maxDeliver: number,
  log: Logger,
): Promise<Verdict> {
  return deliverParsed(parseDelivered(raw), info, handler, maxDeliver, log);
}

/** A delivered message, parsed and validated once: the event, or why it can never be handled. */
export type Parsed = { event: EventEnvelope } | { invalid: string };

export function parseDelivered(raw: string | Uint8Array): Parsed {
  try {
    return { event: parseEnvelope(raw) };
  } catch (err) {
    return { invalid: err instanceof EventValidationError ? err.message : String(err) };
  }
}

export async function deliverParsed(
  parsed: Parsed,
  info: DeliveryInfo,
  handler: EventHandler,
  maxDeliver: number,
  log: Logger,
): Promise<Verdict> {
  if ('invalid' in parsed) {
    log.warn({ subject: info.subject, reason: parsed.invalid }, 'invalid message dead-lettered');
    return { kind: 'dead', reason: `validation: ${parsed.invalid}` };
  }
  const { event } = parsed;
  try {
    await handler(event, info);
    return { kind: 'ack' };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (info.deliveryCount >= maxDeliver) {
      log.error({ subject: info.subject, eventId: event.id, reason }, 'handler failed on last delivery; dead-lettered');
      return { kind: 'dead', reason: `handler failed ${info.deliveryCount} times: ${reason}` };
    }
    log.warn(
      { subject: info.subject, eventId: event.id, reason, deliveryCount: info.deliveryCount },
      'handler failed; will retry',
    );
    return { kind: 'retry', delayMs: redeliveryDelay(info.deliveryCount) };
  }
}

/**
 * The consumer series of one delivery (both buses): its outcome, a redelivery, a dead letter, and
 * how long after it was written the event was taken (the consumer's lag); `pending` is what the
 * stream still holds for the consumer, when the bus knows it (JetStream).
 */
export function countDelivery(
  consumer: string,
  parsed: Parsed,
  info: DeliveryInfo,
  verdict: Verdict,
  pending?: number,
): void {
  metrics.consumerHandled.inc({ consumer, outcome: verdict.kind });
  if (info.deliveryCount > 1) metrics.redeliveries.inc({ consumer });
  if (verdict.kind === 'dead') metrics.deadLetters.inc({ consumer });
  if ('event' in parsed && info.deliveryCount === 1)
    metrics.consumerLag.set({ consumer }, secondsSince(parsed.event.occurredAt));
  if (pending !== undefined) metrics.consumerPending.set({ consumer }, pending);
}
