import { randomUUID } from 'node:crypto';
import { caseClosed, event, judgmentEffective, taskEvent, type AnyEnvelope } from './events';

export interface FixtureCodes {
  TOWNSHIP_A: string;
  VILLAGE_A1: string;
  VILLAGE_A2: string;
  TOWNSHIP_B: string;
  VILLAGE_B1: string;
}

/** Codes of a county of its own under a random 6-digit code, so tests on a shared NATS never mix figures. */
export function isolatedCodes(): FixtureCodes & { COUNTY: string } {
  const county = `9${String(Math.floor(Math.random() * 99_999)).padStart(5, '0')}`;
  return {
    COUNTY: county,
    TOWNSHIP_A: `${county}104`,
    VILLAGE_A1: `${county}104201`,
    VILLAGE_A2: `${county}104202`,
    TOWNSHIP_B: `${county}106`,
    VILLAGE_B1: `${county}106201`,
  };
}

/** The first-quarter-2024 fixture worked out by hand in kpis.int.test.ts. */
export function quarterFixture(codes: FixtureCodes, judge = randomUUID()): { events: AnyEnvelope[]; judge: string } {
  const { TOWNSHIP_A, VILLAGE_A1, VILLAGE_A2, TOWNSHIP_B, VILLAGE_B1 } = codes;
  const [p7, p8, q] = [randomUUID(), randomUUID(), randomUUID()];
  const c3 = randomUUID();
  const c7 = randomUUID();
  const listed = (listingId: string, partyId: string, caseId: string, villageCode: string, listedAt: string) =>
    event(
      'credit.listing.added',
      {
        listingId,
        partyId,
        caseId,
        villageCode,
        townshipCode: villageCode.slice(0, 9),
        listedAt,
        ground: 'ABLE_BUT_REFUSES',
        expiresAt: null,
        measures: ['CONSUMPTION_RESTRICTION'],
      },
      partyId,
    );
  const l2 = randomUUID();
  const payment = (amountFen: number, recordedAt: string) =>
    event(
      'cases.performance.recorded',
      {
        caseId: c7,
        performanceId: randomUUID(),
        amountFen,
        source: 'VOLUNTARY',
        paidOn: recordedAt.slice(0, 10),
        outstandingFen: 0,
        totalPaidFen: amountFen,
        obligorIds: [p7, p8],
        recordedAt,
      },
      c7,
    );
  const c1 = randomUUID();
  const c2 = randomUUID();
  const [t1, t2, t3] = [randomUUID(), randomUUID(), randomUUID()];
  const events: AnyEnvelope[] = [
    // Payments first: a payment that arrives before its listing is still counted after exposure (order tolerance).
    payment(20_000, '2024-03-12T02:00:00.000Z'),
    payment(5_000, '2024-03-01T02:00:00.000Z'),
    caseClosed({
      caseId: c1,
      judgeId: judge,
      outcome: 'PERFORMED_AFTER_URGING',
      villageCode: VILLAGE_A1,
      effectiveDate: '2024-01-10',
      closedAt: '2024-01-30T02:00:00.000Z',
      daysOpen: 20,
      amountAppliedFen: 50_000,
      amountRecoveredFen: 50_000,
      enforcementFiled: false,
    }),
    caseClosed({
      caseId: c2,
      judgeId: judge,
      outcome: 'COMPLETED',
      villageCode: VILLAGE_A1,
      effectiveDate: '2024-01-15',
      closedAt: '2024-02-24T02:00:00.000Z',
      daysOpen: 40,
      amountAppliedFen: 200_000,
      amountRecoveredFen: 200_000,
      enforcementFiled: true,
    }),
    caseClosed({
      caseId: c3,
      outcome: 'TERMINATED_THIS_ROUND',
      villageCode: VILLAGE_A2,
      effectiveDate: '2023-01-05',
      closedAt: '2024-02-09T02:00:00.000Z',
      daysOpen: 400,
      amountAppliedFen: 1_000_000,
      amountRecoveredFen: 100_000,
      enforcementFiled: true,
    }),
    caseClosed({
      outcome: 'SETTLED_AND_PERFORMED',
      villageCode: VILLAGE_A2,
      effectiveDate: '2024-02-01',
      closedAt: '2024-03-02T02:00:00.000Z',
      daysOpen: 30,
      amountAppliedFen: 300_000,
      amountRecoveredFen: 300_000,
      enforcementFiled: true,
    }),
    caseClosed({
      outcome: 'COMPLETED',
      villageCode: VILLAGE_B1,
      townshipCode: TOWNSHIP_B,
      effectiveDate: '2024-01-20',
      closedAt: '2024-01-30T02:00:00.000Z',
      daysOpen: 10,
      amountAppliedFen: 80_000,
      amountRecoveredFen: 80_000,
      enforcementFiled: false,
    }),
    caseClosed({
      outcome: 'COMPLETED',
      villageCode: VILLAGE_A1,
      effectiveDate: '2024-03-01',
      closedAt: '2024-03-31T17:00:00.000Z',
      daysOpen: 31,
      amountAppliedFen: 10_000,
      amountRecoveredFen: 10_000,
      enforcementFiled: true,
    }),
    judgmentEffective({
      caseId: c7,
      effectiveDate: '2024-02-10',
      villageCode: VILLAGE_A1,
      causeCategory: '买卖合同纠纷',
      amountOwedFen: 70_000,
      obligorIds: [p7, p8],
    }),
    event(
      'cases.urging.started',
      {
        caseId: c1,
        caseNumber: 'c1',
        court: '长兴县人民法院',
        judgeId: judge,
        obligorIds: [randomUUID()],
        obligeeIds: [randomUUID()],
        amountOwedFen: 50_000,
        deadline: '2024-01-31',
        startedAt: '2024-01-11T01:00:00.000Z',
        villageCode: VILLAGE_A1,
        townshipCode: TOWNSHIP_A,
      },
      c1,
    ),
    event('cases.urging.ended', { caseId: c1, reason: 'PERFORMED', endedAt: '2024-01-29T01:00:00.000Z' }, c1),
    event(
      'cases.urging.started',
      {
        caseId: c2,
        caseNumber: 'c2',
        court: '长兴县人民法院',
        judgeId: judge,
        obligorIds: [randomUUID()],
        obligeeIds: [randomUUID()],
        amountOwedFen: 200_000,
        deadline: '2024-01-31',
        startedAt: '2024-01-16T01:00:00.000Z',
        villageCode: VILLAGE_A1,
        townshipCode: TOWNSHIP_A,
      },
      c2,
    ),
    event('cases.urging.ended', { caseId: c2, reason: 'ENFORCEMENT_APPLIED', endedAt: '2024-02-01T01:00:00.000Z' }, c2),
    taskEvent('created', {
      taskId: t1,
      divisionCode: VILLAGE_A1,
      type: 'LOCATE_PERSON',
      at: '2024-03-01T02:00:00.000Z',
    }),
    taskEvent('completed', {
      taskId: t1,
      divisionCode: VILLAGE_A1,
      type: 'LOCATE_PERSON',
      at: '2024-03-05T02:00:00.000Z',
      createdAt: '2024-03-01T02:00:00.000Z',
    }),
    taskEvent('created', {
      taskId: t2,
      divisionCode: VILLAGE_A1,
      type: 'SERVE_DOCUMENT',
      at: '2024-03-02T02:00:00.000Z',
    }),
    taskEvent('overdue', {
      taskId: t2,
      divisionCode: VILLAGE_A1,
      type: 'SERVE_DOCUMENT',
      at: '2024-03-10T02:00:00.000Z',
    }),
    taskEvent('created', {
      taskId: t3,
      type: 'FIND_ASSETS',
      level: 'TOWNSHIP',
      divisionCode: TOWNSHIP_A,
      at: '2024-03-03T02:00:00.000Z',
    }),
    event(
      'tasks.meeting.held',
      {
        meetingId: randomUUID(),
        villageCode: VILLAGE_A1,
        townshipCode: TOWNSHIP_A,
        heldAt: '2024-03-20T06:00:00.000Z',
        invited: 9,
        attended: 7,
        paidInFull: 2,
        instalmentPlans: 3,
        outcomes: [],
      },
      VILLAGE_A1,
    ),
    listed(randomUUID(), p7, c7, VILLAGE_A1, '2024-03-05T02:00:00.000Z'),
    listed(l2, q, c3, VILLAGE_A2, '2024-02-01T02:00:00.000Z'),
    event(
      'credit.listing.removed',
      {
        listingId: l2,
        partyId: q,
        caseId: c3,
        villageCode: VILLAGE_A2,
        townshipCode: TOWNSHIP_A,
        listedAt: '2024-02-01T02:00:00.000Z',
        removalGround: 'PERFORMED',
        removedAt: '2024-03-10T02:00:00.000Z',
      },
      q,
    ),
  ];
  return { events, judge };
}
