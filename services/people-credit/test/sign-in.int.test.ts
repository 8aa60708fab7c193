import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { identity, waitFor } from '@zhiyuan/testing';
import type { SmsMessage, SmsProvider } from '@zhiyuan/sms';
import { randomUUID } from 'node:crypto';
import { failUnsentSignInSms, pruneSignInRecords } from '../src/schedules';
import { registerPerson, startTestService, type TestService } from './factories/service';

/** An SMS gateway that keeps what it was given: the only place a code exists in clear. */
class CapturingSms implements SmsProvider {
  readonly name = 'capture';
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
    return { providerMessageId: `cap-${message.id}` };
  }
  codeFor(phone: string): string | undefined {
    const last = [...this.sent].reverse().find((m) => m.phone === phone);
    return last ? /验证码为(\d{6})/.exec(last.body)?.[1] : undefined;
  }
}

const REQUEST = `mutation($phone: String!) { requestSignInCode(phone: $phone) { expiresAt resendAfterSeconds } }`;
const SIGN_IN = `mutation($phone: String!, $code: String!) { signIn(phone: $phone, code: $code) {
  partyId accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { partyId accessToken refreshToken } }`;
const SIGN_OUT = `mutation($t: String!) { signOut(refreshToken: $t) }`;

/** An anonymous caller from one client address (the rate limits count by address). */
const from = (ip: string) => identity([], { sub: 'anonymous', ip });

describe('party sign-in', () => {
  let t: TestService;
  const sms = new CapturingSms();
  let now = new Date();
  const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  let phones = 0;
  /** A fresh party with a phone of its own. */
  const partyWithPhone = async () => {
    const phone = `1370000${String(1000 + ++phones)}`;
    const { id } = await registerPerson(t, { phone: phone.replace(/^(\d{3})(\d{4})/, '$1-$2-') });
    return { id, phone };
  };
  const rows = (sql: string, params: unknown[] = []) => t.service.runtime.ds.query(sql, params);
  const codeOf = (phone: string) => waitFor(() => sms.codeFor(phone), { what: `the SMS to ${phone}` });

  beforeAll(async () => {
    t = await startTestService({
      smsProvider: sms,
      clock: () => now,
      env: { SIGN_IN_REQUESTS_PER_IP_PER_HOUR: '12' },
    });
  });
  afterAll(async () => t.stop());

  it('sends the Chinese code SMS through the ledger, keeps only a hash, and signs in with an ES256 party token', async () => {
    const p = await partyWithPhone();
    const asked = await t.gql(REQUEST, { phone: `+86 ${p.phone}` }, from('10.0.0.1'));
    expect(asked.errors).toBeUndefined();
    expect(asked.data.requestSignInCode).toEqual({
      expiresAt: new Date(now.getTime() + 300_000).toISOString(),
      resendAfterSeconds: 60,
    });
    const code = await codeOf(p.phone);
    const message = sms.sent.find((m) => m.phone === p.phone)!;
    expect(message.body).toBe(
      `【执源】您的登录验证码为${code}，5分钟内有效。请勿将验证码告诉他人，法院及村（社区）工作人员不会向您索要验证码。`,
    );
    expect(message.template).toBe('SIGN_IN_CODE');

    // The ledger row is the one sent (its id is the provider's idempotency key), with the code blanked.
    const ledger = await waitFor(async () => {
      const [row] = await rows(`SELECT * FROM people.sms_message WHERE phone = $1`, [p.phone]);
      return row?.status === 'SENT' && row;
    });
    expect(ledger).toMatchObject({ id: message.id, recipient_party_id: p.id, attempts: 1 });
    expect(ledger.body).toBe(message.body.replace(code, '******'));
    const [stored] = await rows(`SELECT * FROM people.sign_in_code WHERE phone = $1`, [p.phone]);
    expect(stored.party_id).toBe(p.id);
    expect(stored.code_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await rows(`SELECT * FROM people.sign_in_code`))).not.toContain(code);
    expect(JSON.stringify(await rows(`SELECT * FROM people.sms_message`))).not.toContain(code);

    const r = await t.gql(SIGN_IN, { phone: p.phone, code }, from('10.0.0.1'));
    expect(r.errors).toBeUndefined();
    const s = r.data.signIn;
    expect(s.partyId).toBe(p.id);
    expect(s.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The access token verifies against the service's published key set, and says no more than PARTY + partyId.
    const jwks = await (await fetch(t.service.url.replace(/\/graphql$/, '/.well-known/jwks.json'))).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
    expect(decodeProtectedHeader(s.accessToken)).toMatchObject({ alg: 'ES256', kid: jwks.keys[0].kid });
    const { payload } = await jwtVerify(s.accessToken, createLocalJWKSet(jwks), {
      issuer: 'zhiyuan-party',
      audience: 'zhiyuan',
      algorithms: ['ES256'],
      currentDate: now,
    });
    expect(payload).toMatchObject({ sub: p.id, partyId: p.id, roles: ['PARTY'] });
    expect(payload.exp! - payload.iat!).toBe(900);

    // A code opens one session only.
    const again = await t.gql(SIGN_IN, { phone: p.phone, code }, from('10.0.0.1'));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
  });

  it('answers an unknown phone exactly as a known one, sends nothing, and refuses its sign-in like a wrong code', async () => {
    const known = await partyWithPhone();
    const unknown = '13799998888';
    const a = await t.gql(REQUEST, { phone: known.phone }, from('10.0.0.2'));
    const b = await t.gql(REQUEST, { phone: unknown }, from('10.0.0.2'));
    expect(b).toEqual(a);
    await codeOf(known.phone);
    expect(await rows(`SELECT * FROM people.sms_message WHERE phone = $1`, [unknown])).toEqual([]);
    expect(await rows(`SELECT * FROM people.sign_in_code WHERE phone = $1`, [unknown])).toEqual([]);
    expect(sms.sent.some((m) => m.phone === unknown)).toBe(false);

    const wrongKnown = await t.gql(SIGN_IN, { phone: known.phone, code: '000000' }, from('10.0.0.2'));
    const wrongUnknown = await t.gql(SIGN_IN, { phone: unknown, code: '000000' }, from('10.0.0.2'));
    expect(wrongUnknown).toEqual(wrongKnown);
    expect(wrongKnown.errors![0]).toMatchObject({
      message: 'The code is wrong or has expired; ask for a new code',
      extensions: { code: 'VALIDATION_FAILED', field: 'code' },
    });
    // The second request for the unknown phone is refused like one for a known phone.
    const resent = await t.gql(REQUEST, { phone: unknown }, from('10.0.0.2'));
    expect(resent.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
  });

  it('lets a code expire after 5 minutes', async () => {
    const p = await partyWithPhone();
    await t.gql(REQUEST, { phone: p.phone }, from('10.0.0.3'));
    const code = await codeOf(p.phone);
    later(300);
    const r = await t.gql(SIGN_IN, { phone: p.phone, code }, from('10.0.0.3'));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    expect(r.data).toBeNull();
    const [attempt] = await rows(
      `SELECT outcome FROM people.sign_in_attempt WHERE phone = $1 AND kind = 'SIGN_IN' ORDER BY at DESC LIMIT 1`,
      [p.phone],
    );
    expect(attempt.outcome).toBe('EXPIRED');
  });

  it('kills a code after 5 wrong tries, even for the right code afterwards', async () => {
    const p = await partyWithPhone();
    await t.gql(REQUEST, { phone: p.phone }, from('10.0.0.4'));
    const code = await codeOf(p.phone);
    const wrong = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) {
      const r = await t.gql(SIGN_IN, { phone: p.phone, code: wrong }, from(`10.0.1.${i}`));
      expect(r.errors?.[0]?.extensions?.field).toBe('code');
    }
    const r = await t.gql(SIGN_IN, { phone: p.phone, code }, from('10.0.1.9'));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    const [stored] = await rows(`SELECT attempts, used_at FROM people.sign_in_code WHERE phone = $1`, [p.phone]);
    expect(stored).toEqual({ attempts: 5, used_at: null });
    expect(await rows(`SELECT * FROM people.party_session WHERE party_id = $1`, [p.id])).toEqual([]);
  });

  it('limits codes per phone (a minute apart, 5 an hour) and requests per client address', async () => {
    const p = await partyWithPhone();
    for (let i = 0; i < 5; i++) {
      const r = await t.gql(REQUEST, { phone: p.phone }, from(`10.0.2.${i}`));
      expect(r.errors).toBeUndefined();
      const refused = await t.gql(REQUEST, { phone: p.phone }, from(`10.0.3.${i}`));
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      later(61);
    }
    const sixth = await t.gql(REQUEST, { phone: p.phone }, from('10.0.2.9'));
    expect(sixth.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
    await waitFor(
      async () =>
        (await rows(`SELECT id FROM people.sms_message WHERE phone = $1 AND status = 'SENT'`, [p.phone])).length === 5,
    );
    later(3600);
    expect((await t.gql(REQUEST, { phone: p.phone }, from('10.0.2.9'))).errors).toBeUndefined();

    // One address: 12 requests an hour (SIGN_IN_REQUESTS_PER_IP_PER_HOUR here), whatever the phones.
    const ip = from('10.0.9.9');
    for (let i = 0; i < 12; i++)
      expect((await t.gql(REQUEST, { phone: `1360000${String(1000 + i)}` }, ip)).errors).toBeUndefined();
    const over = await t.gql(REQUEST, { phone: '13600002000' }, ip);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const signInOver = await t.gql(SIGN_IN, { phone: p.phone, code: '000000' }, ip);
    expect(signInOver.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a malformed phone or code as VALIDATION_FAILED and records nothing', async () => {
    const before = await rows(`SELECT count(*)::int AS n FROM people.sign_in_attempt`);
    const a = await t.gql(REQUEST, { phone: 'call me' }, from('10.0.4.1'));
    expect(a.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'phone' });
    const b = await t.gql(SIGN_IN, { phone: '13700001111', code: '12ab' }, from('10.0.4.1'));
    expect(b.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    expect(await rows(`SELECT count(*)::int AS n FROM people.sign_in_attempt`)).toEqual(before);
  });

  async function signedIn(ip: string) {
    const p = await partyWithPhone();
    await t.gql(REQUEST, { phone: p.phone }, from(ip));
    const r = await t.gql(SIGN_IN, { phone: p.phone, code: await codeOf(p.phone) }, from(ip));
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return { party: p, session: r.data.signIn };
  }

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const { party, session } = await signedIn('10.0.5.1');
    const first = await t.gql(REFRESH, { t: session.refreshToken }, from('10.0.5.1'));
    expect(first.errors).toBeUndefined();
    expect(first.data.refreshSession.partyId).toBe(party.id);
    expect(first.data.refreshSession.refreshToken).not.toBe(session.refreshToken);
    const second = await t.gql(REFRESH, { t: first.data.refreshSession.refreshToken }, from('10.0.5.1'));
    expect(second.errors).toBeUndefined();

    // The first token comes back: stolen or replayed. Everything of the family ends.
    const reused = await t.gql(REFRESH, { t: session.refreshToken }, from('10.0.5.2'));
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const live = await t.gql(REFRESH, { t: second.data.refreshSession.refreshToken }, from('10.0.5.1'));
    expect(live.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const sessions = await rows(
      `SELECT revoked_reason, token_hash FROM people.party_session WHERE party_id = $1 ORDER BY created_at`,
      [party.id],
    );
    expect(sessions.map((s: { revoked_reason: string }) => s.revoked_reason)).toEqual(['REUSED', 'REUSED', 'REUSED']);
    // Only hashes are stored.
    expect(JSON.stringify(sessions)).not.toContain(session.refreshToken);
  });

  it('signs out: the refresh token no longer works; an unknown token is answered alike', async () => {
    const { session } = await signedIn('10.0.6.1');
    expect((await t.gql(SIGN_OUT, { t: session.refreshToken }, from('10.0.6.1'))).data).toEqual({ signOut: true });
    expect((await t.gql(SIGN_OUT, { t: 'no-such-token' }, from('10.0.6.1'))).data).toEqual({ signOut: true });
    const r = await t.gql(REFRESH, { t: session.refreshToken }, from('10.0.6.1'));
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired refresh token', async () => {
    const { session } = await signedIn('10.0.7.1');
    later(30 * 86_400);
    const r = await t.gql(REFRESH, { t: session.refreshToken }, from('10.0.7.1'));
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('audits every sign-in, failed or not, with the client address and the party', async () => {
    const p = await partyWithPhone();
    await t.gql(REQUEST, { phone: p.phone }, from('10.0.8.1'));
    const code = await codeOf(p.phone);
    await t.gql(SIGN_IN, { phone: p.phone, code: code === '111111' ? '222222' : '111111' }, from('10.0.8.1'));
    await t.gql(SIGN_IN, { phone: p.phone, code }, from('10.0.8.1'));
    const entries = await waitFor(async () => {
      const all = (
        await rows(`SELECT envelope FROM people.outbox_message WHERE type = 'audit.entry.recorded' ORDER BY seq`)
      )
        .map((r: { envelope: { payload: Record<string, unknown> } }) => r.envelope.payload)
        .filter((e: Record<string, unknown>) => e.operation === 'signIn' && e.ip === '10.0.8.1');
      return all.length === 2 && all;
    });
    expect(entries).toEqual([
      expect.objectContaining({ actor: 'anonymous', outcome: 'ERROR', errorCode: 'VALIDATION_FAILED' }),
      expect.objectContaining({ actor: 'anonymous', outcome: 'OK', targetKind: 'PARTY', targetId: p.id }),
    ]);
    const attempts = await rows(
      `SELECT kind, outcome, ip, party_id FROM people.sign_in_attempt WHERE phone = $1 ORDER BY at, kind`,
      [p.phone],
    );
    expect(attempts).toEqual([
      { kind: 'CODE_REQUESTED', outcome: 'SENT', ip: '10.0.8.1', party_id: p.id },
      { kind: 'SIGN_IN', outcome: 'WRONG_CODE', ip: '10.0.8.1', party_id: p.id },
      { kind: 'SIGN_IN', outcome: 'OK', ip: '10.0.8.1', party_id: p.id },
    ]);
  });

  it("gives a party token its own `me`, and nobody else's", async () => {
    const p = await partyWithPhone();
    const other = await partyWithPhone();
    const asParty = identity(['PARTY'], { sub: p.id, partyId: p.id });
    const r = await t.gql(`{ me { partyId party { id name phone } } }`, {}, asParty);
    expect(r.data.me).toEqual({ partyId: p.id, party: { id: p.id, name: '张三', phone: expect.any(String) } });
    const staff = await t.gql(`{ me { partyId } }`, {}, identity(['JUDGE']));
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(`{ me { partyId } }`, {}, from('10.0.9.1'));
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const ref = await t.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Me { partyId party { name } } } }`,
      { r: [{ __typename: 'Me', partyId: other.id }] },
      asParty,
    );
    expect(ref.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(ref.data ?? {})).not.toContain(other.id);
  });

  it('marks a code SMS never sent FAILED once its code has expired, and prunes spent sign-in records', async () => {
    const p = await partyWithPhone();
    const stale = randomUUID();
    const fresh = randomUUID();
    for (const [id, age] of [
      [stale, 301],
      [fresh, 10],
    ] as const)
      await rows(
        `INSERT INTO people.sms_message (id, template, recipient_party_id, phone, body, status, created_at)
          VALUES ($1, 'SIGN_IN_CODE', $2, $3, '验证码******', 'QUEUED', $4)`,
        [id, p.id, p.phone, new Date(now.getTime() - age * 1000)],
      );
    expect(await failUnsentSignInSms(t.service.runtime.messaging, now)).toBe(1);
    const status = async (id: string) =>
      (await rows(`SELECT status, last_error FROM people.sms_message WHERE id = $1`, [id]))[0];
    expect(await status(stale)).toEqual({ status: 'FAILED', last_error: 'not sent before the code expired' });
    expect(await status(fresh)).toEqual({ status: 'QUEUED', last_error: null });

    const { session } = await signedIn('10.0.10.1');
    const counts = async () =>
      (
        await rows(`SELECT (SELECT count(*)::int FROM people.sign_in_code) AS codes,
          (SELECT count(*)::int FROM people.party_session) AS sessions,
          (SELECT count(*)::int FROM people.sign_in_attempt) AS attempts`)
      )[0];
    const at = new Date(now.getTime() + 2 * 86_400_000);
    const dayBefore = new Date(at.getTime() - 86_400_000);
    const kept = (
      await rows(
        `SELECT (SELECT count(*)::int FROM people.party_session WHERE expires_at >= $1) AS sessions,
          (SELECT count(*)::int FROM people.sign_in_attempt) AS attempts`,
        [dayBefore],
      )
    )[0];
    expect(kept.sessions).toBeGreaterThan(0);
    // Two days on, every code is a day past its expiry: the codes go; live sessions (30 days) and attempts (90 days) stay.
    await pruneSignInRecords(t.service.runtime.messaging, at);
    expect(await counts()).toEqual({ codes: 0, ...kept });
    await pruneSignInRecords(t.service.runtime.messaging, new Date(now.getTime() + 200 * 86_400_000));
    expect(await counts()).toEqual({ codes: 0, sessions: 0, attempts: 0 });
    // A pruned refresh token is refused like a revoked one.
    const r = await t.gql(REFRESH, { t: session.refreshToken }, from('10.0.10.1'));
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
