import { randomUUID } from 'node:crypto';
import { createEvent, type EventEnvelope, type EventPayload, type EventType } from '@zhiyuan/events';
import type { HandlerDefinition } from '@zhiyuan/db';
import { loadTasksConfig } from '../../src';
import { createHandlers } from '../../src/events';
import type { CaseSeed } from './events';
import type { Harness } from './service';

/** Builders for the case-step events the parties' notices follow (cases and people-credit producers). */

function envelope<T extends EventType>(type: T, payload: EventPayload<T>, key: string): EventEnvelope<T> {
  return createEvent(type, payload, { producer: type.startsWith('cases.') ? 'cases' : 'people-credit', key });
}

/** The same event published again by its producer: a new envelope id, the same business identity. */
export function republished<T extends EventType>(e: EventEnvelope<T>): EventEnvelope<T> {
  return createEvent<T>(e.type as T, e.payload as EventPayload<T>, {
    producer: e.producer,
    key: e.key,
  }) as EventEnvelope<T>;
}

/** A judgment of a given court (the court the switches match). */
export function judgmentOfCourt(c: CaseSeed, court: string) {
  return envelope(
    'cases.judgment.effective',
    {
      ...c,
      court,
      causeCode: '9001',
      causeCategory: '民间借贷纠纷',
      judgeId: c.judgeId ?? null,
      effectiveDate: '2030-01-10',
      performanceDeadline: '2030-01-25',
      amountOwedFen: 1_250_000,
    },
    c.caseId,
  );
}

export function performanceRecorded(c: CaseSeed, over: Partial<EventPayload<'cases.performance.recorded'>> = {}) {
  return envelope(
    'cases.performance.recorded',
    {
      caseId: c.caseId,
      performanceId: randomUUID(),
      amountFen: 300_050,
      source: 'VOLUNTARY',
      paidOn: '2030-02-25',
      outstandingFen: 949_950,
      totalPaidFen: 300_050,
      obligorIds: c.obligorIds,
      recordedAt: '2030-02-25T03:00:00.000Z',
      ...over,
    },
    c.caseId,
  );
}

export function settlementAgreed(
  c: CaseSeed,
  instalments: { dueDate: string; amountFen: number }[],
  over: Partial<EventPayload<'cases.settlement.agreed'>> = {},
) {
  return envelope(
    'cases.settlement.agreed',
    {
      caseId: c.caseId,
      settlementId: randomUUID(),
      kind: 'INSTALMENT_PLAN',
      totalFen: instalments.reduce((s, i) => s + i.amountFen, 0),
      instalments: instalments.map((i, k) => ({ no: k + 1, ...i })),
      obligorIds: c.obligorIds,
      agreedAt: '2030-02-20T02:00:00.000Z',
      ...over,
    },
    c.caseId,
  );
}

export function instalmentMissed(
  c: CaseSeed,
  planId: string = randomUUID(),
  over: Partial<EventPayload<'cases.instalment.missed'>> = {},
) {
  return envelope(
    'cases.instalment.missed',
    {
      caseId: c.caseId,
      planId,
      instalmentNo: 1,
      dueDate: '2030-02-28',
      amountFen: 100_000,
      obligorIds: c.obligorIds,
      ...over,
    },
    c.caseId,
  );
}

export function listingAdded(c: CaseSeed, listingId: string = randomUUID()) {
  return envelope(
    'credit.listing.added',
    {
      listingId,
      partyId: c.obligorIds[0]!,
      caseId: c.caseId,
      villageCode: c.villageCode,
      townshipCode: c.townshipCode,
      listedAt: '2030-02-27T17:00:00.000Z',
      ground: 'ABLE_BUT_REFUSES',
      expiresAt: null,
      measures: ['CONSUMPTION_RESTRICTION'],
    },
    c.obligorIds[0]!,
  );
}

export function listingRemoved(c: CaseSeed, listingId: string = randomUUID()) {
  return envelope(
    'credit.listing.removed',
    {
      listingId,
      partyId: c.obligorIds[0]!,
      caseId: c.caseId,
      villageCode: c.villageCode,
      townshipCode: c.townshipCode,
      listedAt: '2030-02-27T17:00:00.000Z',
      removalGround: 'PERFORMED',
      removedAt: '2030-03-05T02:00:00.000Z',
    },
    c.obligorIds[0]!,
  );
}

/** The service's handlers with NOTICES_OFF read as the service would read it. */
export function handlersWithNoticesOff(noticesOff: string): HandlerDefinition<any>[] {
  return createHandlers(loadTasksConfig({ DATABASE_URL: 'postgres://unused', NOTICES_OFF: noticesOff }).NOTICES_OFF);
}

/** Runs an event through the inbox of every handler subscribed to it, as the deliveries would; returns how many handled it anew. */
export async function deliverToAll(
  h: Harness,
  handlers: HandlerDefinition<any>[],
  event: EventEnvelope<any>,
): Promise<number> {
  let handled = 0;
  for (const def of handlers.filter((d) => subjectMatches(d.subject, event.type))) {
    if (await h.service.runtime.messaging.handleOnce(`tasks__${def.name}`, event, def.handle)) handled++;
  }
  return handled;
}

function subjectMatches(pattern: string, subject: string): boolean {
  if (!pattern.endsWith('.*')) return pattern === subject;
  return subject.startsWith(pattern.slice(0, -1)) && subject.split('.').length === pattern.split('.').length;
}
