import { randomUUID } from 'node:crypto';
import { createEvent, type EventEnvelope } from '../src';

/** A valid `cases.performance.recorded` event for a case. */
export function paymentEvent(caseId: string = randomUUID(), amountFen = 100): EventEnvelope<'cases.performance.recorded'> {
  return createEvent(
    'cases.performance.recorded',
    {
      caseId,
      performanceId: randomUUID(),
      amountFen,
      source: 'VOLUNTARY',
      paidOn: '2024-07-01',
      outstandingFen: 0,
      totalPaidFen: amountFen,
      obligorIds: [randomUUID()],
      recordedAt: new Date().toISOString(),
    },
    { producer: 'cases', key: caseId },
  );
}
