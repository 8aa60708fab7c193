import { request } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { identity, waitFor } from '@zhiyuan/testing';
import {
  memoryStore,
  startWebhookReceiver,
  type CreditLinkChange,
  type WebhookReceiver,
} from '../../../examples/partner-webhook-receiver';
import { judgmentEffective } from './factories/events';
import { residentId } from './factories/ids';
import { registerPerson, startTestService, type TestService } from './factories/service';

const REGISTER = `mutation($url: String!) {
  registerWebhook(department: BANK_LOAN, url: $url, events: ["credit.link.changed"]) { secret webhook { id } } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`;
const REPLAY = `mutation($id: ID!, $from: DateTime!) { replayWebhook(id: $id, from: $from) { queued } }`;
const DELIVERED = `query($id: ID!) { webhookDeliveries(webhookId: $id, status: DELIVERED) { nodes { messageId replays attempts } } }`;
const LIST = `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id } }`;
const JUDGE = identity(['JUDGE'], { sub: '5b0e3f8a-2a4c-4e59-8f61-0c3d2e1f4a5b' });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The example receiver of examples/partner-webhook-receiver against the real platform. */
describe('example webhook receiver', () => {
  let t: TestService;
  let receiver: WebhookReceiver;
  const handled: CreditLinkChange[] = [];
  const seen = memoryStore();
  let failNext = false;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await startTestService({
      env: {
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
        WEBHOOK_DELIVERY_INTERVAL_MS: '20',
        WEBHOOK_RETRY_BASE_MS: '40',
        WEBHOOK_RETRY_MAX_DELAY_MS: '200',
      },
    });
    receiver = await startWebhookReceiver({
      secrets,
      seen,
      log: () => undefined,
      onChange: (c) => {
        if (failNext) {
          failNext = false;
          throw new Error('loan system unavailable');
        }
        handled.push(c);
      },
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await t.stop();
  });

  it('verifies, hands each change to the code once, and answers a retry or replay without handling it again', async () => {
    const r = await t.gql(REGISTER, { url: receiver.url });
    expect(r.errors).toBeUndefined();
    const webhookId = r.data.registerWebhook.webhook.id as string;
    secrets.push(r.data.registerWebhook.secret);

    const party = await registerPerson(t, { idNumber: residentId('1975-08-09'), homeDivisionCode: '330522104201' });
    const judgment = judgmentEffective({ obligorIds: [party.id], judgeId: JUDGE.sub });
    await t.deliver(judgment);
    // The first attempt fails in the department's code: answered 500, sent again, handled once.
    failNext = true;
    const listed = await t.gql(
      LIST,
      { input: { partyId: party.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' } },
      JUDGE,
    );
    expect(listed.errors).toBeUndefined();
    await waitFor(() => handled.length === 1, { what: 'the change handled' });
    expect(handled[0]).toMatchObject({ partyId: party.id, department: 'BANK_LOAN', status: 'RESTRICTED' });
    expect(seen.ids.has(handled[0]!.changeId)).toBe(true);
    const [first] = await waitFor(async () => {
      const nodes = (await t.gql(DELIVERED, { id: webhookId })).data.webhookDeliveries.nodes;
      return nodes.length === 1 ? nodes : undefined;
    });
    expect(first.attempts).toBe(2);

    // A replay sends the same webhook-id: the receiver answers 200 and the code is not called again.
    const replay = await t.gql(REPLAY, { id: webhookId, from: new Date(Date.now() - 60_000).toISOString() });
    expect(replay.data.replayWebhook.queued).toBe(1);
    await waitFor(async () => {
      const nodes = (await t.gql(DELIVERED, { id: webhookId })).data.webhookDeliveries.nodes;
      return nodes[0]?.replays === 1;
    });
    expect(handled).toHaveLength(1);

    // After a rotation the receiver that still holds only the old secret keeps verifying (overlap).
    const rotated = await t.gql(ROTATE, { id: webhookId });
    expect(rotated.errors).toBeUndefined();
    const replayAgain = await t.gql(REPLAY, { id: webhookId, from: new Date(Date.now() - 60_000).toISOString() });
    expect(replayAgain.data.replayWebhook.queued).toBe(1);
    await waitFor(async () => {
      const nodes = (await t.gql(DELIVERED, { id: webhookId })).data.webhookDeliveries.nodes;
      return nodes[0]?.replays === 2;
    });
    expect(handled).toHaveLength(1);
  });

  it('refuses a forged, altered or stale message with 401 and handles nothing', async () => {
    const secret = secrets[0]!;
    const body = JSON.stringify({
      type: 'credit.link.changed',
      timestamp: new Date().toISOString(),
      data: { changeId: 'c1', status: 'CLEAR' },
    });
    const signed = (at: Date, s = secret) => {
      const sig = new Webhook(s).sign('forged-1', at, body);
      return {
        'webhook-id': 'forged-1',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': sig,
      };
    };
    const before = handled.length;
    const other = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    expect(await post(receiver.url, body, signed(new Date(), other))).toBe(401);
    expect(await post(receiver.url, body.replace('CLEAR', 'RESTRICTED'), signed(new Date()))).toBe(401);
    expect(await post(receiver.url, body, signed(new Date(Date.now() - 10 * 60_000)))).toBe(401);
    expect(await post(receiver.url, body, {})).toBe(401);
    expect(handled).toHaveLength(before);
    // Correctly signed it is handled, once, however often it comes.
    expect(await post(receiver.url, body, signed(new Date()))).toBe(200);
    expect(await post(receiver.url, body, signed(new Date()))).toBe(200);
    expect(handled).toHaveLength(before + 1);
  });
});
