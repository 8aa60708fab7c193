import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { demoId } from '@zhiyuan/auth';
import { DEMO_ROLES, issueToken } from '@zhiyuan/gateway';
import { gqlRequest, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { useE2eStack, DEV_JWT } from './support/e2e';

const GANGKOU = '330522104201';
const BAISHUI = '330522104202';

/** The SMS gateway people-credit posts to (SMS_PROVIDER=http): what a party's phone would receive. */
async function smsGateway() {
  const received: { id: string; phone: string; body: string; template: string }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push(JSON.parse(data));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `gw-${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * The party's side through the gateway: sign-in by a code from the SMS, tokens of the party issuer
 * verified against the gateway's JWKS, the party's own view (`me`), and the authorization matrix
 * rows of a party token: its own cases on every path, nobody else's on any (nested paths included).
 */
describe('party sign-in and the party portal through the gateway', () => {
  let pg: Client;
  let sms: Awaited<ReturnType<typeof smsGateway>>;
  // The SMS provider answers before the stack starts, which reads its URL then.
  beforeAll(async () => {
    sms = await smsGateway();
  });
  const e2e = useE2eStack({ name: 'party', env: () => ({ SMS_PROVIDER: 'http', SMS_HTTP_URL: sms.url }) });
  let admin: Record<string, string>;
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRequest(e2e.gatewayUrl, query, variables, undefined, admin);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const asParty = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.gatewayUrl, query, variables, undefined, as(session.accessToken));
  const anonymous = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.gatewayUrl, query, variables);

  const phoneA = '13655550001';
  const fx = {} as {
    a: string;
    b: string;
    c: string;
    ownCase: string;
    owedCase: string;
    otherCase: string;
    otherTask: string;
  };
  let session: { partyId: string; accessToken: string; refreshToken: string };
  let serial = 0;

  async function person(name: string, phone: string | null, village: string): Promise<string> {
    return (
      await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name, idNumber: residentIdNumber('19780808', 700 + ++serial), phone, homeDivisionCode: village },
      })
    ).registerPerson.id;
  }
  /** A judgment taken in until cases has routed it (cases learns of the party from its event). */
  async function takeIn(obligorId: string, obligeeId: string): Promise<string> {
    const cause = (await ok(`{ causesOfAction { code } }`)).causesOfAction[0].code;
    return waitFor(
      async () => {
        const r = await ok(`mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id village { code } } }`, {
          i: {
            caseNumber: `(2025)浙0522民初${30_000 + ++serial}号`,
            court: '长兴县人民法院',
            causeCode: cause,
            judgeId: demoId('judge-1'),
            effectiveDate: new Date().toISOString().slice(0, 10),
            obligorIds: [obligorId],
            obligeeIds: [obligeeId],
            principalFen: 600_000,
          },
        });
        return r.takeInJudgment.village ? (r.takeInJudgment.id as string) : undefined;
      },
      { timeoutMs: 15_000, what: 'a routed case' },
    );
  }

  beforeAll(async () => {
    pg = new Client({ connectionString: e2e.db.url });
    await pg.connect();
    admin = as(await issueToken(DEMO_ROLES.admin!, DEV_JWT));
    fx.a = await person('钱主动', '+86-136-5555-0001', GANGKOU);
    fx.b = await person('孙债主', '13655550002', BAISHUI);
    fx.c = await person('李旁人', '13655550003', GANGKOU);
    // A owes B; C owes A (A is obligee there); B owes C, a case A has nothing to do with.
    fx.ownCase = await takeIn(fx.a, fx.b);
    fx.owedCase = await takeIn(fx.c, fx.a);
    fx.otherCase = await takeIn(fx.b, fx.c);
    const today = new Date().toISOString().slice(0, 10);
    await ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { id } } }`, {
      i: { caseId: fx.ownCase, amountFen: 100_000, paidOn: today, channel: 'BANK_TRANSFER' },
    });
    const due = (months: number) => {
      const d = new Date();
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString().slice(0, 10);
    };
    await ok(`mutation($i: AgreeSettlementInput!) { agreeSettlement(input: $i) { id } }`, {
      i: {
        caseId: fx.ownCase,
        kind: 'INSTALMENT_PLAN',
        terms: '分两期履行',
        instalments: [
          { dueDate: due(1), amountFen: 200_000 },
          { dueDate: due(2), amountFen: 300_000 },
        ],
      },
    });
    await waitFor(
      async () => {
        const r = await gqlRequest(
          e2e.gatewayUrl,
          `mutation($c: ID!, $b: String!) { postCaseMessage(caseId: $c, body: $b) { id } }`,
          { c: fx.ownCase, b: '请按期履行第一期款项。' },
          undefined,
          admin,
        );
        return !r.errors;
      },
      { what: 'tasks to know the case' },
    );
    fx.otherTask = await waitFor(
      async () =>
        (await ok(`query($id: ID!) { case(id: $id) { tasks { id } } }`, { id: fx.otherCase })).case.tasks[0]?.id,
      { what: 'the other case’s follow-up task' },
    );
  });
  e2e.beforeStop(() => pg?.end());
  afterAll(async () => {
    await sms?.close();
  });

  it('signs a party in with the code of its SMS, and the gateway takes the token of the party issuer', async () => {
    const asked = await anonymous(`mutation($p: String!) { requestSignInCode(phone: $p) { resendAfterSeconds } }`, {
      p: phoneA,
    });
    expect(asked.errors).toBeUndefined();
    const message = await waitFor(() => sms.received.find((m) => m.phone === phoneA), { what: 'the code SMS' });
    const code = /验证码为(\d{6})/.exec(message.body)![1]!;
    expect(message.body).toBe(
      `【执源】您的登录验证码为${code}，5分钟内有效。请勿将验证码告诉他人，法院及村（社区）工作人员不会向您索要验证码。`,
    );
    // The ledger row is the message the gateway got, its code blanked, SENT.
    const ledger = await waitFor(async () => {
      const { rows } = await pg.query(`SELECT * FROM people.sms_message WHERE id = $1 AND status = 'SENT'`, [
        message.id,
      ]);
      return rows[0];
    });
    expect(ledger).toMatchObject({
      recipient_party_id: fx.a,
      template: 'SIGN_IN_CODE',
      provider_message_id: expect.any(String),
    });
    expect(ledger.body).toBe(message.body.replace(code, '******'));

    // An unknown phone: the same answer, no SMS.
    const unknown = await anonymous(`mutation { requestSignInCode(phone: "13655559999") { resendAfterSeconds } }`);
    expect(unknown).toEqual(asked);

    const r = await anonymous(
      `mutation($p: String!, $c: String!) { signIn(phone: $p, code: $c) { partyId accessToken refreshToken } }`,
      { p: phoneA, c: code },
    );
    expect(r.errors).toBeUndefined();
    session = r.data.signIn;
    expect(session.partyId).toBe(fx.a);
    expect(sms.received.some((m) => m.phone === '13655559999')).toBe(false);

    // Anyone verifies it with the gateway's published key set.
    const jwksUrl = new URL('/.well-known/jwks.json', e2e.gatewayUrl);
    const jwks = await (await fetch(jwksUrl)).json();
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', alg: 'ES256' })]);
    expect(jwks.keys[0].d).toBeUndefined();
    const { payload } = await jwtVerify(session.accessToken, createRemoteJWKSet(jwksUrl), { algorithms: ['ES256'] });
    expect(payload).toMatchObject({ iss: 'zhiyuan-party', sub: fx.a, roles: ['PARTY'], partyId: fx.a });
  });

  it('shows the party its own cases on both sides, with amounts, payments, instalments, timeline, thread and team', async () => {
    const r = await asParty(`{ me { party { id name phone } cases(first: 10) { nodes {
      id state amountOwedFen paidFen outstandingFen
      performances { amountFen } settlements { kind instalments { amountFen status } } timeline { at }
      messages { body } partyView { mySides counterparts { side name idNumberMasked } team { role phone } }
    } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.me.party).toEqual({ id: fx.a, name: '钱主动', phone: '+86-136-5555-0001' });
    const byId = Object.fromEntries(r.data.me.cases.nodes.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual([fx.ownCase, fx.owedCase].sort());
    const own = byId[fx.ownCase];
    expect(own).toMatchObject({
      amountOwedFen: 600_000,
      paidFen: 100_000,
      outstandingFen: 500_000,
      performances: [{ amountFen: 100_000 }],
      settlements: [
        {
          kind: 'INSTALMENT_PLAN',
          instalments: [
            { amountFen: 200_000, status: expect.any(String) },
            { amountFen: 300_000, status: expect.any(String) },
          ],
        },
      ],
      messages: [{ body: '请按期履行第一期款项。' }],
    });
    expect(own.timeline.length).toBeGreaterThan(0);
    expect(own.partyView.mySides).toEqual(['OBLIGOR']);
    expect(own.partyView.counterparts).toEqual([
      { side: 'OBLIGEE', name: '孙债主', idNumberMasked: expect.stringMatching(/^\d{10}\*{4}\d{3}[\dX]$/) },
    ]);
    expect(own.partyView.team).toEqual(
      expect.arrayContaining([{ role: 'VILLAGE_SECRETARY', phone: expect.stringMatching(/^138\d{8}$/) }]),
    );
    expect(byId[fx.owedCase].partyView.mySides).toEqual(['OBLIGEE']);
  });

  it("refuses the party every path to someone else's case, party or task, nested ones included", async () => {
    const refused = async (query: string, variables: Record<string, unknown>, secret: string | null) => {
      const r = await asParty(query, variables);
      expect({ query, codes: (r.errors ?? []).map((e) => e.extensions?.code) }).toEqual({
        query,
        codes: expect.arrayContaining(['FORBIDDEN']),
      });
      if (secret)
        expect({ query, leaked: JSON.stringify(r.data ?? {}).includes(secret) }).toEqual({ query, leaked: false });
    };
    const caseNumber = (await ok(`query($id: ID!) { case(id: $id) { caseNumber } }`, { id: fx.otherCase })).case
      .caseNumber;
    await refused(`query($id: ID!) { case(id: $id) { id caseNumber } }`, { id: fx.otherCase }, caseNumber);
    await refused(`query($n: String!) { caseByNumber(caseNumber: $n) { id } }`, { n: caseNumber }, fx.otherCase);
    await refused(`query($id: ID!) { case(id: $id) { messages { body } } }`, { id: fx.otherCase }, null);
    await refused(`query($id: ID!) { task(id: $id) { id case { id caseNumber } } }`, { id: fx.otherTask }, caseNumber);
    await refused(`query($id: ID!) { party(id: $id) { name cases { nodes { id } } } }`, { id: fx.b }, '孙债主');
    // The counterpart's record is refused on the party's own case; its name comes through partyView only.
    await refused(
      `query($id: ID!) { case(id: $id) { obligees { name idNumber phone } } }`,
      { id: fx.ownCase },
      '13655550002',
    );
    // Lists and nested lists hold only the party's own cases.
    const lists = await asParty(
      `query($d: ID!) { cases(first: 50) { nodes { id } } division(code: $d) { cases(first: 50) { nodes { id } } } }`,
      {
        d: GANGKOU,
      },
    );
    expect(JSON.stringify(lists.data ?? {})).not.toContain(fx.otherCase);
    expect(lists.data?.cases?.nodes.map((c: { id: string }) => c.id).sort()).toEqual([fx.ownCase, fx.owedCase].sort());
    // Writing to its own case is staff work: refused, nothing recorded.
    const paid = await asParty(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { paidFen } } }`, {
      i: { caseId: fx.ownCase, amountFen: 1, paidOn: new Date().toISOString().slice(0, 10), channel: 'CASH' },
    });
    expect(paid.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok(`query($id: ID!) { case(id: $id) { paidFen } }`, { id: fx.ownCase })).case.paidFen).toBe(100_000);
  });

  it('rotates the refresh token through the gateway; a reused one ends the session; sign-out ends it', async () => {
    const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
    const next = await anonymous(REFRESH, { t: session.refreshToken });
    expect(next.errors).toBeUndefined();
    const me = await gqlRequest(
      e2e.gatewayUrl,
      `{ me { partyId } }`,
      {},
      undefined,
      as(next.data.refreshSession.accessToken),
    );
    expect(me.data).toEqual({ me: { partyId: fx.a } });
    const reused = await anonymous(REFRESH, { t: session.refreshToken });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const afterReuse = await anonymous(REFRESH, { t: next.data.refreshSession.refreshToken });
    expect(afterReuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await anonymous(`mutation($t: String!) { signOut(refreshToken: $t) }`, { t: 'x' })).data).toEqual({
      signOut: true,
    });
  });

  it('gives staff no `me`, and binds the development party token to the seeded demo party', async () => {
    const staff = await gqlRequest(e2e.gatewayUrl, `{ me { partyId } }`, {}, undefined, admin);
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const nobody = await anonymous(`{ me { partyId } }`);
    expect(nobody.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const demo = await gqlRequest(
      e2e.gatewayUrl,
      `{ me { party { id name } } }`,
      {},
      undefined,
      as(await issueToken(DEMO_ROLES.party!, DEV_JWT)),
    );
    expect(demo.data).toEqual({ me: { party: { id: demoId('party'), name: '陈建国' } } });
  });
});
