import type { Logger } from '@zhiyuan/config';
import { redeliveryDelay, type DeliveryInfo, type EventHandler } from './bus';
import { EventValidationError, parseEnvelope } from './envelope';

export type Verdict = { kind: 'ack' } | { kind: 'retry'; delayMs: number } | { kind: 'dead'; reason: string };

/**
 * What both buses do with one delivered message: a message that fails validation is dead-lettered
 * at once (it will never get better); a handler failure is retried with backoff until maxDeliver,
 * then dead-lettered with the last error.
 */
export async function deliver(raw: string | Uint8Array, info: DeliveryInfo, handler: EventHandler, maxDeliver: number, log: Logger): Promise<Verdict> {
  let event;
  try {
    event = parseEnvelope(raw);
  } catch (err) {
    const reason = err instanceof EventValidationError ? err.message : String(err);
    log.warn({ subject: info.subject, reason }, 'invalid message dead-lettered');
    return { kind: 'dead', reason: `validation: ${reason}` };
  }
  try {
    await handler(event, info);
    return { kind: 'ack' };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (info.deliveryCount >= maxDeliver) {
      log.error({ subject: info.subject, eventId: event.id, reason }, 'handler failed on last delivery; dead-lettered');
      return { kind: 'dead', reason: `handler failed ${info.deliveryCount} times: ${reason}` };
    }
    log.warn({ subject: info.subject, eventId: event.id, reason, deliveryCount: info.deliveryCount }, 'handler failed; will retry');
    return { kind: 'retry', delayMs: redeliveryDelay(info.deliveryCount) };
  }
}
