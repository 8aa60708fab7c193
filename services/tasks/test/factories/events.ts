import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventPayload, EventType } from '@zhiyuan/events';
import { buildEvent } from '@zhiyuan/testing';

/** Changxing demo divisions (the report's names). */
export const COUNTY = '330522';
export const HONGXINGQIAO = '330522104';
export const GANGKOU = '330522104201';
export const BAISHUI = '330522104202';

let seq = 0;
const next = () => ++seq;

/** An event of the cases or people-credit context, as its producer would publish it (see buildEvent). */
export function event<T extends EventType>(type: T, payload: Partial<EventPayload<T>>, key: string): EventEnvelope<T> {
  return buildEvent(type, payload, { producer: type.startsWith('cases.') ? 'cases' : 'people-credit', key });
}

export function partyRegistered(over: Partial<EventPayload<'people.party.registered'>> = {}) {
  const partyId = over.partyId ?? randomUUID();
  return event(
    'people.party.registered',
    {
      partyId,
      name: `张${next()}`,
      phone: `1380000${String(next()).padStart(4, '0')}`,
      homeDivisionCode: GANGKOU,
      villageCode: GANGKOU,
      townshipCode: HONGXINGQIAO,
      ...over,
    },
    partyId,
  );
}

export function staffRegistered(over: Partial<EventPayload<'people.staff.registered'>> = {}) {
  const staffId = over.staffId ?? randomUUID();
  return event(
    'people.staff.registered',
    {
      staffId,
      name: `村书记${next()}`,
      roles: ['VILLAGE_CADRE', 'VILLAGE_SECRETARY'],
      divisionCode: GANGKOU,
      phone: `1390000${String(next()).padStart(4, '0')}`,
      ...over,
    },
    staffId,
  );
}

export interface CaseSeed {
  caseId: string;
  caseNumber: string;
  obligorIds: string[];
  obligeeIds: string[];
  villageCode: string | null;
  townshipCode: string | null;
  /** The presiding judge (staff id), carried by the case events. */
  judgeId?: string | null;
}

export function aCase(over: Partial<CaseSeed> = {}): CaseSeed {
  return {
    caseId: randomUUID(),
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    obligorIds: [randomUUID()],
    obligeeIds: [randomUUID()],
    villageCode: GANGKOU,
    townshipCode: HONGXINGQIAO,
    ...over,
  };
}

export function judgmentEffective(c: CaseSeed) {
  return event(
    'cases.judgment.effective',
    {
      ...c,
      causeCode: '9001',
      judgeId: c.judgeId ?? null,
      effectiveDate: '2024-07-01',
      performanceDeadline: '2024-07-15',
      amountOwedFen: 1_250_000,
    },
    c.caseId,
  );
}

export function urgingStarted(c: CaseSeed, startedAt = new Date()) {
  return event(
    'cases.urging.started',
    {
      ...c,
      judgeId: c.judgeId ?? null,
      amountOwedFen: 1_250_000,
      deadline: '2024-07-15',
      startedAt: startedAt.toISOString(),
    },
    c.caseId,
  );
}

export function enforcementFiled(c: CaseSeed, needsService = true, filedAt = new Date()) {
  return event(
    'cases.enforcement.filed',
    { ...c, judgeId: c.judgeId ?? null, amountAppliedFen: 1_250_000, needsService, filedAt: filedAt.toISOString() },
    c.caseId,
  );
}

export function caseClosed(
  c: CaseSeed,
  outcome: EventPayload<'cases.case.closed'>['outcome'] = 'COMPLETED',
  closedAt = new Date(),
) {
  const { caseId, caseNumber, obligorIds, villageCode, townshipCode } = c;
  return event(
    'cases.case.closed',
    {
      caseId,
      caseNumber,
      outcome,
      judgeId: c.judgeId ?? null,
      causeCode: '9001',
      urged: true,
      enforcementFiled: true,
      effectiveDate: '2024-07-01',
      obligorIds,
      villageCode,
      townshipCode,
      closedAt: closedAt.toISOString(),
    },
    c.caseId,
  );
}
