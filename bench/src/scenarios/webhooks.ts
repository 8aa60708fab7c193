import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InProcessEventBus } from '@zhiyuan/events';
import { createService, loadPeopleCreditConfig } from '@zhiyuan/people-credit';
import {
  ADMIN,
  buildEvent,
  createTestDatabase,
  gqlRequest,
  identity,
  residentIdNumber,
  silentLogger,
  waitFor,
} from '@zhiyuan/testing';
import type { RunOptions } from '../run';
import type { Distribution } from './events';

export interface WebhooksResults {
  targetRatePerSecond: number;
  achievedRatePerSecond: number;
  changes: number;
  /** Milliseconds from the listing mutation's answer (its transaction committed) to the receiver's 2xx. */
  commitToAcknowledged: Distribution;
  /** A backlog of held deliveries released at once (pause, then resume): how fast the deliverer drains it. */
  backlog: { deliveries: number; seconds: number; perSecond: number };
  errors: number;
}

function distribution(values: number[]): Distribution {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)]! : NaN);
  return { count: v.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: v[v.length - 1] ?? NaN, min: v[0] ?? NaN };
}

const JUDGE = identity(['JUDGE'], { sub: '3c9f1e2d-4b5a-4c6d-8e7f-0a1b2c3d4e5f' });
const REGISTER = `mutation($url: String!) { registerWebhook(department: BANK_LOAN, url: $url, events: ["credit.link.changed"]) { webhook { id } } }`;
const REGISTER_PERSON = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const LIST = `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id } }`;

/**
 * Partner webhooks: people-credit alone on a fresh database (in-process bus), a webhook of one
 * department pointing at a receiver on loopback. Each listing changes the department's credit link
 * once; at `rate` listings a second, the time from the mutation's answer to the receiver's 2xx; then
 * a backlog of held deliveries released at once, for deliveries per second.
 */
export async function webhooksScenario(opts: RunOptions): Promise<WebhooksResults> {
  const rate = 50;
  const changes = Math.max(50, Math.min(2000, rate * opts.durationSeconds));
  const backlog = changes;
  const db = await createTestDatabase();
  const bus = new InProcessEventBus(silentLogger);
  const service = createService(
    loadPeopleCreditConfig({
      DATABASE_URL: db.url,
      PORT: '0',
      SEED_DEMO_DATA: 'true',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
      WEBHOOK_DELIVERY_INTERVAL_MS: '20',
    }),
    { bus, logger: silentLogger },
  );
  await service.start();
  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      if (!received.has(id)) received.set(id, performance.now());
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  let errors = 0;
  try {
    const gql = (q: string, v: Record<string, unknown>, who = ADMIN) => gqlRequest(service.url, q, v, who);
    const hook = await gql(REGISTER, { url });
    if (hook.errors) throw new Error(`registerWebhook: ${hook.errors[0]!.message}`);
    const webhookId = hook.data.registerWebhook.webhook.id as string;

    opts.log(`webhooks: preparing ${changes + backlog} obligors with a judgment each`);
    const obligors: { partyId: string; caseId: string }[] = [];
    for (let i = 0; i < changes + backlog; i++) {
      const r = await gql(REGISTER_PERSON, {
        input: {
          name: `债务人${i}`,
          idNumber: residentIdNumber(`19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, i),
          homeDivisionCode: '330522104201',
        },
      });
      if (r.errors) throw new Error(`registerPerson: ${r.errors[0]!.message}`);
      const partyId = r.data.registerPerson.id as string;
      const judgment = buildEvent(
        'cases.judgment.effective',
        { obligorIds: [partyId], amountOwedFen: 1_000_000, judgeId: JUDGE.sub },
        { producer: 'cases' },
      );
      await bus.publish(judgment.type, judgment);
      obligors.push({ partyId, caseId: judgment.payload.caseId });
    }
    const list = async (o: { partyId: string; caseId: string }) => {
      // The judgment's handler may still be running: the listing waits for its case projection.
      for (let tries = 0; ; tries++) {
        const r = await gql(LIST, { input: { ...o, ground: 'ABLE_BUT_REFUSES' } }, JUDGE);
        if (!r.errors) return;
        if (tries > 50 || r.errors[0]?.extensions?.rule !== 'CASE_UNKNOWN') throw new Error(r.errors[0]!.message);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const changeIdOf = async (partyId: string) =>
      (
        await service.runtime.ds.query(
          `SELECT id FROM people.credit_link_change WHERE party_id = $1 AND department = 'BANK_LOAN'`,
          [partyId],
        )
      )[0]?.id as string | undefined;

    opts.log(`webhooks: ${changes} listings at ${rate}/s`);
    const answered = new Map<string, number>();
    const started = performance.now();
    await Promise.all(
      obligors.slice(0, changes).map(async (o, i) => {
        const due = started + (i * 1000) / rate;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        try {
          await list(o);
          answered.set(o.partyId, performance.now());
        } catch {
          errors++;
        }
      }),
    );
    const achieved = (answered.size * 1000) / (performance.now() - started);
    const ids = new Map<string, string>();
    for (const partyId of answered.keys()) {
      const id = await changeIdOf(partyId);
      if (id) ids.set(partyId, id);
    }
    await waitFor(() => [...ids.values()].every((id) => received.has(id)), { timeoutMs: 120_000 });
    const latencies = [...ids.entries()].map(([partyId, id]) => received.get(id)! - answered.get(partyId)!);

    opts.log(`webhooks: a backlog of ${backlog} held deliveries`);
    await gql(`mutation($id: ID!) { pauseWebhook(id: $id) { id } }`, { id: webhookId });
    const held = obligors.slice(changes);
    for (let i = 0; i < held.length; i += 20) await Promise.all(held.slice(i, i + 20).map(list));
    const heldIds = (await Promise.all(held.map((o) => changeIdOf(o.partyId)))).filter((x): x is string => !!x);
    const released = performance.now();
    await gql(`mutation($id: ID!) { resumeWebhook(id: $id) { id } }`, { id: webhookId });
    await waitFor(() => heldIds.every((id) => received.has(id)), { timeoutMs: 120_000 });
    const seconds = (Math.max(...heldIds.map((id) => received.get(id)!)) - released) / 1000;
    return {
      targetRatePerSecond: rate,
      achievedRatePerSecond: achieved,
      changes: ids.size,
      commitToAcknowledged: distribution(latencies),
      backlog: { deliveries: heldIds.length, seconds, perSecond: heldIds.length / seconds },
      errors,
    };
  } finally {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await service.stop();
    await db.drop();
  }
}
