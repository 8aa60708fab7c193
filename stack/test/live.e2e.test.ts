import { demoId } from '@zhiyuan/auth';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { gqlRequest, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { useE2eStack, DEV_JWT } from './support/e2e';

const GANGKOU = '330522104201'; // 港口村, 虹星桥镇 330522104
const FANGJIAZHUANG = '330522106201'; // 方家庄村, 和平镇: another village, another township
const LIMIT = 6;

type Result = { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: any };

/** What one live subscription received, whichever the transport. */
interface Received {
  messages: Result[];
  ended: boolean;
  /** The WebSocket close code, or the SSE HTTP status when it was refused. */
  code?: number;
  refused?: Result;
  lastEventId?: string;
  /** The SSE event ids, in order. */
  ids: string[];
  close(): void;
}

/**
 * Live subscriptions through the gateway over real NATS JetStream, one stack for every case: each field
 * delivers exactly one message per event with the fields selected (resolved through the supergraph);
 * the authorization matrix over subscriptions; resume after a dropped connection; an expired token.
 */
describe('live subscriptions through the gateway (NATS JetStream)', () => {
  const e2e = useE2eStack({ name: 'live', nats: true, env: { LIVE_MAX_SUBSCRIPTIONS_PER_IDENTITY: String(LIMIT) } });
  const tokens: Record<string, string> = {};
  const clients: Client[] = [];
  const streams: Received[] = [];
  const fx = {} as {
    caseId: string;
    obligorId: string;
    obligeeId: string;
    otherCaseId: string;
    otherObligorId: string;
  };

  const gql = async (role: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRequest(
      e2e.gatewayUrl,
      query,
      variables,
      undefined,
      role ? { authorization: `Bearer ${tokens[role]}` } : {},
    );
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  const wsUrl = () => e2e.gatewayUrl.replace(/^http/, 'ws');
  const sseUrl = () => `${e2e.gatewayUrl}/stream`;

  /** Subscribes over WebSocket with the token in connection_init. */
  function overWs(
    role: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Received {
    const got: Received = { messages: [], ended: false, ids: [], close: () => void client.dispose() };
    const auth = token ?? (role ? tokens[role] : undefined);
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: auth ? { authorization: `Bearer ${auth}` } : {},
      on: { closed: (e) => ((got.code = (e as { code: number }).code), (got.ended = true)) },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    client.subscribe(
      { query, variables },
      {
        next: (r) => void got.messages.push(r as Result),
        error: (e) => {
          got.ended = true;
          if (Array.isArray(e)) got.refused = { errors: e };
        },
        complete: () => void (got.ended = true),
      },
    );
    return got;
  }

  /** Subscribes over SSE (graphql-sse distinct connections) with the Authorization header. */
  function overSse(
    role: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    opts: { lastEventId?: string; token?: string } = {},
  ): Received {
    const abort = new AbortController();
    const got: Received = { messages: [], ended: false, ids: [], close: () => abort.abort() };
    streams.push(got);
    const auth = opts.token ?? (role ? tokens[role] : undefined);
    void (async () => {
      const res = await fetch(sseUrl(), {
        method: 'POST',
        signal: abort.signal,
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json',
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          ...(opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      if (res.status !== 200) {
        got.code = res.status;
        got.refused = (await res.json()) as Result;
        got.ended = true;
        return;
      }
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const lines = frame.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
          const data = lines
            .find((l) => l.startsWith('data:'))
            ?.slice(5)
            .trim();
          if (event === 'next') {
            if (id) got.ids.push((got.lastEventId = id));
            got.messages.push(JSON.parse(data!) as Result);
          }
          if (event === 'complete') got.ended = true;
        }
      }
      got.ended = true;
    })().catch(() => void (got.ended = true));
    return got;
  }

  /** Subscribes with the graphql-sse client itself (distinct connections mode), as a browser frontend would. */
  function overSseClient(query: string, variables: Record<string, unknown>): Received {
    const client = createSseClient({ url: sseUrl(), singleConnection: false, retryAttempts: 0 });
    const got: Received = { messages: [], ended: false, ids: [], close: () => (unsubscribe(), client.dispose()) };
    const unsubscribe = client.subscribe(
      { query, variables },
      {
        next: (r) => void got.messages.push(r as Result),
        error: () => void (got.ended = true),
        complete: () => void (got.ended = true),
      },
    );
    streams.push(got);
    return got;
  }

  /** Waits until the gateway holds `n` subscriptions and has nothing left to resolve for any of them. */
  const settled = (n?: number) =>
    waitFor(
      () => {
        const live = e2e.stack.gateway!.live!;
        return (n === undefined || live.subscriptions === n) && live.busy === 0;
      },
      { what: `the gateway to hold ${n ?? 'its'} live subscriptions with nothing pending` },
    );
  const closeAll = async () => {
    for (const c of clients.splice(0)) await c.dispose();
    for (const s of streams.splice(0)) s.close();
    await settled(0);
  };
  const pay = (caseId: string, amountFen: number) =>
    gql('admin', `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { performance { id } } }`, {
      i: { caseId, amountFen, paidOn: new Date().toISOString().slice(0, 10), channel: 'BANK_TRANSFER' },
    });
  const messagesOf = (got: Received, n: number, what: string) =>
    waitFor(() => (got.messages.length >= n ? got.messages : undefined), { what, timeoutMs: 15_000 });

  beforeAll(async () => {
    tokens.admin = await issueToken(DEMO_ROLES.admin!, DEV_JWT);
    const register = async (name: string, serial: number) =>
      (
        await gql('admin', `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
          i: { name, idNumber: residentIdNumber('19800101', serial), phone: '13800001111', homeDivisionCode: GANGKOU },
        })
      ).registerPerson.id as string;
    fx.obligorId = await register('钱欠款', 700 + Math.floor(Math.random() * 200));
    fx.obligeeId = await register('孙债权', 300 + Math.floor(Math.random() * 200));
    fx.otherObligorId = await register('李另案', 100 + Math.floor(Math.random() * 200));
    const cause = (await gql('admin', `{ causesOfAction { code } }`)).causesOfAction[0].code;
    const takeIn = (obligorId: string) =>
      waitFor(
        async () => {
          const r = await gql(
            'admin',
            `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id village { code } } }`,
            {
              i: {
                caseNumber: `(2025)浙0522民初${Math.floor(Math.random() * 90000) + 10000}号`,
                court: '长兴县人民法院',
                causeCode: cause,
                judgeId: demoId('judge-1'),
                effectiveDate: new Date().toISOString().slice(0, 10),
                obligorIds: [obligorId],
                obligeeIds: [fx.obligeeId],
                principalFen: 1_000_000,
              },
            },
          );
          return r.takeInJudgment.village?.code === GANGKOU ? (r.takeInJudgment.id as string) : undefined;
        },
        { timeoutMs: 15_000, what: 'a case routed to the village' },
      );
    fx.caseId = await takeIn(fx.obligorId);
    fx.otherCaseId = await takeIn(fx.otherObligorId);
    const claims: Record<string, TokenClaims> = {
      judge: DEMO_ROLES.judge!,
      officer: DEMO_ROLES.officer!,
      liaison: DEMO_ROLES.liaison!,
      cadre: DEMO_ROLES.cadre!,
      otherCadre: { sub: demoId(`secretary-${FANGJIAZHUANG}`), roles: ['VILLAGE_CADRE'], divisionCode: FANGJIAZHUANG },
      partner: DEMO_ROLES.partner!,
      party: { sub: 'party-live', roles: ['PARTY'], partyId: fx.obligorId },
      otherParty: { sub: 'party-live-other', roles: ['PARTY'], partyId: fx.otherObligorId },
    };
    for (const [role, c] of Object.entries(claims)) tokens[role] = await issueToken(c, DEV_JWT);
    // The events of the set-up have reached every subscriber-to-be's start point.
    await settled(0);
  });
  e2e.beforeStop(async () => {
    for (const c of clients) await Promise.resolve(c.dispose()).catch(() => undefined);
    for (const s of streams) s.close();
  });
  afterEach(closeAll);

  const CASE_UPDATED = `subscription($id: ID!) {
    caseUpdated(caseId: $id) {
      eventId kind cursor
      case { id paidFen outstandingFen state primaryObligor { id name } }
    }
  }`;

  it('caseUpdated (WebSocket): one payment, one message, with the fields selected across subgraphs', async () => {
    const got = overWs('admin', CASE_UPDATED, { id: fx.caseId });
    await settled(1);
    const before = (await gql('admin', `query($id: ID!) { case(id: $id) { paidFen } }`, { id: fx.caseId })).case
      .paidFen;
    await pay(fx.caseId, 1_000);
    const [first] = await messagesOf(got, 1, 'the payment pushed');
    expect(first!.errors).toBeUndefined();
    expect(first!.data.caseUpdated).toMatchObject({
      kind: 'cases.performance.recorded',
      case: { id: fx.caseId, paidFen: before + 1_000, primaryObligor: { id: fx.obligorId, name: '钱欠款' } },
    });
    expect(first!.data.caseUpdated.cursor).toMatch(/^CASES:\d+$/);
    expect(first!.extensions.cursor).toBe(first!.data.caseUpdated.cursor);
    // The next message is the next payment's: nothing came twice or in between.
    await pay(fx.caseId, 2_000);
    const all = await messagesOf(got, 2, 'the second payment pushed');
    await settled();
    expect(all).toHaveLength(2);
    expect(all[1]!.data.caseUpdated.case.paidFen).toBe(before + 3_000);
    expect(all[1]!.data.caseUpdated.eventId).not.toBe(all[0]!.data.caseUpdated.eventId);
  });

  it('myCasesUpdated (SSE): a party hears its own case and never another', async () => {
    const got = overSse('party', `subscription { myCasesUpdated { kind case { id paidFen } } }`);
    await settled(1);
    await pay(fx.otherCaseId, 500);
    await pay(fx.caseId, 700);
    const [first] = await messagesOf(got, 1, "the party's own payment pushed");
    await settled();
    expect(got.messages).toHaveLength(1);
    expect(first!.data.myCasesUpdated).toMatchObject({ kind: 'cases.performance.recorded', case: { id: fx.caseId } });
    expect(got.lastEventId).toMatch(/^CASES:\d+$/);
  });

  it('the authorization matrix: each role gets exactly what its queries may read', async () => {
    const allowed = ['admin', 'judge', 'officer', 'liaison', 'cadre', 'party'];
    const denied = ['otherCadre', 'otherParty', 'partner'];
    const subs = Object.fromEntries(
      [...allowed, ...denied].map((role, i) => [
        role,
        // Both transports, alternately: the rules are the same.
        (i % 2 ? overSse : overWs)(role, `subscription($id: ID!) { caseUpdated(caseId: $id) { case { id } } }`, {
          id: fx.caseId,
        }),
      ]),
    );
    await settled(allowed.length + denied.length);
    await pay(fx.caseId, 100);
    for (const role of allowed) await messagesOf(subs[role]!, 1, `${role} hears the payment`);
    // Every subscriber took the event in at once; once none has anything left, the refused ones dropped it.
    await settled();
    for (const role of allowed) expect([role, subs[role]!.messages.length]).toEqual([role, 1]);
    for (const role of denied) expect([role, subs[role]!.messages]).toEqual([role, []]);

    const anonymous = overSse(null, `subscription($id: ID!) { caseUpdated(caseId: $id) { eventId } }`, {
      id: fx.caseId,
    });
    await waitFor(() => anonymous.ended, { what: 'the anonymous subscription refused' });
    expect(anonymous.code).toBe(401);
    expect(anonymous.refused!.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad argument with VALIDATION_FAILED naming it, and a query over the live transports', async () => {
    const bad = overSse('admin', `subscription { caseUpdated(caseId: "nope") { eventId } }`);
    await waitFor(() => bad.ended, { what: 'the bad subscription refused' });
    expect(bad.code).toBe(400);
    expect(bad.refused!.errors![0]!.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'caseUpdated.caseId',
    });
    const ws = overWs('admin', `{ causesOfAction { code } }`);
    await waitFor(() => ws.refused, { what: 'the query refused over WebSocket' });
    expect(ws.refused!.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  it('taskAssigned and divisionActivity: a task opened for the village cadre', async () => {
    // A cadre registered now: tasks learns of staff from their events (this stack's consumers start at new ones).
    const cadreId = (
      await gql('admin', `mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { id } }`, {
        i: { name: '港口村调解主任', roles: ['VILLAGE_CADRE'], divisionCode: GANGKOU },
      })
    ).registerStaff.id as string;
    tokens.newCadre = await issueToken({ sub: cadreId, roles: ['VILLAGE_CADRE'], divisionCode: GANGKOU }, DEV_JWT);
    const assigned = overWs('newCadre', `subscription { taskAssigned { kind task { id title } } }`);
    const activity = overSse(
      'cadre',
      `subscription($d: ID!) { divisionActivity(divisionCode: $d) { kind divisionCode task { id title } } }`,
      {
        d: GANGKOU,
      },
    );
    const elsewhere = overSse(
      'otherCadre',
      `subscription($d: ID!) { divisionActivity(divisionCode: $d) { kind task { id } } }`,
      { d: GANGKOU },
    );
    await settled(3);
    const task = await waitFor(
      async () => {
        const r = await gqlRequest(
          e2e.gatewayUrl,
          `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
          {
            i: {
              caseId: fx.caseId,
              type: 'HOME_VISIT',
              level: 'VILLAGE',
              divisionCode: GANGKOU,
              title: '跑户走访',
              assigneeId: cadreId,
              dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            },
          },
          undefined,
          { authorization: `Bearer ${tokens.admin}` },
        );
        if (r.errors?.some((e) => e.extensions?.code === 'NOT_FOUND')) return undefined;
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return r.data.createTask as { id: string };
      },
      { timeoutMs: 15_000, what: 'tasks to know the new cadre, and the task' },
    );
    // The village also hears the tasks the rules open by themselves (the follow-up call after the urging
    // of this file's cases), whenever tasks gets to them: only this task's messages are counted.
    const about = (got: Received, field: string) => got.messages.filter((m) => m.data?.[field]?.task?.id === task.id);
    const ofTask = (got: Received, field: string, what: string) =>
      waitFor(() => (about(got, field).length ? about(got, field) : undefined), { what, timeoutMs: 15_000 });
    const [a] = await ofTask(assigned, 'taskAssigned', 'the task pushed to its assignee');
    const [d] = await ofTask(activity, 'divisionActivity', 'the task pushed to the village');
    await settled();
    expect(a!.data.taskAssigned).toEqual({ kind: 'tasks.task.created', task: { id: task.id, title: '跑户走访' } });
    expect(d!.data.divisionActivity).toEqual({
      kind: 'tasks.task.created',
      divisionCode: GANGKOU,
      task: { id: task.id, title: '跑户走访' },
    });
    expect(assigned.messages).toHaveLength(1);
    expect(about(activity, 'divisionActivity')).toHaveLength(1);
    expect(elsewhere.messages).toEqual([]);

    // Given to someone else afterwards (assignTask): the new assignee hears it, the first one does not.
    const nextId = (
      await gql('admin', `mutation($i: RegisterStaffInput!) { registerStaff(input: $i) { id } }`, {
        i: { name: '港口村网格员', roles: ['VILLAGE_CADRE'], divisionCode: GANGKOU },
      })
    ).registerStaff.id as string;
    tokens.nextCadre = await issueToken({ sub: nextId, roles: ['VILLAGE_CADRE'], divisionCode: GANGKOU }, DEV_JWT);
    const reassigned = overSse('nextCadre', `subscription { taskAssigned { kind task { id title } } }`);
    await settled(4);
    await waitFor(
      async () => {
        const r = await gqlRequest(
          e2e.gatewayUrl,
          `mutation($id: ID!, $a: ID!) { assignTask(id: $id, assigneeId: $a) { id } }`,
          { id: task.id, a: nextId },
          undefined,
          { authorization: `Bearer ${tokens.admin}` },
        );
        if (r.errors?.some((e) => e.extensions?.code === 'NOT_FOUND')) return undefined;
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return true;
      },
      { timeoutMs: 15_000, what: 'tasks to know the next cadre, and the assignment' },
    );
    const [r] = await messagesOf(reassigned, 1, 'the assignment pushed to the new assignee');
    await settled();
    expect(r!.data.taskAssigned).toEqual({ kind: 'tasks.task.assigned', task: { id: task.id, title: '跑户走访' } });
    expect(reassigned.messages).toHaveLength(1);
    expect(assigned.messages).toHaveLength(1);
  });

  it('exposureBoardChanged (anonymous) and warningRaised: a listing reaches the public board, masked', async () => {
    const board = overSseClient(
      `subscription($d: ID!) { exposureBoardChanged(divisionCode: $d) { kind board { divisionCode nodes { name idNumberMasked outstandingFen } } } }`,
      { d: GANGKOU },
    );
    const warning = overWs(
      'liaison',
      `subscription($d: ID!) { warningRaised(divisionCode: $d) { kind warning { id metric division { code } } } }`,
      { d: GANGKOU },
    );
    const outside = overWs('otherCadre', `subscription($d: ID!) { warningRaised(divisionCode: $d) { kind } }`, {
      d: GANGKOU,
    });
    await settled(3);
    await waitFor(
      async () => {
        const r = await gqlRequest(
          e2e.gatewayUrl,
          `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`,
          { i: { partyId: fx.otherObligorId, caseId: fx.otherCaseId, ground: 'ABLE_BUT_REFUSES' } },
          undefined,
          { authorization: `Bearer ${tokens.admin}` },
        );
        if (r.errors?.some((e) => e.extensions?.rule === 'CASE_UNKNOWN')) return undefined;
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return true;
      },
      { timeoutMs: 15_000, what: 'people-credit to know the case, and the listing' },
    );
    const [m] = await messagesOf(board, 1, 'the listing pushed to the board');
    expect(m!.data.exposureBoardChanged.kind).toBe('credit.listing.added');
    // Exactly what the public query shows an anonymous caller (its masking).
    const asQuery = await gqlRequest(
      e2e.gatewayUrl,
      `query($d: ID!) { exposureBoard(divisionCode: $d) { divisionCode nodes { name idNumberMasked outstandingFen } } }`,
      {
        d: GANGKOU,
      },
    );
    expect(m!.data.exposureBoardChanged.board).toEqual(asQuery.data.exposureBoard);
    expect(m!.data.exposureBoardChanged.board.nodes[0].idNumberMasked).toMatch(/^\d{10}\*{4}\d{3}[\dX]$/);
    expect(m!.data.exposureBoardChanged.board.divisionCode).toBe(GANGKOU);
    expect(m!.data.exposureBoardChanged.board.nodes.map((n: { name: string }) => n.name)).toContain('李另案');
    await settled();
    expect(board.messages).toHaveLength(1);

    // A rule whose threshold the village's listed obligor passes raises its warning at once.
    await gql('admin', `mutation($i: WarningRuleInput!) { createWarningRule(input: $i) { id } }`, {
      i: {
        name: '失信率预警',
        metric: 'DISHONESTY_RATE',
        comparison: 'GT',
        threshold: 0,
        divisionLevel: 'VILLAGE',
        windowDays: 30,
      },
    });
    const raised = await waitFor(
      () =>
        warning.messages.find((m) => m.data?.warningRaised.warning.metric === 'DISHONESTY_RATE')?.data.warningRaised,
      { what: 'the warning pushed', timeoutMs: 15_000 },
    );
    expect(raised).toMatchObject({ kind: 'metrics.warning.raised', warning: { division: { code: GANGKOU } } });
    await settled();
    // The seeded rules may raise on the listing too: every warning is of this village, each pushed once.
    const ids = warning.messages.map((m) => m.data.warningRaised.warning.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(warning.messages.every((m) => m.data.warningRaised.warning.division.code === GANGKOU)).toBe(true);
    expect(outside.messages).toEqual([]);
  });

  it('resumes after a dropped connection from Last-Event-ID: nothing lost, nothing twice', async () => {
    const query = `subscription($id: ID!) { caseUpdated(caseId: $id) { case { paidFen } } }`;
    const first = overSse('judge', query, { id: fx.caseId });
    await settled(1);
    await pay(fx.caseId, 10);
    await messagesOf(first, 1, 'the first payment');
    const cursor = first.lastEventId!;
    const base = first.messages[0]!.data.caseUpdated.case.paidFen as number;
    first.close();
    await settled(0);
    // Missed while away.
    await pay(fx.caseId, 20);
    await pay(fx.caseId, 30);
    await waitFor(
      async () =>
        (await gql('admin', `query($id: ID!) { case(id: $id) { paidFen } }`, { id: fx.caseId })).case.paidFen ===
        base + 50,
      { what: 'both payments recorded' },
    );
    const again = overSse('judge', query, { id: fx.caseId }, { lastEventId: cursor });
    await messagesOf(again, 2, 'the missed payments replayed');
    await pay(fx.caseId, 40);
    await messagesOf(again, 3, 'the live payment after the replay');
    await settled();
    // The two missed and the live one, in stream order, once each; each resolved as the case is when it
    // is sent (through the supergraph, not copied from the event).
    expect(again.messages).toHaveLength(3);
    const seq = (cursor: string) => Number(cursor.split(':')[1]);
    const replayed = again.ids.map(seq);
    expect(replayed[0]).toBeGreaterThan(seq(cursor));
    expect([...replayed].sort((a, b) => a - b)).toEqual(replayed);
    expect(new Set(replayed).size).toBe(3);
    expect(again.messages[2]!.data.caseUpdated.case.paidFen).toBe(base + 90);

    // The same over WebSocket with the `since` argument.
    const ws = overWs(
      'judge',
      `subscription($id: ID!, $since: String) { caseUpdated(caseId: $id, since: $since) { cursor } }`,
      {
        id: fx.caseId,
        since: cursor,
      },
    );
    await messagesOf(ws, 3, 'the three later payments replayed over WebSocket');
    await settled();
    expect(ws.messages).toHaveLength(3);
    const seqs = ws.messages.map((m) => Number(m.data.caseUpdated.cursor.split(':')[1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    expect(ws.messages[2]!.data.caseUpdated.cursor).toBe(again.lastEventId);
  });

  it('limits the subscriptions of one identity', async () => {
    const open = Array.from({ length: LIMIT }, () => overSse('officer', CASE_UPDATED, { id: fx.caseId }));
    await settled(LIMIT);
    const over = overSse('officer', CASE_UPDATED, { id: fx.caseId });
    await waitFor(() => over.ended, { what: 'the subscription over the limit refused' });
    expect(over.code).toBe(429);
    expect(over.refused!.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'subscriptions' });
    expect(open.every((s) => !s.ended)).toBe(true);
  });

  it('ends the subscription when the token expires: SSE with UNAUTHENTICATED, WebSocket with close 4401', async () => {
    const short = await issueToken(DEMO_ROLES.cadre!, { ...DEV_JWT, ttl: '3s' });
    const sse = overSse(null, CASE_UPDATED, { id: fx.caseId }, { token: short });
    const ws = overWs(null, CASE_UPDATED, { id: fx.caseId }, short);
    await settled(2);
    await waitFor(() => sse.ended && ws.ended, { what: 'both subscriptions ended at expiry', timeoutMs: 10_000 });
    expect(sse.messages.at(-1)!.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(ws.code).toBe(4401);
    await settled(0);
    // A token already expired is refused outright.
    const late = overWs(null, CASE_UPDATED, { id: fx.caseId }, short);
    await waitFor(() => late.ended, { what: 'the expired token refused' });
    expect(late.code).toBe(4401);
  });
});
