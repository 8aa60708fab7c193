import { randomUUID } from 'node:crypto';
import { buildSchema, GraphQLError, parse, print } from 'graphql';
import { ANONYMOUS, type Identity } from '@zhiyuan/auth';
import { InProcessEventBus, createEvent, type EventEnvelope } from '@zhiyuan/events';
import { silentLogger, waitFor } from '@zhiyuan/testing';
import { compileLiveOperation, formatCursor, liveField, parseCursor, shapePayload, LiveEngine } from '../src/live';
import type { RunQuery } from '../src/live/engine';
import { inProcessLiveSource } from '../src/live/sources';
import { persistedParams } from '../src/live/transports';
import { sha256 } from '../src/persisted-operations';

const GANGKOU = '330522104201';
const TOWNSHIP = '330522104';

const who = (over: Partial<Identity> = {}): Identity => ({
  sub: 'u1',
  roles: ['VILLAGE_CADRE'],
  divisionCode: GANGKOU,
  department: null,
  partyId: null,
  ip: '10.0.0.1',
  ...over,
});

/** The shape of the API schema the live fields need (the gateway's own comes from the supergraph). */
const schema = buildSchema(`
  type Party { id: ID! name: String! }
  type Staff { id: ID! }
  type Division { code: ID! }
  type Case { id: ID! paidFen: Int! state: String! primaryObligor: Party! obligors: [Party!]! obligees: [Party!]!
    judge: Staff enforcementOfficer: Staff village: Division township: Division }
  type Task { id: ID! title: String! }
  type CaseUpdate { eventId: ID! kind: String! occurredAt: String! cursor: String! case: Case! }
  type ExposureBoard { divisionCode: ID! }
  type ExposureBoardChange { eventId: ID! kind: String! occurredAt: String! cursor: String! board(first: Int): ExposureBoard! }
  type Query { case(id: ID!): Case task(id: ID!): Task exposureBoard(divisionCode: ID!, first: Int): ExposureBoard! }
  type Subscription {
    caseUpdated(caseId: ID!, since: String): CaseUpdate!
    myCasesUpdated(since: String): CaseUpdate!
    exposureBoardChanged(divisionCode: ID!, since: String): ExposureBoardChange!
  }
`);

const payment = (caseId: string, obligorIds = [randomUUID()]) =>
  createEvent(
    'cases.performance.recorded',
    {
      caseId,
      performanceId: randomUUID(),
      amountFen: 100,
      source: 'VOLUNTARY',
      paidOn: '2025-01-02',
      outstandingFen: 900,
      totalPaidFen: 100,
      obligorIds,
      recordedAt: new Date().toISOString(),
    },
    { producer: 'cases', key: caseId },
  );

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { code: (err as GraphQLError).extensions?.code, field: (err as GraphQLError).extensions?.field };
  }
  return undefined;
};

describe('live registry: the cheap pre-filters', () => {
  const caseId = randomUUID();
  const event = (type: string, payload: Record<string, unknown>) =>
    ({ id: randomUUID(), type, payload, key: 'k' }) as unknown as EventEnvelope;

  it('caseUpdated takes the events of its case only', () => {
    const f = liveField('caseUpdated')!;
    expect(f.match(payment(caseId), { caseId }, who())).toEqual({ keys: { case: caseId } });
    expect(f.match(payment(randomUUID()), { caseId }, who())).toBeNull();
  });

  it('divisionActivity nests by prefix, and leaves a payment (no division on it) to the probe', () => {
    const f = liveField('divisionActivity')!;
    const task = { taskId: randomUUID(), caseId, divisionCode: GANGKOU };
    expect(f.match(event('tasks.task.created', task), { divisionCode: TOWNSHIP }, who())?.keys).toEqual({
      case: caseId,
      task: task.taskId,
    });
    expect(f.match(event('tasks.task.created', task), { divisionCode: '330522106201' }, who())).toBeNull();
    const m = f.match(payment(caseId), { divisionCode: GANGKOU }, who())!;
    expect(m.keys).toEqual({ case: caseId });
    expect(f.accept!({ case: { village: { code: GANGKOU } } }, { divisionCode: TOWNSHIP }, who(), m)).toBe(true);
    expect(m.fields?.divisionCode).toBe(GANGKOU);
    const elsewhere = f.match(payment(caseId), { divisionCode: GANGKOU }, who())!;
    expect(
      f.accept!({ case: { village: { code: '330522106201' } } }, { divisionCode: GANGKOU }, who(), elsewhere),
    ).toBe(false);
  });

  it('taskAssigned takes tasks opened for the caller or the caller’s department', () => {
    const f = liveField('taskAssigned')!;
    const taskId = randomUUID();
    expect(f.match(event('tasks.task.created', { taskId, assigneeId: 'u1' }), {}, who())).toEqual({
      keys: { task: taskId },
    });
    const dept = who({ sub: 'd1', roles: ['COUNTY_DEPARTMENT'], department: 'JUSTICE_BUREAU' });
    expect(
      f.match(event('tasks.task.created', { taskId, assigneeDepartment: 'JUSTICE_BUREAU' }), {}, dept),
    ).not.toBeNull();
    expect(f.match(event('tasks.task.created', { taskId, assigneeId: 'someone' }), {}, who())).toBeNull();
  });

  it('exposureBoardChanged takes listings of the division and what is under it', () => {
    const f = liveField('exposureBoardChanged')!;
    const listing = { villageCode: GANGKOU, townshipCode: TOWNSHIP };
    expect(f.match(event('credit.listing.added', listing), { divisionCode: '330522' }, ANONYMOUS)).toEqual({
      keys: { board: '330522' },
    });
    expect(f.match(event('credit.listing.removed', listing), { divisionCode: '330522106' }, ANONYMOUS)).toBeNull();
  });

  it('myCasesUpdated: a party’s own cases (the event rules others out early), a judge’s and an officer’s own', () => {
    const f = liveField('myCasesUpdated')!;
    const partyId = randomUUID();
    const party = who({ sub: 'p', roles: ['PARTY'], partyId, divisionCode: null });
    const opened = (obligorIds: string[]) =>
      event('cases.judgment.effective', { caseId, obligorIds, obligeeIds: [randomUUID()] });
    expect(f.match(opened([randomUUID()]), {}, party)).toBeNull();
    expect(f.match(opened([partyId]), {}, party)).toEqual({ keys: { case: caseId } });
    const accept = (probe: Record<string, unknown>, id: Identity) => f.accept!({ case: probe }, {}, id, { keys: {} });
    expect(accept({ obligors: [{ id: partyId }], obligees: [] }, party)).toBe(true);
    expect(accept({ obligors: [{ id: randomUUID() }], obligees: [] }, party)).toBe(false);
    const judge = who({ sub: 'j1', roles: ['JUDGE'] });
    expect(accept({ judge: { id: 'j1' } }, judge)).toBe(true);
    expect(accept({ judge: { id: 'j2' } }, judge)).toBe(false);
    expect(accept({ enforcementOfficer: { id: 'o1' } }, who({ sub: 'o1', roles: ['ENFORCEMENT_OFFICER'] }))).toBe(true);
    expect(accept({}, who())).toBe(true);
  });
});

describe('live cursors', () => {
  it('round-trip, and refuse anything else with the field named', () => {
    const c = { TASKS: 4, CASES: 812 };
    expect(formatCursor(c)).toBe('CASES:812,TASKS:4');
    expect(parseCursor(formatCursor(c))).toEqual(c);
    expect(() => parseCursor('CASES:1;DROP')).toThrow('since is not a cursor');
  });
});

describe('live operations', () => {
  const caseId = randomUUID();

  it('grafts the subscriber’s selection into one query with a probe, its fragments and used variables only', () => {
    const op = compileLiveOperation(
      schema,
      {
        query: `subscription S($id: ID!, $k: Boolean!, $s: Boolean!) {
            caseUpdated(caseId: $id) { kind @include(if: $k) ...P c: case { ...C } }
          }
          fragment P on CaseUpdate { case { state @include(if: $s) } }
          fragment C on Case { paidFen primaryObligor { name } }`,
        variables: { id: caseId, k: true, s: true },
      },
      who(),
    );
    expect(op.args).toEqual({ caseId });
    expect(print(parse(op.queryFor(['case'])))).toBe(
      print(
        parse(`query Live($zyLiveKey_case: ID!, $s: Boolean!) {
          zyLiveProbe_case: case(id: $zyLiveKey_case) { id __typename }
          zyLive_case_case: case(id: $zyLiveKey_case) { state @include(if: $s) __typename }
          zyLive_case_c: case(id: $zyLiveKey_case) { ...C __typename }
        }
        fragment C on Case { paidFen primaryObligor { name __typename } __typename }`),
      ),
    );
    const shaped = shapePayload(
      schema,
      op,
      { eventId: 'e1', kind: 'cases.performance.recorded', cursor: 'CASES:1' },
      {
        zyLive_case_case: { state: 'URGING', __typename: 'Case' },
        zyLive_case_c: { paidFen: 100, primaryObligor: { name: '王', __typename: 'Party' }, __typename: 'Case' },
      },
    );
    expect(shaped).toEqual({
      data: {
        caseUpdated: {
          kind: 'cases.performance.recorded',
          case: { state: 'URGING' },
          c: { paidFen: 100, primaryObligor: { name: '王' } },
        },
      },
    });
  });

  it('refuses what is not a live subscription, with a code', () => {
    const compile = (query: string, identity = who(), variables = {}) =>
      codeOf(() => compileLiveOperation(schema, { query, variables }, identity));
    expect(compile(`{ case(id: "x") { id } }`)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(compile(`subscription { caseUpdated(caseId: "nope") { kind } }`)).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'caseUpdated.caseId',
    });
    expect(compile(`subscription { myCasesUpdated { kind } }`, ANONYMOUS)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(
      compile(`subscription { exposureBoardChanged(divisionCode: "${GANGKOU}") { kind } }`, ANONYMOUS),
    ).toBeUndefined();
    expect(compile(`subscription { myCasesUpdated { nope } }`)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(compile(`subscription { myCasesUpdated(since: "garbage") { kind } }`)).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'myCasesUpdated.since',
    });
  });
});

describe('live engine on the in-process bus (the embedded default)', () => {
  const caseId = randomUUID();
  const forbidden = randomUUID();
  let bus: InProcessEventBus;
  let engine: LiveEngine;
  const queries: string[] = [];
  /** The supergraph, as far as these tests need it: a case is readable unless it is the forbidden one. */
  const run: RunQuery = async (query, variables) => {
    queries.push(query);
    const id = variables.zyLiveKey_case as string;
    if (id === forbidden)
      return {
        data: { zyLiveProbe_case: null, zyLive_case_case: null },
        errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
      };
    return { data: { zyLiveProbe_case: { id }, zyLive_case_case: { id, paidFen: queries.length } } };
  };
  const subscribe = (id: string, since?: string) =>
    engine.open(
      compileLiveOperation(
        schema,
        {
          query: `subscription($id: ID!, $since: String) { caseUpdated(caseId: $id, since: $since) { cursor case { id paidFen } } }`,
          variables: { id, since },
        },
        who(),
      ),
      who(),
    );

  beforeEach(async () => {
    bus = new InProcessEventBus(silentLogger);
    await bus.start();
    engine = new LiveEngine(
      inProcessLiveSource(bus, silentLogger),
      () => schema,
      run,
      { perIdentity: 3, queue: 2, replay: 100 },
      silentLogger,
    );
    await engine.start();
  });
  afterEach(async () => {
    await engine.stop();
    await bus.close();
  });

  it('delivers the matching events in order and drops one the subscriber may not read', async () => {
    const it1 = subscribe(caseId);
    await bus.publish('cases.performance.recorded', payment(caseId));
    await bus.publish('cases.performance.recorded', payment(randomUUID()));
    await bus.publish('cases.performance.recorded', payment(caseId));
    const a = await it1.next();
    const b = await it1.next();
    expect(a.value.data.caseUpdated.case.id).toBe(caseId);
    const seq = (r: typeof a) => Number(r.value.data.caseUpdated.cursor.split(':')[1]);
    expect(seq(b)).toBeGreaterThan(seq(a));
    await it1.return!();

    const it2 = subscribe(forbidden);
    const pending = it2.next();
    const asked = queries.length;
    await bus.publish('cases.performance.recorded', payment(forbidden));
    await waitFor(() => queries.length > asked && engine.busy === 0, { what: 'the forbidden event resolved' });
    await it2.return!();
    // Nothing was delivered before the subscription ended.
    expect((await pending).done).toBe(true);
    expect(engine.size).toBe(0);
  });

  it('resumes from a cursor: what came after it, once, then live', async () => {
    const first = subscribe(caseId);
    await bus.publish('cases.performance.recorded', payment(caseId));
    const cursor = (await first.next()).value.data.caseUpdated.cursor as string;
    await first.return!();
    await bus.publish('cases.performance.recorded', payment(caseId));
    await bus.publish('cases.performance.recorded', payment(caseId));
    const again = subscribe(caseId, cursor);
    const r1 = await again.next();
    const r2 = await again.next();
    await bus.publish('cases.performance.recorded', payment(caseId));
    const r3 = await again.next();
    const seqs = [r1, r2, r3].map((r) => Number(r.value.data.caseUpdated.cursor.split(':')[1]));
    expect(seqs[0]).toBeGreaterThan(Number(cursor.split(':')[1]));
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    await again.return!();
  });

  it('cuts off a subscriber that does not read (bounded queue) and limits subscriptions per identity', async () => {
    const slow = subscribe(caseId);
    const handled = bus.stats.handled;
    for (let i = 0; i < 3; i++) await bus.publish('cases.performance.recorded', payment(caseId));
    await waitFor(() => bus.stats.handled === handled + 3, { what: 'the engine to hear the three events' });
    const end = await slow.next();
    expect(end.value.errors[0].extensions.code).toBe('SLOW_CONSUMER');
    expect((await slow.next()).done).toBe(true);

    const open = [subscribe(caseId), subscribe(caseId), subscribe(caseId)];
    expect(codeOf(() => subscribe(caseId))).toMatchObject({ code: 'RATE_LIMITED' });
    for (const o of open) await o.return!();
  });
});

describe('live persisted operations', () => {
  const text = 'subscription { myCasesUpdated { kind } }';
  const safelist = new Map([[sha256(text), text]]);
  const code = (fn: () => unknown) => codeOf(fn)?.code;

  it('follows /graphql: a safelisted hash is its text; enforce accepts nothing else', () => {
    expect(
      persistedParams({ extensions: { persistedQuery: { sha256Hash: sha256(text) } } }, { mode: 'allow', safelist })
        .query,
    ).toBe(text);
    expect(
      code(() => persistedParams({ extensions: { persistedQuery: { sha256Hash: 'x' } } }, { mode: 'allow', safelist })),
    ).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(
      code(() => persistedParams({ query: 'subscription { taskAssigned { kind } }' }, { mode: 'enforce', safelist })),
    ).toBe('PERSISTED_QUERY_REQUIRED');
    expect(persistedParams({ query: text }, { mode: 'enforce', safelist }).query).toBe(text);
    expect(persistedParams({ query: 'anything' }, { mode: 'allow', safelist }).query).toBe('anything');
  });
});
