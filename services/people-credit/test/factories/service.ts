import { InProcessEventBus, type EventBus } from '@zhiyuan/events';
import { ADMIN, createTestDatabase, gqlRequest, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import type { Identity } from '@zhiyuan/auth';
import type { SmsProvider } from '@zhiyuan/sms';
import { createService, loadPeopleCreditConfig } from '../../src';
import { handlers } from '../../src/events';
import type { HandlerDefinition } from '@zhiyuan/db';
import type { EventEnvelope, EventType } from '@zhiyuan/events';
import { residentId } from './ids';

export interface TestService {
  db: TestDatabase;
  service: ReturnType<typeof createService>;
  bus: EventBus;
  /** Every SQL statement the service ran; tests reset it to count. */
  statements: string[];
  gql: <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    who?: Identity,
    headers?: Record<string, string>,
  ) => ReturnType<typeof gqlRequest<T>>;
  /** Applies an event through the inbox as the subscribed handler would. */
  deliver: <T extends EventType>(event: EventEnvelope<T>) => Promise<boolean>;
  stop: () => Promise<void>;
}

/** A people-credit service on a fresh database with the demo county seeded. */
export async function startTestService(
  opts: { bus?: EventBus; env?: Record<string, string>; smsProvider?: SmsProvider; clock?: () => Date } = {},
): Promise<TestService> {
  const db = await createTestDatabase();
  const bus = opts.bus ?? new InProcessEventBus(silentLogger);
  const statements: string[] = [];
  const service = createService(
    loadPeopleCreditConfig({ DATABASE_URL: db.url, PORT: '0', SEED_DEMO_DATA: 'true', ...opts.env }),
    {
      bus,
      logger: silentLogger,
      onQuery: (sql) => statements.push(sql),
      smsProvider: opts.smsProvider,
      clock: opts.clock,
    },
  );
  await service.start();
  return {
    db,
    service,
    bus,
    statements,
    gql: (query, variables = {}, who = ADMIN, headers = {}) => gqlRequest(service.url, query, variables, who, headers),
    deliver: async (event) => {
      const h = handlers.find(
        (x: HandlerDefinition) =>
          x.subject === event.type || (x.subject.endsWith('.*') && event.type.startsWith(x.subject.slice(0, -1))),
      );
      if (!h) throw new Error(`no handler for ${event.type}`);
      return service.runtime.messaging.handleOnce(`test-${h.name}`, event as unknown as EventEnvelope, h.handle);
    },
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}

export const REGISTER_PERSON = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id name idNumber gender birthDate homeDivision { code } } }`;

/** Registers a person through the graph (as an admin) and returns its id. */
export async function registerPerson(
  t: TestService,
  input: Partial<{
    name: string;
    idNumber: string;
    homeDivisionCode: string;
    phone: string;
    address: string;
    disability: boolean;
    lowIncome: boolean;
  }> = {},
): Promise<{ id: string; idNumber: string }> {
  const idNumber = input.idNumber ?? residentId();
  const r = await t.gql(REGISTER_PERSON, {
    input: {
      name: '张三',
      homeDivisionCode: '330522104201',
      phone: '13900001111',
      address: '港口村12号',
      ...input,
      idNumber,
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { id: r.data.registerPerson.id, idNumber };
}

/** Statements the request itself ran (the outbox relay's polling is left out). */
export async function countStatements<T>(
  t: TestService,
  run: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const relay = /outbox_message|webhook_delivery|pg_try_advisory|^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i;
  t.statements.length = 0;
  const result = await run();
  return { result, statements: t.statements.filter((s) => !relay.test(s)).length };
}
