import type { DocumentNode } from 'graphql';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import { createTestDatabase, silentLogger, TEST_INTERNAL_SECRET, type TestDatabase } from '@zhiyuan/testing';
import { defineService, type Service } from '../../src';

export interface ToyService {
  service: Service;
  db: TestDatabase;
  stop(): Promise<void>;
}

/**
 * A subgraph with no tables of its own but the messaging ones, on a fresh database and the
 * in-process bus: what the subgraph kit does around any resolvers, without a real service.
 */
export async function startToyService(schema: string, typeDefs: DocumentNode, resolvers: object): Promise<ToyService> {
  class CreateToy1700000000000 implements MigrationInterface {
    name = 'CreateToy1700000000000';
    async up(qr: QueryRunner) {
      await createMessagingTables(qr, schema);
    }
    async down() {}
  }
  const db = await createTestDatabase();
  const service = defineService(
    {
      name: schema,
      schema,
      typeDefs,
      entities: [],
      migrations: [CreateToy1700000000000],
      handlers: [],
      resolvers: resolvers as never,
      context: (who) => ({ identity: who }),
    },
    {
      DATABASE_URL: db.url,
      DB_POOL_SIZE: 2,
      INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      PORT: 0,
    },
    { bus: new InProcessEventBus(silentLogger), logger: silentLogger },
  );
  await service.start();
  return {
    service,
    db,
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}
