import { parse } from 'graphql';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import { errors, requireRole } from '@zhiyuan/kernel';
import { createTestDatabase, gqlRequest, identity, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { defineService, type Service } from '../src';

class CreateGuarded1700000000000 implements MigrationInterface {
  name = 'CreateGuarded1700000000000';
  async up(qr: QueryRunner) {
    await createMessagingTables(qr, 'guarded');
  }
  async down() {}
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { secret: String  open: String }
  type Mutation { adminOnly: Boolean }
`);

describe('refusals of an anonymous caller', () => {
  let db: TestDatabase;
  let service: Service;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = defineService(
      {
        name: 'guarded',
        schema: 'guarded',
        typeDefs,
        entities: [],
        migrations: [CreateGuarded1700000000000],
        handlers: [],
        resolvers: {
          Query: {
            secret: () => {
              throw errors.forbidden('Only judges can read this');
            },
            open: () => 'open',
          },
          // A rule that answers FORBIDDEN for anyone without the role, the anonymous caller included.
          Mutation: {
            adminOnly: (_p: unknown, _a: unknown, ctx: { identity: Parameters<typeof requireRole>[0] }) => {
              if (!ctx.identity.roles.includes('ADMIN')) throw errors.forbidden('Only an administrator can do this');
              return true;
            },
          },
        } as never,
        context: (who) => ({ identity: who }),
      },
      {
        DATABASE_URL: db.url,
        DB_POOL_SIZE: 2,
        INTERNAL_AUTH_SECRET: 'development-internal-secret-change-me-0000',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        PORT: 0,
      },
      { bus: new InProcessEventBus(silentLogger), logger: silentLogger },
    );
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await db.drop();
  });

  it('tell an anonymous caller to sign in, whichever rule refused', async () => {
    const anonymous = identity([]);
    const q = await gqlRequest(service.url, '{ secret open }', {}, anonymous);
    expect(q.errors).toEqual([
      expect.objectContaining({
        message: 'Sign in to do this',
        path: ['secret'],
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
    expect(q.data).toEqual({ secret: null, open: 'open' });
    const m = await gqlRequest(service.url, 'mutation { adminOnly }', {}, anonymous);
    expect(m.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('keep FORBIDDEN, with its reason, for a signed-in caller without the right', async () => {
    const cadre = identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' });
    const m = await gqlRequest(service.url, 'mutation { adminOnly }', {}, cadre);
    expect(m.errors).toEqual([
      expect.objectContaining({
        message: 'Only an administrator can do this',
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});
