import { randomUUID } from 'node:crypto';
import { createEvent, type EventPayload } from '@zhiyuan/events';

let n = 0;

export function judgmentEffective(p: Partial<EventPayload<'cases.judgment.effective'>> & { obligorIds: string[] }) {
  const caseId = p.caseId ?? randomUUID();
  return createEvent(
    'cases.judgment.effective',
    {
      caseId,
      caseNumber: `(2026)浙0522民初${1000 + ++n}号`,
      court: '长兴县人民法院',
      causeCode: 'LOAN',
      causeCategory: 'CIVIL',
      judgeId: null,
      effectiveDate: '2026-01-10',
      performanceDeadline: null,
      obligeeIds: [randomUUID()],
      amountOwedFen: 5_000_000,
      villageCode: '330522104201',
      townshipCode: '330522104',
      ...p,
    },
    { producer: 'cases', key: caseId },
  );
}

export function performanceRecorded(p: Partial<EventPayload<'cases.performance.recorded'>> & { caseId: string; obligorIds: string[]; outstandingFen: number }) {
  return createEvent(
    'cases.performance.recorded',
    { performanceId: randomUUID(), amountFen: 100_000, source: 'VOLUNTARY', paidOn: '2026-02-01', totalPaidFen: 100_000, recordedAt: new Date().toISOString(), ...p },
    { producer: 'cases', key: p.caseId },
  );
}

export function caseClosed(p: Partial<EventPayload<'cases.case.closed'>> & { caseId: string; obligorIds: string[] }) {
  return createEvent(
    'cases.case.closed',
    {
      caseNumber: '(2026)浙0522执1号',
      outcome: 'TERMINATED_THIS_ROUND',
      judgeId: null,
      officerId: null,
      causeCode: 'LOAN',
      causeCategory: 'CIVIL',
      urged: false,
      enforcementFiled: true,
      effectiveDate: '2026-01-10',
      closedAt: new Date().toISOString(),
      daysOpen: 30,
      amountAppliedFen: 5_000_000,
      amountRecoveredFen: 0,
      villageCode: '330522104201',
      townshipCode: '330522104',
      ...p,
    },
    { producer: 'cases', key: p.caseId },
  );
}

export function instalmentMissed(p: { caseId: string; obligorIds: string[]; instalmentNo?: number }) {
  return createEvent(
    'cases.instalment.missed',
    { planId: randomUUID(), instalmentNo: p.instalmentNo ?? 1, dueDate: '2026-03-01', amountFen: 50_000, caseId: p.caseId, obligorIds: p.obligorIds },
    { producer: 'cases', key: p.caseId },
  );
}

export function formSubmitted(p: { partyId: string; formType?: 'WHEREABOUTS_FEEDBACK' | 'PROPERTY_DECLARATION'; summary?: Partial<EventPayload<'tasks.form.submitted'>['summary']> }) {
  return createEvent(
    'tasks.form.submitted',
    {
      formId: randomUUID(),
      formType: p.formType ?? 'PROPERTY_DECLARATION',
      partyId: p.partyId,
      caseId: null,
      taskId: null,
      submittedAt: new Date().toISOString(),
      summary: { found: null, monthlyIncomeFen: null, assetsValueFen: null, debtsFen: null, dependants: null, assetsSeen: [], ...p.summary },
    },
    { producer: 'tasks', key: p.partyId },
  );
}
