import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import { createTestDatabase, gqlRequest, identity, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { defineService, errors, type Service } from '../src';

class CreateToy1700000000000 implements MigrationInterface {
  name = 'CreateToy1700000000000';
  async up(qr: QueryRunner) {
    await createMessagingTables(qr, 'toy');
  }
  async down() {}
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String }
  type Mutation { touchCase(caseId: ID!): Boolean  refuse(input: RefuseInput!): Boolean }
  input RefuseInput { partyId: ID! }
`);

describe('audit of mutations', () => {
  let db: TestDatabase;
  let service: Service;
  const judge = identity(['JUDGE'], { sub: 'judge-1', ip: '10.1.2.3' });

  beforeAll(async () => {
    db = await createTestDatabase();
    service = defineService(
      {
        name: 'toy',
        schema: 'toy',
        typeDefs,
        entities: [],
        migrations: [CreateToy1700000000000],
        handlers: [],
        resolvers: {
          Query: { ping: () => 'pong' },
          Mutation: {
            touchCase: () => true,
            refuse: () => {
              throw errors.rule('NO', 'refused');
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

  const audits = async () =>
    (
      await service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM toy.outbox_message WHERE type = 'audit.entry.recorded' ORDER BY seq`,
      )
    ).map((r: { p: unknown }) => r.p);

  it('records who, what, which case or party, the outcome and from where; reads leave none', async () => {
    const caseId = randomUUID();
    const partyId = randomUUID();
    await gqlRequest(service.url, `{ ping }`, {}, judge);
    await gqlRequest(service.url, `mutation($c: ID!) { touchCase(caseId: $c) }`, { c: caseId }, judge);
    await gqlRequest(service.url, `mutation { refuse(input: { partyId: "${partyId}" }) }`, {}, judge);
    const rows = await audits();
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'judge-1',
        roles: ['JUDGE'],
        ip: '10.1.2.3',
        service: 'toy',
        action: 'MUTATION',
        operation: 'touchCase',
        targetKind: 'CASE',
        targetId: caseId,
        outcome: 'OK',
        errorCode: null,
      }),
      expect.objectContaining({
        operation: 'refuse',
        targetKind: 'PARTY',
        targetId: partyId,
        outcome: 'ERROR',
        errorCode: 'RULE_VIOLATION',
      }),
    ]);
  });
});
