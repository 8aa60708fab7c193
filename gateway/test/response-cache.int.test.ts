import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { InProcessEventBus, createEvent } from '@zhiyuan/events';
import { silentLogger } from '@zhiyuan/testing';
import { DEMO_ROLES, DEV_JWT_SECRET, createGateway, issueToken, loadGatewayConfig, type Gateway } from '../src';
import { INTERNAL_IDENTITY_HEADER } from '@zhiyuan/auth';
import { buildSafelist } from '../src/persisted-operations';

const BOARD = Object.values(buildSafelist()).find((q) => q.includes('query ExposureBoard'))!;
const DEV = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

/**
 * A stand-in for the people-credit subgraph: answers the exposure board with the board's current
 * version and the subject of the forwarded identity, and counts the fetches it gets.
 */
function fakeSubgraph() {
  const state = { version: 'v1', fetches: 0, delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      state.fetches++;
      const version = state.version;
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      const token = String(req.headers[INTERNAL_IDENTITY_HEADER] ?? '');
      const sub =
        (
          JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as {
            id?: { sub?: string };
          }
        ).id?.sub ?? '?';
      const code = (JSON.parse(body) as { variables?: { divisionCode?: string } }).variables?.divisionCode ?? '?';
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: {
            exposureBoard: {
              divisionCode: code,
              divisionName: `${version} for ${sub}`,
              nodes: [],
              pageInfo: { hasNextPage: false, endCursor: null },
            },
          },
        }),
      );
    });
  });
  return { state, server };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function board(
  url: string,
  headers: Record<string, string> = {},
  divisionCode = '330522104201',
): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: BOARD, variables: { divisionCode, first: 10 } }),
  });
  const body = (await res.json()) as { data?: { exposureBoard: { divisionName: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.exposureBoard.divisionName;
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('response cache', () => {
  const fake = fakeSubgraph();
  let subgraphUrl: string;

  beforeAll(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    subgraphUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => fake.server.close());
  beforeEach(() => {
    fake.state.version = 'v1';
    fake.state.fetches = 0;
    fake.state.delayMs = 0;
  });

  const config = (extra: Record<string, string> = {}) =>
    loadGatewayConfig({
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      CASES_URL: subgraphUrl,
      PEOPLE_CREDIT_URL: subgraphUrl,
      TASKS_URL: subgraphUrl,
      METRICS_URL: subgraphUrl,
      ...extra,
    });

  describe('over a real NATS server (core subscription)', () => {
    let nats: ChildProcess;
    let nc: NatsConnection;
    let gateway: Gateway;

    beforeAll(async () => {
      // A private server: the events published here must not reach anyone else's JetStream consumers.
      const port = await freePort();
      nats = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      const natsUrl = `nats://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        try {
          nc = await connect({ servers: natsUrl });
          break;
        } catch (err) {
          if (i > 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      gateway = createGateway(config({ NATS_URL: natsUrl }), { logger: silentLogger });
      await gateway.start();
    });
    afterAll(async () => {
      await gateway?.stop();
      await nc?.close();
      nats?.kill();
    });

    it('serves a cached answer, and a fresh one after an event that may change it', async () => {
      expect(await board(gateway.url)).toBe('v1 for anonymous');
      fake.state.version = 'v2';
      // Still the cached answer: the subgraph was not asked again.
      expect(await board(gateway.url)).toBe('v1 for anonymous');
      expect(fake.state.fetches).toBe(1);

      // An event the board does not show leaves it cached.
      const before = gateway.responseCache!.generation('ExposureBoard');
      const cockpit = gateway.responseCache!.generation('CountyCockpitRanking');
      nc.publish('tasks.task.created', '{}');
      // Then one that drops the cockpit only: the gateway takes messages in order, so once the cockpit
      // has gone, the first event has been seen too.
      nc.publish('metrics.figures.updated', '{}');
      await nc.flush();
      await until(() => gateway.responseCache!.generation('CountyCockpitRanking') > cockpit, 'the event after');
      expect(gateway.responseCache!.generation('ExposureBoard')).toBe(before);
      expect(await board(gateway.url)).toBe('v1 for anonymous');

      // A listing removed: the next answer is fresh.
      nc.publish('credit.listing.removed', '{}');
      await until(() => gateway.responseCache!.generation('ExposureBoard') > before, 'the event');
      expect(await board(gateway.url)).toBe('v2 for anonymous');
      expect(fake.state.fetches).toBe(2);
    });

    it('never shares an entry across scopes; anonymous callers share one', async () => {
      const cadre = { authorization: `Bearer ${await issueToken(DEMO_ROLES.cadre!, DEV)}` };
      const admin = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, DEV)}` };
      const division = '330522104202';
      expect(await board(gateway.url, {}, division)).toBe('v1 for anonymous');
      expect(await board(gateway.url, cadre, division)).toBe(`v1 for ${DEMO_ROLES.cadre!.sub}`);
      expect(await board(gateway.url, admin, division)).toBe(`v1 for ${DEMO_ROLES.admin!.sub}`);
      expect(fake.state.fetches).toBe(3);
      fake.state.version = 'v2';
      expect(await board(gateway.url, {}, division)).toBe('v1 for anonymous');
      expect(await board(gateway.url, { 'x-forwarded-for': '10.0.0.9' }, division)).toBe('v1 for anonymous');
      expect(await board(gateway.url, cadre, division)).toBe(`v1 for ${DEMO_ROLES.cadre!.sub}`);
      expect(await board(gateway.url, admin, division)).toBe(`v1 for ${DEMO_ROLES.admin!.sub}`);
      expect(fake.state.fetches).toBe(3);
      // Other variables are another entry.
      expect(await board(gateway.url, {}, '330522104203')).toBe('v2 for anonymous');
    });
  });

  it('hears the in-process bus of `npm start` the same way', async () => {
    const bus = new InProcessEventBus(silentLogger);
    await bus.start();
    const gateway = createGateway(config(), { logger: silentLogger, bus });
    await gateway.start();
    try {
      expect(await board(gateway.url)).toBe('v1 for anonymous');
      fake.state.version = 'v2';
      expect(await board(gateway.url)).toBe('v1 for anonymous');
      const before = gateway.responseCache!.generation('ExposureBoard');
      const staffId = randomUUID();
      await bus.publish(
        'people.staff.registered',
        createEvent(
          'people.staff.registered',
          {
            staffId,
            name: '测试',
            roles: ['VILLAGE_CADRE'],
            divisionCode: '330522104201',
            phone: null,
            department: null,
            active: true,
          },
          { producer: 'people-credit', key: staffId },
        ),
      );
      await until(() => gateway.responseCache!.generation('ExposureBoard') > before, 'the event');
      expect(await board(gateway.url)).toBe('v2 for anonymous');
    } finally {
      await gateway.stop();
      await bus.close();
    }
  });

  it('fetches a missed key once for concurrent requests, and serves the expired answer while refreshing it', async () => {
    const bus = new InProcessEventBus(silentLogger);
    await bus.start();
    let now = Date.now();
    const gateway = createGateway(config({ RESPONSE_CACHE_TTL_MS: '300' }), {
      logger: silentLogger,
      bus,
      clock: () => now,
    });
    await gateway.start();
    try {
      const stats = gateway.responseCache!.stats;
      fake.state.delayMs = 200;
      // Ten at once on a cold key: one goes to the subgraph, nine wait for its answer.
      const first = await Promise.all(Array.from({ length: 10 }, () => board(gateway.url)));
      expect(first).toEqual(Array(10).fill('v1 for anonymous'));
      expect(stats.misses).toBe(1);
      expect(stats.joined).toBe(9);
      expect(fake.state.fetches).toBe(1);

      // Past the TTL (no event dropped it): one request refreshes, the others get the old answer at once.
      now += 350;
      fake.state.version = 'v2';
      fake.state.delayMs = 1_000;
      let refreshed = false;
      const refreshing = board(gateway.url).then((v) => ((refreshed = true), v));
      await until(() => fake.state.fetches === 2, 'the refresh to reach the subgraph');
      expect(await board(gateway.url)).toBe('v1 for anonymous');
      expect(refreshed).toBe(false);
      expect(stats.stale).toBe(1);
      expect(await refreshing).toBe('v2 for anonymous');
      expect(await board(gateway.url)).toBe('v2 for anonymous');
      expect(fake.state.fetches).toBe(2);

      // An event drops the answer: nobody gets the old one, not even while the new one is fetched.
      fake.state.version = 'v3';
      const staffId = randomUUID();
      const before = gateway.responseCache!.generation('ExposureBoard');
      await bus.publish(
        'people.staff.registered',
        createEvent(
          'people.staff.registered',
          {
            staffId,
            name: '测试',
            roles: ['VILLAGE_CADRE'],
            divisionCode: '330522104201',
            phone: null,
            department: null,
            active: true,
          },
          { producer: 'people-credit', key: staffId },
        ),
      );
      await until(() => gateway.responseCache!.generation('ExposureBoard') > before, 'the event');
      expect(await Promise.all([board(gateway.url), board(gateway.url)])).toEqual([
        'v3 for anonymous',
        'v3 for anonymous',
      ]);
    } finally {
      await gateway.stop();
      await bus.close();
    }
  });

  it('is off with RESPONSE_CACHE=off, and when no event source could tell it about changes', async () => {
    const variants: Record<string, string>[] = [{ RESPONSE_CACHE: 'off', NATS_URL: 'nats://127.0.0.1:1' }, {}];
    for (const extra of variants) {
      const gateway = createGateway(config(extra), { logger: silentLogger });
      await gateway.start();
      try {
        expect(gateway.responseCache).toBeUndefined();
        expect(await board(gateway.url)).toBe('v1 for anonymous');
        fake.state.version = 'v2';
        expect(await board(gateway.url)).toBe('v2 for anonymous');
      } finally {
        await gateway.stop();
        fake.state.version = 'v1';
      }
    }
  });
});
