import { randomUUID } from 'node:crypto';
import type { EventPayload } from '@zhiyuan/events';
import { buildEvent } from '@zhiyuan/testing';

let n = 0;

export function judgmentEffective(p: Partial<EventPayload<'cases.judgment.effective'>> & { obligorIds: string[] }) {
  const caseId = p.caseId ?? randomUUID();
  return buildEvent(
    'cases.judgment.effective',
    {
      caseId,
      caseNumber: `(2026)浙0522民初${1000 + ++n}号`,
      causeCode: 'LOAN',
      causeCategory: 'CIVIL',
      effectiveDate: '2026-01-10',
      performanceDeadline: null,
      amountOwedFen: 5_000_000,
      ...p,
    },
    { producer: 'cases', key: caseId },
  );
}

export function performanceRecorded(
  p: Partial<EventPayload<'cases.performance.recorded'>> & {
    caseId: string;
    obligorIds: string[];
    outstandingFen: number;
  },
) {
  return buildEvent('cases.performance.recorded', { paidOn: '2026-02-01', ...p }, { producer: 'cases', key: p.caseId });
}

export function caseClosed(p: Partial<EventPayload<'cases.case.closed'>> & { caseId: string; obligorIds: string[] }) {
  return buildEvent(
    'cases.case.closed',
    {
      caseNumber: '(2026)浙0522执1号',
      outcome: 'TERMINATED_THIS_ROUND',
      causeCode: 'LOAN',
      causeCategory: 'CIVIL',
      effectiveDate: '2026-01-10',
      amountAppliedFen: 5_000_000,
      amountRecoveredFen: 0,
      ...p,
    },
    { producer: 'cases', key: p.caseId },
  );
}

export function instalmentMissed(p: { caseId: string; obligorIds: string[]; instalmentNo?: number }) {
  return buildEvent('cases.instalment.missed', { dueDate: '2026-03-01', ...p }, { producer: 'cases', key: p.caseId });
}

export function formSubmitted(p: {
  partyId: string;
  formType?: 'WHEREABOUTS_FEEDBACK' | 'PROPERTY_DECLARATION';
  summary?: Partial<EventPayload<'tasks.form.submitted'>['summary']>;
}) {
  return buildEvent(
    'tasks.form.submitted',
    {
      formType: p.formType,
      partyId: p.partyId,
      summary: {
        found: null,
        monthlyIncomeFen: null,
        assetsValueFen: null,
        debtsFen: null,
        dependants: null,
        assetsSeen: [],
        ...p.summary,
      },
    },
    { producer: 'tasks', key: p.partyId },
  );
}

export function taskCreated(
  p: Partial<EventPayload<'tasks.task.created'>> & { obligorId: string | null; assigneeDepartment: string | null },
) {
  const taskId = p.taskId ?? randomUUID();
  return buildEvent('tasks.task.created', { ...p, taskId }, { producer: 'tasks', key: p.caseId ?? taskId });
}

export function taskCompleted(
  p: Partial<EventPayload<'tasks.task.completed'>> & { taskId: string; status: 'DONE' | 'CANCELLED' },
) {
  return buildEvent('tasks.task.completed', { ...p }, { producer: 'tasks', key: p.caseId ?? p.taskId });
}
