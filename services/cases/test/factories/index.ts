import { randomUUID } from 'node:crypto';
import { InProcessEventBus, type EventBus, type EventEnvelope } from '@zhiyuan/events';
import { buildEvent, createTestDatabase, silentLogger, waitFor, type TestDatabase } from '@zhiyuan/testing';
import type { ServiceDeps } from '@zhiyuan/server';
import { createService, loadCasesConfig } from '../../src';

export const COUNTY = '330522';
/** 虹星桥镇 with 港口村 and 白水村; 和平镇 with 方家庄村 (codes as in the people-credit demo data). */
export const HONGXINGQIAO = '330522104';
export const GANGKOU = '330522104201';
export const BAISHUI = '330522104202';
export const HEPING = '330522106';
export const FANGJIAZHUANG = '330522106201';

let serial = 1000;
/** A fresh judgment case number of the county court. */
export const judgmentNumber = (year = 2024) => `(${year})浙0522民初${++serial}号`;
export const enforcementNumber = (year = 2024) => `(${year})浙0522执${++serial}号`;

export interface JudgmentOverrides {
  caseNumber?: string;
  court?: string;
  causeCode?: string;
  judgeId?: string | null;
  effectiveDate?: string;
  performanceDeadline?: string | null;
  obligorIds?: string[];
  obligeeIds?: string[];
  principalFen?: number;
  interestFen?: number;
  costsFen?: number;
}

export function judgment(o: JudgmentOverrides = {}) {
  return {
    caseNumber: o.caseNumber ?? judgmentNumber(),
    court: o.court ?? '长兴县人民法院',
    causeCode: o.causeCode ?? 'PRIVATE_LENDING',
    judgeId: o.judgeId === undefined ? randomUUID() : o.judgeId,
    effectiveDate: o.effectiveDate ?? '2024-06-01',
    performanceDeadline: o.performanceDeadline === undefined ? '2024-06-16' : o.performanceDeadline,
    obligorIds: o.obligorIds ?? [randomUUID()],
    obligeeIds: o.obligeeIds ?? [randomUUID()],
    principalFen: o.principalFen ?? 1_000_000,
    interestFen: o.interestFen ?? 50_000,
    costsFen: o.costsFen ?? 10_000,
  };
}

export function partyEvent(
  partyId: string,
  villageCode: string | null,
  townshipCode: string | null,
  type: 'people.party.registered' | 'people.party.updated' = 'people.party.registered',
  occurredAt = new Date(),
): EventEnvelope {
  const payload = {
    partyId,
    name: '张三',
    homeDivisionCode: villageCode ?? townshipCode ?? COUNTY,
    villageCode,
    townshipCode,
  };
  return buildEvent(type, payload, { producer: 'people-credit', occurredAt }) as EventEnvelope;
}

export function staffEvent(
  staffId: string,
  divisionCode: string | null,
  opts: {
    roles?: string[];
    active?: boolean;
    type?: 'people.staff.registered' | 'people.staff.updated';
    occurredAt?: Date;
  } = {},
): EventEnvelope {
  const payload = { staffId, name: '李警官', roles: opts.roles, divisionCode, active: opts.active };
  return buildEvent(opts.type ?? 'people.staff.registered', payload, {
    producer: 'people-credit',
    occurredAt: opts.occurredAt,
  }) as EventEnvelope;
}

/** An envelope read back from the outbox or the bus, its payload unchecked. */
export type AnyEvent = Omit<EventEnvelope, 'payload'> & { payload: any };

export interface Harness {
  db: TestDatabase;
  bus: EventBus;
  service: ReturnType<typeof createService>;
  url: string;
  /** Events this service wrote to its outbox, oldest first. */
  outbox(type?: string, key?: string): Promise<AnyEvent[]>;
  /** Publishes an event from another context and waits until this service handled it. */
  deliver(event: EventEnvelope): Promise<void>;
  stop(): Promise<void>;
}

export async function startCases(env: Record<string, string> = {}, deps: ServiceDeps = {}): Promise<Harness> {
  const db = await createTestDatabase('zy_cases');
  const bus = deps.bus ?? new InProcessEventBus(silentLogger);
  if (!deps.bus) await bus.start();
  const service = createService(
    loadCasesConfig({ DATABASE_URL: db.url, PORT: '0', CASES_SWEEP_INTERVAL_MS: '3600000', ...env }),
    { logger: silentLogger, ...deps, bus },
  );
  await service.start();
  const ds = service.runtime.ds;
  return {
    db,
    bus,
    service,
    url: service.url,
    outbox: async (type, key) =>
      (
        await ds.query(
          `SELECT envelope FROM cases.outbox_message WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR key = $2) ORDER BY seq`,
          [type ?? null, key ?? null],
        )
      ).map((r: { envelope: AnyEvent }) => r.envelope),
    deliver: async (event) => {
      await bus.publish(event.type, event);
      await waitFor(
        async () => (await ds.query(`SELECT 1 FROM cases.inbox_message WHERE event_id = $1`, [event.id])).length > 0,
        { what: `${event.type} handled` },
      );
    },
    stop: async () => {
      await service.stop();
      if (!deps.bus) await bus.close();
      await db.drop();
    },
  };
}
