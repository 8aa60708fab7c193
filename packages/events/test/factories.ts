import { randomUUID } from 'node:crypto';
import { buildEvent } from '@zhiyuan/testing';
import type { EventEnvelope, SubscribeOptions } from '../src';

/**
 * The producer of this test run's events. Tests of other packages publish on the same subjects of the
 * shared NATS server at the same time; `ours` keeps a consumer's handler to this run's events.
 */
export const TEST_PRODUCER = `bus-test-${randomUUID().slice(0, 8)}`;

/** Subscription options whose handler sees only the events this test run published. */
export function ours(opts: SubscribeOptions): SubscribeOptions {
  return { ...opts, handler: async (e, info) => (e.producer === TEST_PRODUCER ? opts.handler(e, info) : undefined) };
}

/** A valid `cases.performance.recorded` event for a case. */
export function paymentEvent(
  caseId: string = randomUUID(),
  amountFen = 100,
): EventEnvelope<'cases.performance.recorded'> {
  return buildEvent(
    'cases.performance.recorded',
    { caseId, amountFen, paidOn: '2024-07-01', outstandingFen: 0, totalPaidFen: amountFen },
    { producer: TEST_PRODUCER },
  );
}
