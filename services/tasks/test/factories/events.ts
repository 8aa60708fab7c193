import { randomUUID } from 'node:crypto';
import { createEvent, type EventEnvelope, type EventPayload, type EventType } from '@zhiyuan/events';

/** Changxing demo divisions (the report's names). */
export const COUNTY = '330522';
export const HONGXINGQIAO = '330522104';
export const GANGKOU = '330522104201';
export const BAISHUI = '330522104202';

let seq = 0;
const next = () => ++seq;

export function event<T extends EventType>(type: T, payload: EventPayload<T>, key: string): EventEnvelope<T> {
  return createEvent(type, payload, { producer: type.startsWith('cases.') ? 'cases' : 'people-credit', key });
}

export function partyRegistered(over: Partial<EventPayload<'people.party.registered'>> = {}) {
  const partyId = over.partyId ?? randomUUID();
  return event(
    'people.party.registered',
    {
      partyId,
      kind: 'PERSON',
      name: `张${next()}`,
      idNumberMasked: '3305221980****1234',
      phone: `1380000${String(next()).padStart(4, '0')}`,
      birthDate: '1980-01-01',
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
    { staffId, name: `村书记${next()}`, roles: ['VILLAGE_CADRE', 'VILLAGE_SECRETARY'], divisionCode: GANGKOU, phone: `1390000${String(next()).padStart(4, '0')}`, department: null, active: true, ...over },
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
      court: '长兴县人民法院',
      causeCode: '9001',
      causeCategory: '民间借贷纠纷',
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
    { ...c, court: '长兴县人民法院', judgeId: c.judgeId ?? null, amountOwedFen: 1_250_000, deadline: '2024-07-15', startedAt: startedAt.toISOString() },
    c.caseId,
  );
}

export function enforcementFiled(c: CaseSeed, needsService = true, filedAt = new Date()) {
  return event(
    'cases.enforcement.filed',
    { ...c, enforcementNumber: `(2024)浙0522执${next()}号`, judgeId: c.judgeId ?? null, officerId: null, amountAppliedFen: 1_250_000, needsService, filedAt: filedAt.toISOString() },
    c.caseId,
  );
}

export function caseClosed(c: CaseSeed, outcome: EventPayload<'cases.case.closed'>['outcome'] = 'COMPLETED') {
  return event(
    'cases.case.closed',
    {
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      outcome,
      judgeId: c.judgeId ?? null,
      officerId: null,
      causeCode: '9001',
      causeCategory: '民间借贷纠纷',
      urged: true,
      enforcementFiled: true,
      effectiveDate: '2024-07-01',
      closedAt: new Date().toISOString(),
      daysOpen: 30,
      amountAppliedFen: 1_250_000,
      amountRecoveredFen: 1_250_000,
      obligorIds: c.obligorIds,
      villageCode: c.villageCode,
      townshipCode: c.townshipCode,
    },
    c.caseId,
  );
}
