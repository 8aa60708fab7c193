import { randomUUID } from 'node:crypto';
import type { EventBus, EventEnvelope, EventPayload, EventType } from '@zhiyuan/events';
import type { Emit } from '@zhiyuan/db';
import type { DataSource } from 'typeorm';
import { buildEvent, publishAndWait, waitForHandled } from '@zhiyuan/testing';

export const COUNTY = '330522';
export const TOWNSHIP_A = '330522104'; // 虹星桥镇
export const VILLAGE_A1 = '330522104201'; // 港口村
export const VILLAGE_A2 = '330522104202'; // 白水村
export const TOWNSHIP_B = '330522106'; // 和平镇
export const VILLAGE_B1 = '330522106201'; // 方家庄村

/** An envelope of any one event type (EventEnvelope of the union would mix payloads). */
export type AnyEnvelope = { [K in EventType]: EventEnvelope<K> }[EventType];

export function event<T extends EventType>(
  type: T,
  payload: Partial<EventPayload<T>>,
  key: string,
  occurredAt?: Date,
): EventEnvelope<T> {
  return buildEvent(type, payload, { producer: 'test', key, occurredAt });
}

export interface ClosedCase {
  caseId?: string;
  judgeId?: string | null;
  outcome?: EventPayload<'cases.case.closed'>['outcome'];
  villageCode?: string | null;
  townshipCode?: string | null;
  effectiveDate?: string;
  closedAt?: string;
  daysOpen?: number;
  amountAppliedFen?: number;
  amountRecoveredFen?: number;
  enforcementFiled?: boolean;
  urged?: boolean;
  causeCategory?: string;
  obligorIds?: string[];
}

export function caseClosed(c: ClosedCase = {}): EventEnvelope<'cases.case.closed'> {
  const caseId = c.caseId ?? randomUUID();
  const outcome = c.outcome ?? 'COMPLETED';
  return event(
    'cases.case.closed',
    {
      caseId,
      caseNumber: `(2024)浙0522执${caseId.slice(0, 4)}号`,
      outcome,
      judgeId: c.judgeId === undefined ? randomUUID() : c.judgeId,
      officerId: null,
      causeCode: 'LOAN',
      causeCategory: c.causeCategory ?? '借款合同纠纷',
      urged: c.urged ?? outcome === 'PERFORMED_AFTER_URGING',
      enforcementFiled: c.enforcementFiled ?? outcome !== 'PERFORMED_AFTER_URGING',
      effectiveDate: c.effectiveDate ?? '2024-01-10',
      closedAt: c.closedAt ?? '2024-03-15T02:00:00.000Z',
      daysOpen: c.daysOpen ?? 65,
      amountAppliedFen: c.amountAppliedFen ?? 100_000,
      amountRecoveredFen: c.amountRecoveredFen ?? 100_000,
      obligorIds: c.obligorIds ?? [randomUUID()],
      villageCode: c.villageCode === undefined ? VILLAGE_A1 : c.villageCode,
      townshipCode: c.townshipCode === undefined ? (c.villageCode ?? VILLAGE_A1).slice(0, 9) : c.townshipCode,
    },
    caseId,
  );
}

export function judgmentEffective(
  c: {
    caseId?: string;
    effectiveDate?: string;
    villageCode?: string;
    townshipCode?: string;
    causeCategory?: string;
    amountOwedFen?: number;
    obligorIds?: string[];
    judgeId?: string;
  } = {},
) {
  const caseId = c.caseId ?? randomUUID();
  return event(
    'cases.judgment.effective',
    {
      caseId,
      caseNumber: `(2024)浙0522民初${caseId.slice(0, 4)}号`,
      court: '长兴县人民法院',
      causeCode: 'LOAN',
      causeCategory: c.causeCategory ?? '借款合同纠纷',
      judgeId: c.judgeId ?? null,
      effectiveDate: c.effectiveDate ?? '2024-01-10',
      performanceDeadline: null,
      obligorIds: c.obligorIds ?? [randomUUID()],
      obligeeIds: [randomUUID()],
      amountOwedFen: c.amountOwedFen ?? 100_000,
      villageCode: c.villageCode ?? VILLAGE_A1,
      townshipCode: c.townshipCode ?? (c.villageCode ?? VILLAGE_A1).slice(0, 9),
    },
    caseId,
  );
}

export function taskEvent(
  kind: 'created' | 'completed' | 'overdue',
  t: {
    taskId: string;
    divisionCode?: string;
    type?: EventPayload<'tasks.task.created'>['type'];
    level?: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
    at?: string;
    createdAt?: string;
  },
) {
  const base = {
    taskId: t.taskId,
    caseId: null,
    obligorId: null,
    type: t.type ?? 'LOCATE_PERSON',
    level: t.level ?? 'VILLAGE',
    divisionCode: t.divisionCode ?? VILLAGE_A1,
  } as const;
  const at = t.at ?? '2024-03-01T02:00:00.000Z';
  if (kind === 'created')
    return event('tasks.task.created', { ...base, assigneeId: null, dueAt: at, createdAt: at }, t.taskId);
  if (kind === 'completed')
    return event(
      'tasks.task.completed',
      { ...base, status: 'DONE', createdAt: t.createdAt ?? at, completedAt: at, result: null },
      t.taskId,
    );
  return event('tasks.task.overdue', { ...base, dueAt: at, escalatedTo: 'TOWNSHIP', overdueAt: at }, t.taskId);
}

/** Publishes events and waits until this service's handlers have taken every one of them in. */
export async function publishAndSettle(
  bus: EventBus,
  ds: DataSource,
  events: AnyEnvelope[],
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  await publishAndWait(bus, ds, 'metrics', events, opts);
}

export async function settled(ds: DataSource, events: { id: string }[]): Promise<void> {
  await waitForHandled(ds, 'metrics', events);
}

/** An emit whose events a test does not look at (a handler driven by hand, outside Messaging). */
export const ignore = (async () => ({})) as unknown as Emit;
