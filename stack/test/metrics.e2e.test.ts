import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  createTestDatabase,
  gqlRequest,
  residentIdNumber,
  silentLogger,
  waitFor,
  type TestDatabase,
} from '@zhiyuan/testing';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { startStack, type Stack } from '../src';

const DEV = { secret: 'development-jwt-secret-change-me-0000000000', issuer: 'zhiyuan-dev', audience: 'zhiyuan' };
const SAFELIST = path.resolve(__dirname, '../../gateway/persisted-operations.json');

/** The series the issue names, as exported (deploy/ reads the same names). */
const NAMED = [
  'zhiyuan_graphql_requests_total',
  'zhiyuan_graphql_request_duration_seconds',
  'zhiyuan_subgraph_fetch_duration_seconds',
  'zhiyuan_response_cache_requests_total',
  'zhiyuan_outbox_backlog',
  'zhiyuan_outbox_oldest_age_seconds',
  'zhiyuan_consumer_lag_seconds',
  'zhiyuan_consumer_pending_messages',
  'zhiyuan_consumer_redeliveries_total',
  'zhiyuan_consumer_events_total',
  'zhiyuan_dead_letters_total',
  'zhiyuan_sms_queue_depth',
  'zhiyuan_nodejs_eventloop_lag_seconds',
  'zhiyuan_db_pool_connections',
];

/** The sum of the samples of a series whose labels contain every `label="value"` given. */
function value(text: string, series: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${series}{`) && !line.startsWith(`${series} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/**
 * The Prometheus endpoints of a running stack: each named series is exported, and moves when its
 * thing happens (an operation, a cache hit and miss, an event handled, a stuck outbox, a dead letter).
 */
describe('the metrics endpoints', () => {
  let db: TestDatabase;
  let stack: Stack;
  let admin: Record<string, string>;
  const subgraphMetrics = () => fetch(stack.services.cases.url.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
  const gatewayMetrics = () => fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics')).then((r) => r.text());

  beforeAll(async () => {
    db = await createTestDatabase('zy_metrics_endpoints');
    stack = await startStack({
      databaseUrl: db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: true,
      logger: silentLogger,
      env: { RATE_LIMIT_PER_MINUTE: '0', TASK_SCHEDULERS_ENABLED: 'false' },
    });
    admin = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin as TokenClaims, DEV)}` };
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('exports every named series on a subgraph port and, in development, on the gateway', async () => {
    const [sub, gw] = [await subgraphMetrics(), await gatewayMetrics()];
    for (const name of NAMED) {
      expect(sub).toContain(`# TYPE ${name} `);
      expect(gw).toContain(`# TYPE ${name} `);
    }
    expect(value(sub, 'zhiyuan_db_pool_connections', { service: 'cases', state: 'total' })).toBeGreaterThan(0);
    expect(sub).toMatch(/^zhiyuan_sms_queue_depth \d+$/m);
    expect(sub).toMatch(/^zhiyuan_outbox_backlog\{service="people-credit"\} \d+$/m);
  });

  it('counts an operation, times its subgraph fetch and the consumers that handle its event', async () => {
    const before = await gatewayMetrics();
    const r = await gqlRequest(
      stack.gatewayUrl,
      `mutation Register($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`,
      {
        i: {
          name: '周度量',
          idNumber: residentIdNumber('19770707', Math.floor(Math.random() * 900) + 100),
          phone: '13812345678',
          address: '港口村 5 号',
          homeDivisionCode: '330522104201',
        },
      },
      undefined,
      admin,
    );
    expect(r.errors).toBeUndefined();
    const ops = { service: 'gateway', operation: 'Register', outcome: 'ok' };
    const handled = { outcome: 'ack' };
    const after = await waitFor(
      async () => {
        const t = await gatewayMetrics();
        return value(t, 'zhiyuan_consumer_events_total', handled) >
          value(before, 'zhiyuan_consumer_events_total', handled)
          ? t
          : undefined;
      },
      { timeoutMs: 20_000, what: 'the registration event handled' },
    );
    expect(value(after, 'zhiyuan_graphql_requests_total', ops)).toBe(
      value(before, 'zhiyuan_graphql_requests_total', ops) + 1,
    );
    expect(value(after, 'zhiyuan_graphql_request_duration_seconds_count', ops)).toBe(
      value(before, 'zhiyuan_graphql_request_duration_seconds_count', ops) + 1,
    );
    expect(
      value(after, 'zhiyuan_subgraph_fetch_duration_seconds_count', { subgraph: 'people-credit' }),
    ).toBeGreaterThan(value(before, 'zhiyuan_subgraph_fetch_duration_seconds_count', { subgraph: 'people-credit' }));
    expect(value(after, 'zhiyuan_graphql_requests_total', { service: 'people-credit', outcome: 'ok' })).toBeGreaterThan(
      value(before, 'zhiyuan_graphql_requests_total', { service: 'people-credit', outcome: 'ok' }),
    );
    expect(after).toMatch(/^zhiyuan_consumer_lag_seconds\{consumer="[^"]+"\} [\d.e-]+$/m);
  });

  it('counts response cache misses and hits', async () => {
    const board = Object.values(JSON.parse(readFileSync(SAFELIST, 'utf8')) as Record<string, string>).find((q) =>
      /query ExposureBoard\b/.test(q),
    )!;
    const before = await gatewayMetrics();
    const ask = () => gqlRequest(stack.gatewayUrl, board, { divisionCode: '330522104201' });
    await waitFor(
      async () => {
        expect((await ask()).errors).toBeUndefined();
        const t = await gatewayMetrics();
        return value(t, 'zhiyuan_response_cache_requests_total', { result: 'hit' }) >
          value(before, 'zhiyuan_response_cache_requests_total', { result: 'hit' })
          ? t
          : undefined;
      },
      { timeoutMs: 20_000, what: 'a cache hit' },
    ).then((t) =>
      expect(value(t, 'zhiyuan_response_cache_requests_total', { result: 'miss' })).toBeGreaterThan(
        value(before, 'zhiyuan_response_cache_requests_total', { result: 'miss' }),
      ),
    );
  });

  it('shows a stuck outbox: its backlog and the age of its oldest row rise, and fall once it publishes', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      // The relay publishes only under this lock (relay.ts): holding it is a relay that cannot publish.
      await holder.query(`SELECT pg_advisory_lock(hashtext('cases.outbox'))`);
      const id = crypto.randomUUID();
      await holder.query(
        `INSERT INTO cases.outbox_message (id, subject, type, key, envelope, created_at) VALUES ($1, 'cases.test.stuck', 'cases.test.stuck', 'k', '{}'::jsonb, now() - interval '90 seconds')`,
        [id],
      );
      const stuck = await subgraphMetrics();
      expect(value(stuck, 'zhiyuan_outbox_backlog', { service: 'cases' })).toBeGreaterThanOrEqual(1);
      expect(value(stuck, 'zhiyuan_outbox_oldest_age_seconds', { service: 'cases' })).toBeGreaterThanOrEqual(90);
      await holder.query(`SELECT pg_advisory_unlock(hashtext('cases.outbox'))`);
      await waitFor(async () => value(await subgraphMetrics(), 'zhiyuan_outbox_backlog', { service: 'cases' }) === 0, {
        timeoutMs: 20_000,
        what: 'the outbox published',
      });
    } finally {
      await holder.end();
    }
  });

  it('shows the SMS queue depth of the ledger (the sender is off here, so a queued message stays)', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const before = value(await subgraphMetrics(), 'zhiyuan_sms_queue_depth');
      const id = crypto.randomUUID();
      await client.query(
        `INSERT INTO tasks.notification (id, dedupe_key, template, recipient_role, body) VALUES ($1, $2, 'PAYMENT_RECORDED', 'OBLIGEE', '测试')`,
        [id, `metrics-test-${id}`],
      );
      expect(value(await subgraphMetrics(), 'zhiyuan_sms_queue_depth')).toBe(before + 1);
    } finally {
      await client.end();
    }
  });

  it('raises the dead-letter count when a consumer gives up on an event', async () => {
    const before = await subgraphMetrics();
    // Not an envelope: a consumer of the subject dead-letters it at once.
    await stack.bus!.publishRaw('cases.performance.recorded', '{"not":"an event"}');
    const rule = { consumer: 'people-credit__remove-listing-when-obligation-is-performed' };
    const after = await waitFor(
      async () => {
        const t = await subgraphMetrics();
        return value(t, 'zhiyuan_dead_letters_total', rule) > value(before, 'zhiyuan_dead_letters_total', rule)
          ? t
          : undefined;
      },
      { timeoutMs: 20_000, what: 'a dead letter counted' },
    );
    expect(value(after, 'zhiyuan_dead_letters_total', rule)).toBe(
      value(before, 'zhiyuan_dead_letters_total', rule) + 1,
    );
    expect(value(after, 'zhiyuan_consumer_events_total', { outcome: 'dead' })).toBeGreaterThan(
      value(before, 'zhiyuan_consumer_events_total', { outcome: 'dead' }),
    );
  });
});
