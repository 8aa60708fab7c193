import { networkInterfaces } from 'node:os';
import { parse } from 'graphql';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';
import { createMessagingTables } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import {
  ADMIN,
  createTestDatabase,
  gqlRequest,
  silentLogger,
  testDatabaseUrl,
  type TestDatabase,
} from '@zhiyuan/testing';
import { defineService, type Service } from '../src';
import { reachableHost, startSubgraphServer } from '../src/server';

function migrationFor(schema: string) {
  return class CreateToy1700000000000 implements MigrationInterface {
    name = 'CreateToy1700000000000';
    async up(qr: QueryRunner) {
      await createMessagingTables(qr, schema);
    }
    async down() {}
  };
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String }
`);

/** A toy subgraph configured the way every service is: serviceConfigShape parsed from an environment. */
function toyService(schema: string, env: Record<string, string>, bus: InProcessEventBus): Service {
  const config = loadConfig(z.object({ ...serviceConfigShape, PORT: fields.port(0) }), {
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  return defineService(
    {
      name: schema,
      schema,
      typeDefs,
      entities: [],
      migrations: [migrationFor(schema)],
      handlers: [],
      resolvers: { Query: { ping: () => 'pong' } } as never,
      context: (who) => ({ identity: who }),
    },
    config,
    { bus, logger: silentLogger },
  );
}

const origin = (url: string) => url.replace(/\/graphql$/, '');

/** An address of this machine other than loopback, to tell a loopback bind from a wildcard one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
    () => true,
    () => false,
  );
}

/** Makes the test database refuse new connections and drops the ones open, as if PostgreSQL went away. */
async function cutDatabase(name: string, allow: boolean): Promise<void> {
  const admin = new Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allow ? 'true' : 'false'}`);
    if (!allow)
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
  } finally {
    await admin.end();
  }
}

describe('/health and /ready of a subgraph', () => {
  let db: TestDatabase;
  let bus: InProcessEventBus;
  let service: Service;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new InProcessEventBus(silentLogger);
    service = toyService('toy_health', { DATABASE_URL: db.url }, bus);
    await service.start();
  });
  afterAll(async () => {
    await cutDatabase(db.name, true).catch(() => undefined);
    await service?.stop();
    await db?.drop();
  });

  it('/health answers 200 and names the service', async () => {
    const res = await fetch(`${origin(service.url)}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'toy_health' });
  });

  it('/ready answers 200 when the database and the bus answer', async () => {
    const res = await fetch(`${origin(service.url)}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: true, bus: true } });
  });

  it('/ready answers 503 while the database is unreachable, /health stays 200, and /ready recovers', async () => {
    await cutDatabase(db.name, false);
    const down = await fetch(`${origin(service.url)}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', checks: { database: false, bus: true } });
    expect((await fetch(`${origin(service.url)}/health`)).status).toBe(200);

    await cutDatabase(db.name, true);
    const up = await fetch(`${origin(service.url)}/ready`);
    expect(up.status).toBe(200);
  });

  it('binds loopback only by default', async () => {
    expect(new URL(service.url).hostname).toBe('127.0.0.1');
    if (!externalAddress) return; // a machine with loopback only cannot tell the two binds apart
    expect(await answers(`http://${externalAddress}:${new URL(service.url).port}/health`)).toBe(false);
  });
});

describe('HOST', () => {
  let db: TestDatabase;
  let service: Service;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = toyService('toy_host', { DATABASE_URL: db.url, HOST: '0.0.0.0' }, new InProcessEventBus(silentLogger));
    await service.start();
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('HOST=0.0.0.0 listens on every interface and advertises a loopback URL', async () => {
    expect(new URL(service.url).hostname).toBe('127.0.0.1');
    expect((await gqlRequest(service.url, '{ ping }', {}, ADMIN)).data).toEqual({ ping: 'pong' });
    if (!externalAddress) return;
    const res = await fetch(`http://${externalAddress}:${new URL(service.url).port}/health`);
    expect(res.status).toBe(200);
  });

  it('turns a wildcard or IPv6 bind into an address a client can use', () => {
    expect(reachableHost('0.0.0.0')).toBe('127.0.0.1');
    expect(reachableHost('::')).toBe('[::1]');
    expect(reachableHost('::1')).toBe('[::1]');
    expect(reachableHost('10.0.0.5')).toBe('10.0.0.5');
    expect(reachableHost('cases')).toBe('cases');
  });
});

describe('/ready with a failing check', () => {
  it('answers 503 when a readiness check throws', async () => {
    const server = await startSubgraphServer({
      name: 'toy',
      typeDefs,
      resolvers: { Query: { ping: () => 'pong' } } as never,
      port: 0,
      internalSecret: 'x'.repeat(32),
      context: () => ({}),
      ready: async () => {
        throw new Error('connection refused');
      },
      logger: silentLogger,
      development: false,
    });
    try {
      const res = await fetch(`${origin(server.url)}/ready`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { status: string }).status).toBe('not ready');
    } finally {
      await server.stop();
    }
  });
});
