import { randomUUID } from 'node:crypto';
import express from 'express';
import { buildSchema } from 'graphql';
import { ANONYMOUS, type Identity } from '@zhiyuan/auth';
import { InProcessEventBus, createEvent, type EventEnvelope } from '@zhiyuan/events';
import { silentLogger, waitFor } from '@zhiyuan/testing';
import { compileLiveOperation, LiveEngine } from '../src/live';
import type { RunQuery } from '../src/live/engine';
import { liveField } from '../src/live/registry';
import { provablyUnseen, shareScope } from '../src/live/sharing';
import { inProcessLiveSource } from '../src/live/sources';
import { clientAddressOf } from '../src/live/transports';

const GANGKOU = '330522104201';
const NEIGHBOUR = '330522104202'; // the next village of the same township
const TOWNSHIP = '330522104';

const who = (over: Partial<Identity> = {}): Identity => ({
  sub: randomUUID(),
  roles: ['VILLAGE_CADRE'],
  divisionCode: GANGKOU,
  department: null,
  partyId: null,
  ip: '10.0.0.1',
  ...over,
});

const schema = buildSchema(`
  type Party { id: ID! name: String! idNumberMasked: String! }
  type Staff { id: ID! name: String! }
  type Division { code: ID! name: String! }
  type Thread { unread: Int! }
  type Case { id: ID! paidFen: Int! state: String! primaryObligor: Party! obligors: [Party!]! obligees: [Party!]!
    judge: Staff enforcementOfficer: Staff village: Division township: Division thread: Thread }
  type Task { id: ID! title: String! }
  type Meeting { id: ID! }
  type CaseUpdate { eventId: ID! kind: String! occurredAt: String! cursor: String! case: Case! }
  type DivisionActivity { eventId: ID! kind: String! occurredAt: String! cursor: String! divisionCode: ID
    case: Case task: Task meeting: Meeting }
  type ExposureBoard { divisionCode: ID! }
  type ExposureBoardChange { eventId: ID! kind: String! occurredAt: String! cursor: String! board: ExposureBoard! }
  type Query { case(id: ID!): Case task(id: ID!): Task meeting(id: ID!): Meeting exposureBoard(divisionCode: ID!): ExposureBoard! }
  type Subscription {
    caseUpdated(caseId: ID!, since: String): CaseUpdate!
    myCasesUpdated(since: String): CaseUpdate!
    divisionActivity(divisionCode: ID!, since: String): DivisionActivity!
    exposureBoardChanged(divisionCode: ID!, since: String): ExposureBoardChange!
  }
`);

const caseId = randomUUID();
const PAID = `subscription($id: ID!) { caseUpdated(caseId: $id) { eventId case { id paidFen state village { code } } } }`;
const compile = (identity: Identity, query = PAID, variables: Record<string, unknown> = { id: caseId }) =>
  compileLiveOperation(schema, { query, variables }, identity);
/** Whether two subscribers would share one resolution of the same event: same query and same scope. */
const share = (a: Identity, b: Identity, qa = PAID, qb = qa, va?: Record<string, unknown>, vb = va) => {
  const [oa, ob] = [compile(a, qa, va), compile(b, qb, vb)];
  return oa.shareKey === ob.shareKey && shareScope(a, oa.subjectFree) === shareScope(b, ob.subjectFree);
};

describe('live sharing: who may share one resolution of an event', () => {
  it('two cadres of the same village share a selection read from the case row', () => {
    expect(share(who(), who())).toBe(true);
    // Same text, variables in another order: the same query.
    const q = `subscription($id: ID!, $s: String) { caseUpdated(caseId: $id, since: $s) { case { paidFen } } }`;
    expect(share(who(), who(), q, q, { id: caseId, s: null }, { s: null, id: caseId })).toBe(true);
  });

  it('cadres of two villages never share, nor a village cadre with its township’s liaison', () => {
    expect(share(who(), who({ divisionCode: NEIGHBOUR }))).toBe(false);
    expect(share(who(), who({ roles: ['TOWNSHIP_LIAISON'], divisionCode: TOWNSHIP }))).toBe(false);
    expect(share(who({ roles: ['TOWNSHIP_LIAISON'], divisionCode: GANGKOU }), who())).toBe(false);
  });

  it('a party shares with the same party only', () => {
    const partyId = randomUUID();
    const party = () => who({ sub: partyId, roles: ['PARTY'], partyId, divisionCode: null });
    expect(share(party(), party())).toBe(true);
    const other = randomUUID();
    expect(share(party(), who({ sub: other, roles: ['PARTY'], partyId: other, divisionCode: null }))).toBe(false);
    expect(share(party(), who())).toBe(false);
  });

  it('an officer never shares with a judge, nor with another officer of the same township', () => {
    const officer = () => who({ roles: ['ENFORCEMENT_OFFICER'], divisionCode: TOWNSHIP });
    const judge = who({ roles: ['JUDGE'], divisionCode: null });
    expect(share(officer(), judge)).toBe(false);
    // An officer also reads the cases they hold, whatever their township: the subject matters.
    expect(share(officer(), officer())).toBe(false);
    expect(share(judge, who({ roles: ['JUDGE'], divisionCode: null }))).toBe(false);
    // A cadre who is also an officer is not division staff only.
    expect(share(who({ roles: ['VILLAGE_CADRE', 'ENFORCEMENT_OFFICER'] }), who())).toBe(false);
  });

  it('a selection that may be masked or depends on the reader is not shared across subjects', () => {
    const masked = `subscription($id: ID!) { caseUpdated(caseId: $id) { case { primaryObligor { name idNumberMasked } } } }`;
    expect(share(who(), who(), masked)).toBe(false);
    const viaFragment = `subscription($id: ID!) { caseUpdated(caseId: $id) { case { ...C } } } fragment C on Case { paidFen obligors { name } }`;
    expect(share(who(), who(), viaFragment)).toBe(false);
    const mine = `subscription($id: ID!) { caseUpdated(caseId: $id) { case { thread { unread } } } }`;
    expect(share(who(), who(), mine)).toBe(false);
    const staff = `subscription($id: ID!) { caseUpdated(caseId: $id) { case { judge { name } } } }`;
    expect(share(who(), who(), staff)).toBe(false);
    // The same identity still shares with itself (two tabs): the response cache's scope.
    const me = who();
    expect(share(me, { ...me }, masked)).toBe(true);
    // Different selections never share, whoever asks.
    expect(share(me, me, PAID, masked)).toBe(false);
  });

  it('tasks are visible to their assignee: a field that reads a task keeps the subject', () => {
    const q = `subscription($d: ID!) { divisionActivity(divisionCode: $d) { kind case { paidFen } } }`;
    expect(share(who(), who(), q, q, { d: GANGKOU })).toBe(false);
  });

  it('anonymous subscribers of the public board share; a signed-in one does not share with them', () => {
    const q = `subscription($d: ID!) { exposureBoardChanged(divisionCode: $d) { kind board { divisionCode } } }`;
    const v = { d: GANGKOU };
    expect(share(ANONYMOUS, { ...ANONYMOUS, ip: '10.9.9.9' }, q, q, v)).toBe(true);
    expect(share(ANONYMOUS, who(), q, q, v)).toBe(false);
  });

  it('the variables are part of the query: another case is another resolution', () => {
    expect(share(who(), who(), PAID, PAID, { id: caseId }, { id: randomUUID() })).toBe(false);
  });
});

const event = (type: string, payload: Record<string, unknown>) =>
  ({ id: randomUUID(), type, payload, key: 'k' }) as unknown as EventEnvelope;

describe('live pre-filter: events a subscriber provably cannot read are dropped before resolution', () => {
  const paid = (villageCode: string | null) =>
    event('cases.performance.recorded', { caseId, villageCode, townshipCode: TOWNSHIP });
  const keys = { keys: { case: caseId } };

  it('drops a case event of another village for a cadre, keeps the own village and its township’s for a liaison', () => {
    expect(provablyUnseen(who(), paid(NEIGHBOUR), keys)).toBe(true);
    expect(provablyUnseen(who(), paid(GANGKOU), keys)).toBe(false);
    expect(provablyUnseen(who({ roles: ['TOWNSHIP_LIAISON'], divisionCode: TOWNSHIP }), paid(NEIGHBOUR), keys)).toBe(
      false,
    );
  });

  it('leaves to the probe what the rules do not decide from the event', () => {
    // No division on the event (a payment from before the field).
    expect(provablyUnseen(who(), event('cases.performance.recorded', { caseId }), keys)).toBe(false);
    // Roles whose access is not by division alone.
    expect(provablyUnseen(who({ roles: ['ADMIN'] }), paid(NEIGHBOUR), keys)).toBe(false);
    expect(
      provablyUnseen(who({ roles: ['ENFORCEMENT_OFFICER'], divisionCode: TOWNSHIP }), paid('330522106201'), keys),
    ).toBe(false);
    expect(provablyUnseen(who({ roles: ['JUDGE'] }), paid(NEIGHBOUR), keys)).toBe(false);
    // A task of another village assigned to this cadre, or one whose assignee the event does not say.
    const me = who();
    const taskId = randomUUID();
    const tk = { keys: { task: taskId } };
    expect(
      provablyUnseen(me, event('tasks.task.created', { taskId, divisionCode: NEIGHBOUR, assigneeId: me.sub }), tk),
    ).toBe(false);
    expect(provablyUnseen(me, event('tasks.task.completed', { taskId, divisionCode: NEIGHBOUR }), tk)).toBe(false);
    expect(
      provablyUnseen(me, event('tasks.task.created', { taskId, divisionCode: NEIGHBOUR, assigneeId: null }), tk),
    ).toBe(true);
    // The public board is for anyone.
    const board = { keys: { board: GANGKOU } };
    expect(provablyUnseen(me, event('credit.listing.added', { villageCode: NEIGHBOUR }), board)).toBe(false);
  });

  it('divisionActivity takes the payment’s own division now that the event carries it', () => {
    const f = liveField('divisionActivity')!;
    expect(f.match(paid(NEIGHBOUR), { divisionCode: GANGKOU }, who())).toBeNull();
    expect(f.match(paid(GANGKOU), { divisionCode: TOWNSHIP }, who())?.fields).toEqual({ divisionCode: GANGKOU });
  });
});

describe('live engine: one resolution per event and scope, fanned out', () => {
  let bus: InProcessEventBus;
  let engine: LiveEngine;
  const runs: { identity: Identity; variables: Record<string, unknown> }[] = [];
  /** Answers the case for whoever asks, with the reader's subject in it, so a shared answer shows. */
  const run: RunQuery = async (_query, variables, identity) => {
    runs.push({ identity, variables });
    const id = variables.zyLiveKey_case as string;
    const c = { id, paidFen: 100, state: identity.sub, village: { code: GANGKOU }, primaryObligor: { name: '王' } };
    return { data: { zyLiveProbe_case: { id }, zyLive_case_case: c } };
  };
  const payment = (id: string, villageCode: string | null) =>
    createEvent(
      'cases.performance.recorded',
      {
        caseId: id,
        performanceId: randomUUID(),
        amountFen: 100,
        source: 'VOLUNTARY',
        paidOn: '2025-01-02',
        outstandingFen: 900,
        totalPaidFen: 100,
        obligorIds: [randomUUID()],
        recordedAt: new Date().toISOString(),
        villageCode,
        townshipCode: TOWNSHIP,
      },
      { producer: 'cases', key: id },
    );
  const open = (identity: Identity, query = PAID) => engine.open(compile(identity, query), identity);

  beforeEach(async () => {
    runs.length = 0;
    bus = new InProcessEventBus(silentLogger);
    await bus.start();
    engine = new LiveEngine(
      inProcessLiveSource(bus, silentLogger),
      () => schema,
      run,
      { perIdentity: 10, queue: 10, replay: 100 },
      silentLogger,
    );
    await engine.start();
  });
  afterEach(async () => {
    await engine.stop();
    await bus.close();
  });

  it('cadres of the village share one run; another village is dropped unresolved; a judge runs alone', async () => {
    const [a1, a2, b] = [who(), who(), who({ divisionCode: NEIGHBOUR })];
    const judge = who({ roles: ['JUDGE'], divisionCode: null });
    const subs = [open(a1), open(a2), open(b), open(judge)];
    const handled = bus.stats.handled;
    await bus.publish('cases.performance.recorded', payment(caseId, GANGKOU));
    await waitFor(() => bus.stats.handled > handled, { what: 'the engine to hear the payment' });
    const [m1, m2, m4] = await Promise.all([subs[0]!.next(), subs[1]!.next(), subs[3]!.next()]);
    const shown = (m: typeof m1) => m.value.data.caseUpdated.case;
    // One run for both cadres, under one of them: the answer is the same for either (their scope is one).
    expect(shown(m1)).toEqual(shown(m2));
    expect([a1.sub, a2.sub]).toContain(shown(m1).state);
    expect(shown(m4).state).toBe(judge.sub);
    await waitFor(() => engine.busy === 0, { what: 'the resolutions to finish' });
    expect(runs.map((r) => r.identity.sub).sort()).toEqual([shown(m1).state, judge.sub].sort());
    // The other village's cadre: nothing run for it, nothing queued, the shared entries gone.
    expect(runs.some((r) => r.identity.sub === b.sub)).toBe(false);
    expect(engine.resolutions.size).toBe(0);
    const pending = subs[2]!.next();
    for (const s of subs) await s.return!();
    expect((await pending).done).toBe(true);
  });

  it('a masked selection is resolved under each subscriber’s own identity', async () => {
    const masked = `subscription($id: ID!) { caseUpdated(caseId: $id) { case { state primaryObligor { name } } } }`;
    const [a1, a2] = [who(), who()];
    const subs = [open(a1, masked), open(a2, masked)];
    await bus.publish('cases.performance.recorded', payment(caseId, GANGKOU));
    const [m1, m2] = await Promise.all(subs.map((s) => s.next()));
    expect(m1.value.data.caseUpdated.case.state).toBe(a1.sub);
    expect(m2.value.data.caseUpdated.case.state).toBe(a2.sub);
    expect(runs).toHaveLength(2);
    for (const s of subs) await s.return!();
  });

  it('ends a subscription UNAUTHENTICATED when its token expires (one sweep for all)', async () => {
    const a = who();
    const soon = engine.open(compile(a), a, { expiresAt: Date.now() + 300 });
    const later = engine.open(compile(a), a, { expiresAt: Date.now() + 600_000 });
    const end = await soon.next();
    expect(end.value.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await soon.next()).done).toBe(true);
    expect(engine.size).toBe(1);
    await later.return!();
  });

  it('a subscriber that leaves with events queued gives its share back', async () => {
    const [a1, a2] = [who(), who()];
    const s1 = open(a1);
    const s2 = open(a2);
    const handled = bus.stats.handled;
    await bus.publish('cases.performance.recorded', payment(caseId, GANGKOU));
    await waitFor(() => bus.stats.handled > handled, { what: 'the engine to hear the payment' });
    expect(engine.resolutions.size).toBe(1);
    await s2.return!();
    expect((await s1.next()).value.data.caseUpdated.case.paidFen).toBe(100);
    await waitFor(() => engine.resolutions.size === 0, { what: 'the shared entry dropped' });
    await s1.return!();
  });
});

describe('live WebSocket client address', () => {
  const upgrade = (remoteAddress: string, forwarded?: string) =>
    ({
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      socket: { remoteAddress },
    }) as unknown as import('node:http').IncomingMessage;

  it('follows TRUSTED_PROXIES as req.ip does on the HTTP path', () => {
    const app = express();
    app.set('trust proxy', ['loopback']);
    const address = clientAddressOf(app);
    expect(address(upgrade('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    // A forwarded header from an address not trusted is not believed.
    expect(address(upgrade('198.51.100.7', '203.0.113.9'))).toBe('198.51.100.7');
    const none = express();
    none.set('trust proxy', []);
    expect(clientAddressOf(none)(upgrade('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
  });
});

describe('live engine: a subgraph failure is tried again, a refusal is not', () => {
  let bus: InProcessEventBus;
  let engine: LiveEngine;
  let answers: ('ok' | 'down' | 'forbidden')[] = [];
  let runs = 0;
  const run: RunQuery = async (_query, variables) => {
    runs++;
    const id = variables.zyLiveKey_case as string;
    const next = answers.shift() ?? 'ok';
    if (next === 'ok')
      return {
        data: {
          zyLiveProbe_case: { id },
          zyLive_case_case: { id, paidFen: 7, state: 'URGING', village: { code: GANGKOU } },
        },
      };
    const code = next === 'down' ? 'SUBGRAPH_UNAVAILABLE' : 'FORBIDDEN';
    return {
      data: { zyLiveProbe_case: null, zyLive_case_case: null },
      errors: [{ message: code, extensions: { code } }],
    };
  };
  const paid = (id: string) =>
    createEvent(
      'cases.performance.recorded',
      {
        caseId: id,
        performanceId: randomUUID(),
        amountFen: 7,
        source: 'VOLUNTARY',
        paidOn: '2025-01-02',
        outstandingFen: 1,
        totalPaidFen: 7,
        obligorIds: [randomUUID()],
        recordedAt: new Date().toISOString(),
      },
      { producer: 'cases', key: id },
    );

  beforeEach(async () => {
    runs = 0;
    bus = new InProcessEventBus(silentLogger);
    await bus.start();
    engine = new LiveEngine(
      inProcessLiveSource(bus, silentLogger),
      () => schema,
      run,
      { perIdentity: 10, queue: 10, replay: 100 },
      silentLogger,
    );
    await engine.start();
  });
  afterEach(async () => {
    await engine.stop();
    await bus.close();
  });

  it('delivers the event once the subgraph answers again, to every subscriber of the shared run', async () => {
    answers = ['down', 'down'];
    const [a1, a2] = [who(), who()];
    const subs = [engine.open(compile(a1), a1), engine.open(compile(a2), a2)];
    await bus.publish('cases.performance.recorded', paid(caseId));
    const got = await Promise.all(subs.map((s) => s.next()));
    expect(got.map((g) => g.value.data.caseUpdated.case.paidFen)).toEqual([7, 7]);
    expect(runs).toBe(3);
    for (const s of subs) await s.return!();
  });

  it('drops a refused event at once', async () => {
    answers = ['forbidden'];
    const a = who();
    const sub = engine.open(compile(a), a);
    const pending = sub.next();
    await bus.publish('cases.performance.recorded', paid(caseId));
    await bus.publish('cases.performance.recorded', paid(caseId));
    // The first event is refused and dropped without a retry; the second is delivered.
    expect((await pending).value.data.caseUpdated.case.paidFen).toBe(7);
    expect(runs).toBe(2);
    await sub.return!();
  });
});
