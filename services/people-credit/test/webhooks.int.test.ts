import { Webhook } from 'standardwebhooks';
import { creditLinkChangedWebhook } from '@zhiyuan/events';
import { ADMIN, gqlRequest, identity, waitFor } from '@zhiyuan/testing';
import { loadPeopleCreditConfig } from '../src';
import { deliverDueWebhooks } from '../src/schedules';
import { addressPolicy, resolveAllowed } from '../src/webhooks/addresses';
import { postWebhook } from '../src/webhooks/http';
import { webhookSettings } from '../src/webhooks/settings';
import { judgmentEffective } from './factories/events';
import { residentId } from './factories/ids';
import { registerPerson, startTestService, type TestService } from './factories/service';
import { TestReceiver } from './factories/webhook-receiver';

const ENV = {
  WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
  WEBHOOK_DELIVERY_INTERVAL_MS: '20',
  WEBHOOK_RETRY_BASE_MS: '40',
  WEBHOOK_RETRY_MAX_DELAY_MS: '250',
  WEBHOOK_RETRY_WINDOW_MS: '3000',
  WEBHOOK_TIMEOUT_MS: '2000',
};

const REGISTER = `mutation($department: PartnerDepartment!, $url: String!, $events: [String!]!) {
  registerWebhook(department: $department, url: $url, events: $events) { secret webhook { id department url events status } } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { id secretRotatedAt previousSecretValidUntil } } }`;
const PAUSE = `mutation($id: ID!) { pauseWebhook(id: $id) { id status } }`;
const RESUME = `mutation($id: ID!) { resumeWebhook(id: $id) { id status } }`;
const REPLAY = `mutation($id: ID!, $from: DateTime!, $to: DateTime) { replayWebhook(id: $id, from: $from, to: $to) { queued webhook { id } } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(webhookId: $id, status: $status, first: $first, after: $after) {
    nodes { id messageId eventType status attempts giveUpAt lastAttemptAt lastStatusCode lastError deliveredAt deadAt replays changedAt }
    pageInfo { hasNextPage endCursor } } }`;
const LIST = `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id } }`;
const REMOVE = `mutation($id: ID!, $input: RemoveListingInput!) { removeListing(id: $id, input: $input) { id } }`;
const JUDGE = identity(['JUDGE'], { sub: '7d1c7a7e-6f0e-4d4a-9a3f-2b1c0d9e8f70' });

type Department = 'PARTY_MEMBERSHIP' | 'ENLISTMENT' | 'BANK_LOAN' | 'CIVILIZED_HOUSEHOLD';

describe('partner webhooks', () => {
  let t: TestService;

  const receivers: TestReceiver[] = [];
  const startReceiver = () => {
    const r = new TestReceiver();
    receivers.push(r);
    return r.up();
  };

  beforeAll(async () => {
    t = await startTestService({ env: ENV });
  });
  afterAll(async () => {
    await t.stop();
    for (const r of receivers) await r.down();
  });

  async function register(department: Department, url: string, events = ['credit.link.changed']) {
    const r = await t.gql(REGISTER, { department, url, events });
    expect(r.errors).toBeUndefined();
    return r.data.registerWebhook as { secret: string; webhook: { id: string } };
  }

  /** An obligor with a judgment; `list()` and `remove()` change its credit links (one change per department). */
  async function obligor() {
    const party = await registerPerson(t, { idNumber: residentId('1979-03-02'), homeDivisionCode: '330522104201' });
    const judgment = judgmentEffective({ obligorIds: [party.id], amountOwedFen: 2_000_000, judgeId: JUDGE.sub });
    await t.deliver(judgment);
    let listingId = '';
    return {
      party,
      list: async () => {
        const r = await t.gql(
          LIST,
          { input: { partyId: party.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' } },
          JUDGE,
        );
        expect(r.errors).toBeUndefined();
        listingId = r.data.listDishonestObligor.id;
      },
      remove: async () => {
        const r = await t.gql(REMOVE, { id: listingId, input: { ground: 'CORRECTION', note: 'test' } }, JUDGE);
        expect(r.errors).toBeUndefined();
      },
    };
  }

  /** The changes recorded for a department, oldest first. */
  async function changesOf(department: Department, partyIds: string[]) {
    return (await t.service.runtime.ds.query(
      `SELECT id, party_id, status, changed_at, acknowledged_at, acknowledged_by FROM people.credit_link_change
       WHERE department = $1 AND party_id = ANY($2::uuid[]) ORDER BY changed_at, id`,
      [department, partyIds],
    )) as {
      id: string;
      party_id: string;
      status: string;
      changed_at: Date;
      acknowledged_at: Date | null;
      acknowledged_by: string | null;
    }[];
  }

  async function deliveries(id: string, status?: string) {
    const r = await t.gql(DELIVERIES, { id, status, first: 100 });
    expect(r.errors).toBeUndefined();
    return r.data.webhookDeliveries.nodes as Record<string, any>[];
  }

  const ids = (requests: { headers: Record<string, unknown> }[]) =>
    requests.map((r) => String(r.headers['webhook-id']));

  it('POSTs each change signed per Standard Webhooks, with the change id as webhook-id, and the 2xx acknowledges it', async () => {
    const receiver = await startReceiver();
    const { secret, webhook } = await register('BANK_LOAN', receiver.url());
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const o = await obligor();
    await o.list();
    const [change] = await changesOf('BANK_LOAN', [o.party.id]);
    await waitFor(() => receiver.accepted().length === 1, { what: 'the delivery' });

    const req = receiver.requests[0]!;
    expect(req.headers['webhook-id']).toBe(change!.id);
    expect(req.headers['content-type']).toBe('application/json');
    const verified = new Webhook(secret).verify(req.body, req.headers as Record<string, string>);
    const body = creditLinkChangedWebhook.body.parse(verified);
    expect(body).toMatchObject({
      type: 'credit.link.changed',
      data: { changeId: change!.id, partyId: o.party.id, department: 'BANK_LOAN', status: 'RESTRICTED' },
    });
    expect(body.data.idNumberMasked).toBe(`${o.party.idNumber.slice(0, 10)}****${o.party.idNumber.slice(14)}`);
    expect(body.data.reason).toBe('LISTED:ABLE_BUT_REFUSES');
    expect(req.body).not.toContain(o.party.idNumber);
    // Another secret, or an altered body, does not verify.
    const other = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(() => other.verify(req.body, req.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(secret).verify(req.body.replace('RESTRICTED', 'CLEAR'), req.headers as never)).toThrow();

    // Only this department's change came: the other three departments' changes are not for this webhook.
    expect(receiver.requests).toHaveLength(1);
    // The 2xx is the acknowledgement that the overdue tracking reads.
    const [acked] = await waitFor(async () => {
      const rows = await changesOf('BANK_LOAN', [o.party.id]);
      return rows[0]!.acknowledged_at ? rows : undefined;
    });
    expect(acked!.acknowledged_by).toBe(`webhook:${webhook.id}`);
    const outbox = await t.service.runtime.ds.query(
      `SELECT envelope FROM people.outbox_message WHERE type = 'credit.partner.acknowledged' AND envelope->'payload'->>'changeId' = $1`,
      [change!.id],
    );
    expect(outbox).toHaveLength(1);
    const unacked = await t.gql(`{ unacknowledgedCreditChanges(department: BANK_LOAN) { nodes { id } } }`);
    expect(unacked.data.unacknowledgedCreditChanges.nodes.map((n: { id: string }) => n.id)).not.toContain(change!.id);

    const [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ messageId: change!.id, status: 'DELIVERED', attempts: 1, lastStatusCode: 204 });

    // The secret is shown once: the type has no field for it, and the table holds only its encryption.
    const fields = await t.gql(`{ __type(name: "Webhook") { fields { name } } }`);
    expect(fields.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('secret');
    const [row] = await t.service.runtime.ds.query(`SELECT secret_encrypted FROM people.webhook WHERE id = $1`, [
      webhook.id,
    ]);
    expect(row.secret_encrypted).toMatch(/^v1\./);
    expect(row.secret_encrypted).not.toContain(secret.slice(6, 20));

    // A rotation: the new secret is shown once and, during the overlap, both sign each delivery.
    const rotated = await t.gql(ROTATE, { id: webhook.id });
    expect(rotated.errors).toBeUndefined();
    const newSecret = rotated.data.rotateWebhookSecret.secret as string;
    expect(newSecret).not.toBe(secret);
    expect(new Date(rotated.data.rotateWebhookSecret.webhook.previousSecretValidUntil).getTime()).toBeGreaterThan(
      Date.now(),
    );
    await o.remove();
    await waitFor(() => receiver.accepted().length === 2, { what: 'the delivery after the rotation' });
    const second = receiver.requests[1]!;
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(new Webhook(secret).verify(second.body, second.headers as never)).toMatchObject({
      data: { status: 'CLEAR' },
    });
    expect(new Webhook(newSecret).verify(second.body, second.headers as never)).toMatchObject({
      data: { status: 'CLEAR' },
    });
    await t.gql(PAUSE, { id: webhook.id });
    await receiver.down();
  });

  it('delivers every change once the receiver is back, in order per obligor, none lost, repeats with the same id only', async () => {
    const receiver = await startReceiver();
    const { webhook } = await register('ENLISTMENT', receiver.url());
    await receiver.down();
    const obligors = [await obligor(), await obligor(), await obligor()];
    // Three changes each (restricted, clear, restricted) while the receiver is down.
    for (const o of obligors) await o.list();
    for (const o of obligors) await o.remove();
    for (const o of obligors) await o.list();
    // Only the head of each obligor's line is tried: three deliveries, each failing.
    await waitFor(async () => (await deliveries(webhook.id)).filter((d) => d.attempts >= 2).length === 3, {
      what: 'failed attempts while the receiver is down',
    });
    expect((await deliveries(webhook.id)).filter((d) => d.attempts === 0)).toHaveLength(6);
    // Back, but failing every third request with a 503 for a while.
    let n = 0;
    receiver.answer = () => (++n % 3 === 0 && n < 20 ? 503 : 204);
    await receiver.up();

    const partyIds = obligors.map((o) => o.party.id);
    const changes = await changesOf('ENLISTMENT', partyIds);
    expect(changes).toHaveLength(9);
    await waitFor(() => new Set(ids(receiver.accepted())).size === 9, { timeoutMs: 20_000, what: 'all nine changes' });
    expect(new Set(ids(receiver.accepted()))).toEqual(new Set(changes.map((c) => c.id)));

    // Per obligor, the accepted deliveries come in the order the changes were made, and no later
    // change was even attempted before the earlier one was accepted.
    for (const partyId of partyIds) {
      const mine = changes.filter((c) => c.party_id === partyId).map((c) => c.id);
      const attempts = receiver.requests.filter((r) => mine.includes(String(r.headers['webhook-id'])));
      const order = [...new Set(ids(attempts))];
      expect(order).toEqual(mine);
      for (const [i, id] of mine.entries()) {
        if (i === 0) continue;
        const firstOfThis = attempts.findIndex((r) => r.headers['webhook-id'] === id);
        const acceptedPrevious = attempts.findIndex((r) => r.headers['webhook-id'] === mine[i - 1] && r.status < 300);
        expect(acceptedPrevious).toBeGreaterThanOrEqual(0);
        expect(firstOfThis).toBeGreaterThan(acceptedPrevious);
      }
    }
    // A repeated webhook-id repeats the same body: retries are the same message.
    const bodies = new Map<string, Set<string>>();
    for (const r of receiver.requests) {
      const id = String(r.headers['webhook-id']);
      bodies.set(id, (bodies.get(id) ?? new Set()).add(r.body));
    }
    for (const set of bodies.values()) expect(set.size).toBe(1);

    const all = await waitFor(async () => {
      const d = await deliveries(webhook.id, 'DELIVERED');
      return d.length === 9 ? d : undefined;
    });
    expect(all.some((d) => d.attempts > 2)).toBe(true);
    await t.gql(PAUSE, { id: webhook.id });
    await receiver.down();
  });

  it('dead-letters a delivery answered 4xx after the retry window, shows it, and a replay sends it again', async () => {
    const receiver = await startReceiver();
    receiver.answer = () => 400;
    const { webhook } = await register('PARTY_MEMBERSHIP', receiver.url());
    const o = await obligor();
    await o.list();
    const [change] = await changesOf('PARTY_MEMBERSHIP', [o.party.id]);

    const [dead] = await waitFor(
      async () => {
        const d = await deliveries(webhook.id, 'DEAD');
        return d.length ? d : undefined;
      },
      { timeoutMs: 15_000, what: 'the dead letter' },
    );
    expect(dead).toMatchObject({
      messageId: change!.id,
      status: 'DEAD',
      lastStatusCode: 400,
      lastError: 'answered 400',
    });
    expect(dead!.attempts).toBeGreaterThanOrEqual(3);
    expect(dead!.attempts).toBe(receiver.requests.length);
    // Kept for the whole window (compressed here to 3 s), from the first attempt to the end.
    const span = receiver.requests.at(-1)!.at - receiver.requests[0]!.at;
    expect(span).toBeGreaterThanOrEqual(3000 - 250);
    expect(new Date(dead!.deadAt).getTime()).toBeGreaterThanOrEqual(new Date(dead!.giveUpAt).getTime());
    expect((await changesOf('PARTY_MEMBERSHIP', [o.party.id]))[0]!.acknowledged_at).toBeNull();
    // The dead letter is in its own list; the pending list does not have it.
    expect(await deliveries(webhook.id, 'PENDING')).toEqual([]);

    receiver.answer = () => 200;
    const before = receiver.requests.length;
    const replay = await t.gql(REPLAY, { id: webhook.id, from: new Date(change!.changed_at).toISOString() });
    expect(replay.errors).toBeUndefined();
    expect(replay.data.replayWebhook.queued).toBe(1);
    await waitFor(() => receiver.accepted().length === 1, { what: 'the replayed delivery' });
    expect(receiver.requests.slice(before).map((r) => r.headers['webhook-id'])).toEqual([change!.id]);
    const [again] = await waitFor(async () => {
      const d = await deliveries(webhook.id, 'DELIVERED');
      return d.length ? d : undefined;
    });
    expect(again).toMatchObject({ status: 'DELIVERED', replays: 1, lastStatusCode: 200 });
    await t.gql(PAUSE, { id: webhook.id });
    await receiver.down();
  });

  it('holds deliveries while paused, sends them in order on resume, and replays exactly a range', async () => {
    const receiver = await startReceiver();
    const { webhook } = await register('CIVILIZED_HOUSEHOLD', receiver.url());
    const paused = await t.gql(PAUSE, { id: webhook.id });
    expect(paused.data.pauseWebhook.status).toBe('PAUSED');
    const a = await obligor();
    const b = await obligor();
    await a.list();
    await b.list();
    await a.remove();
    // A round of the deliverer leaves a paused webhook's deliveries untouched.
    await deliverDueWebhooks(
      t.service.runtime,
      webhookSettings(loadPeopleCreditConfig({ DATABASE_URL: t.db.url, ...ENV })),
    );
    const held = await deliveries(webhook.id);
    expect(held).toHaveLength(3);
    expect(held.every((d) => d.status === 'PENDING' && d.attempts === 0)).toBe(true);
    expect(receiver.requests).toHaveLength(0);

    const resumed = await t.gql(RESUME, { id: webhook.id });
    expect(resumed.data.resumeWebhook.status).toBe('ACTIVE');
    const changes = await changesOf('CIVILIZED_HOUSEHOLD', [a.party.id, b.party.id]);
    await waitFor(() => receiver.accepted().length === 3, { what: 'the held deliveries' });
    const aIds = changes.filter((c) => c.party_id === a.party.id).map((c) => c.id);
    expect(ids(receiver.requests).filter((id) => aIds.includes(id))).toEqual(aIds);

    // Replay from the second change up to (not including) the third: exactly that one again.
    const [, second, third] = changes;
    const replay = await t.gql(REPLAY, {
      id: webhook.id,
      from: new Date(second!.changed_at).toISOString(),
      to: new Date(third!.changed_at).toISOString(),
    });
    expect(replay.errors).toBeUndefined();
    expect(replay.data.replayWebhook.queued).toBe(1);
    await waitFor(() => receiver.accepted().length === 4, { what: 'the replayed change' });
    expect(receiver.requests[3]!.headers['webhook-id']).toBe(second!.id);
    expect(receiver.requests[3]!.body).toBe(
      receiver.requests.find((r) => r.headers['webhook-id'] === second!.id)!.body,
    );
    await t.gql(PAUSE, { id: webhook.id });
    await receiver.down();
  });

  it('lists deliveries newest first in pages', async () => {
    const [hook] = (await t.gql(`{ webhooks(department: ENLISTMENT) { id } }`)).data.webhooks;
    const rows = await t.service.runtime.ds.query(
      `SELECT id FROM people.webhook_delivery WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC`,
      [hook.id],
    );
    expect(rows.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await t.gql(DELIVERIES, { id: hook.id, first: 4, after });
      expect(r.errors).toBeUndefined();
      seen.push(...r.data.webhookDeliveries.nodes.map((d: { id: string }) => d.id));
      if (!r.data.webhookDeliveries.pageInfo.hasNextPage) break;
      after = r.data.webhookDeliveries.pageInfo.endCursor;
    }
    expect(seen).toEqual(rows.map((r: { id: string }) => r.id));
    const forged = await t.gql(DELIVERIES, { id: hook.id, after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });

  it('answers a retry with the same Idempotency-Key with the same webhook and secret, and stores no plaintext secret', async () => {
    const vars = { department: 'BANK_LOAN', url: 'http://127.0.0.1:9/retry', events: ['credit.link.changed'] };
    const key = { 'idempotency-key': `register-${Date.now()}` };
    const first = await gqlRequest(t.service.url, REGISTER, vars, ADMIN, key);
    const again = await gqlRequest(t.service.url, REGISTER, vars, ADMIN, key);
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(again.data.registerWebhook).toEqual(first.data.registerWebhook);
    const secret = first.data.registerWebhook.secret as string;
    const rows = await t.service.runtime.ds.query(`SELECT count(*)::int AS n FROM people.webhook WHERE url = $1`, [
      vars.url,
    ]);
    expect(rows[0].n).toBe(1);
    const stored = await t.service.runtime.ds.query(`SELECT result::text AS r FROM people.idempotency_key`);
    expect(stored.length).toBeGreaterThan(0);
    for (const r of stored) expect(r.r).not.toContain(secret.slice(6));
    await t.gql(PAUSE, { id: first.data.registerWebhook.webhook.id });
  });

  describe('refusals', () => {
    const count = async () =>
      Number((await t.service.runtime.ds.query(`SELECT count(*)::int AS n FROM people.webhook`))[0].n);

    it.each([
      ['http://10.0.0.5/hooks', 'private'],
      ['http://172.20.1.1/hooks', 'private'],
      ['http://192.168.1.10/hooks', 'private'],
      ['http://127.0.0.2:8080/hooks', 'private'],
      ['http://169.254.169.254/latest/meta-data', 'private'],
      ['http://100.64.0.1/', 'private'],
      ['http://0.0.0.0/', 'private'],
      ['http://[::1]:8080/hooks', 'private'],
      ['http://[fd00::1]/hooks', 'private'],
      ['http://[fe80::1]/hooks', 'private'],
      ['http://[::ffff:10.1.2.3]/hooks', 'private'],
    ])('refuses %s (SSRF) and writes nothing', async (url) => {
      const before = await count();
      const r = await t.gql(REGISTER, { department: 'BANK_LOAN', url, events: ['credit.link.changed'] });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
      expect(r.errors?.[0]?.message).toMatch(/refused/);
      expect(await count()).toBe(before);
    });

    it.each([
      [{ url: 'ftp://bank.example.com/hooks' }, 'url'],
      [{ url: 'https://user:pw@bank.example.com/hooks' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'https://no-such-host.invalid/hooks' }, 'url'],
      [{ events: [] }, 'events'],
      [{ events: ['credit.listing.added'] }, 'events.0'],
    ])('refuses %j with VALIDATION_FAILED and writes nothing', async (input, field) => {
      const before = await count();
      const r = await t.gql(REGISTER, {
        department: 'BANK_LOAN',
        url: 'http://127.0.0.1:9/hooks',
        events: ['credit.link.changed'],
        ...input,
      });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(await count()).toBe(before);
    });

    it('is for administrators only', async () => {
      const before = await count();
      const partner = identity(['PARTNER'], { department: 'BANK_LOAN' });
      const r = await t.gql(
        REGISTER,
        { department: 'BANK_LOAN', url: 'http://127.0.0.1:9/', events: ['credit.link.changed'] },
        partner,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const anon = await t.gql(`{ webhooks { id } }`, {}, identity([]));
      expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const judge = await t.gql(`{ webhooks { id } }`, {}, JUDGE);
      expect(judge.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await count()).toBe(before);
    });

    it('names the field of a bad id or range, and NOT_FOUND for an unknown webhook', async () => {
      const bad = await t.gql(PAUSE, { id: 'nope' });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
      const unknown = await t.gql(PAUSE, { id: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const [hook] = (await t.gql(`{ webhooks(department: BANK_LOAN) { id } }`)).data.webhooks;
      const future = await t.gql(REPLAY, { id: hook.id, from: new Date(Date.now() + 3600_000).toISOString() });
      expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
      const backwards = await t.gql(REPLAY, {
        id: hook.id,
        from: new Date(Date.now() - 1000).toISOString(),
        to: new Date(Date.now() - 5000).toISOString(),
      });
      expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
    });
  });

  describe('sender', () => {
    it('checks every address a name resolves to', async () => {
      await expect(resolveAllowed('localhost', addressPolicy(''))).rejects.toThrow(/private or reserved/);
      await expect(resolveAllowed('127.0.0.1', addressPolicy('127.0.0.0/8'))).resolves.toEqual(['127.0.0.1']);
    });

    it('refuses at connection time an address that configuration does not allow', async () => {
      const receiver = await startReceiver();
      const r = await postWebhook(receiver.url(), '{}', {}, { timeoutMs: 2000, policy: addressPolicy('') });
      expect(r.status).toBeNull();
      expect(r.error).toMatch(/private or reserved/);
      expect(receiver.requests).toHaveLength(0);
      await receiver.down();
    });

    it('does not follow a redirect', async () => {
      const target = await startReceiver();
      const receiver = await startReceiver();
      receiver.answer = (_req, res) => {
        res.setHeader('location', target.url('/elsewhere'));
        return 302;
      };
      const r = await postWebhook(receiver.url(), '{}', {}, { timeoutMs: 2000, policy: addressPolicy('127.0.0.1') });
      expect(r).toEqual({ status: 302, error: `redirect to ${target.url('/elsewhere')} not followed` });
      expect(target.requests).toHaveLength(0);
      await receiver.down();
      await target.down();
    });
  });

  it('refuses a malformed WEBHOOK_ALLOWED_NETWORKS at start', () => {
    expect(() =>
      loadPeopleCreditConfig({ DATABASE_URL: t.db.url, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32,10.0.0.0/99' }),
    ).toThrow(/WEBHOOK_ALLOWED_NETWORKS/);
    expect(() => loadPeopleCreditConfig({ DATABASE_URL: t.db.url, WEBHOOK_ALLOWED_NETWORKS: 'intranet' })).toThrow(
      /WEBHOOK_ALLOWED_NETWORKS/,
    );
    expect(
      loadPeopleCreditConfig({ DATABASE_URL: t.db.url, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32, fd00::/8,10.2.3.4' })
        .WEBHOOK_ALLOWED_NETWORKS,
    ).toBe('127.0.0.1/32, fd00::/8,10.2.3.4');
  });

  it('refuses the public development key in production', () => {
    expect(() =>
      loadPeopleCreditConfig({
        DATABASE_URL: t.db.url,
        NODE_ENV: 'production',
        INTERNAL_AUTH_SECRET: 'a-production-secret-of-enough-length-0123456789',
        // Present, so that the party token key is not what the configuration refuses here.
        PARTY_TOKEN_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----',
      }),
    ).toThrow(/WEBHOOK_SECRET_KEY/);
  });
});
