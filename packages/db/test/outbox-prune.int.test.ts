import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InProcessEventBus } from '@zhiyuan/events';
import { createTestDatabase, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { Messaging, createDataSource, createMessagingTables, initializeDataSource, pruneOutbox } from '../src';

class CreatePruned1700000000000 implements MigrationInterface {
  name = 'CreatePruned1700000000000';
  async up(qr: QueryRunner) {
    await createMessagingTables(qr, 'pruned');
  }
  async down() {}
}

describe('pruning the outbox', () => {
  let db: TestDatabase;
  let messaging: Messaging;
  const q = (sql: string, params: unknown[] = []) => messaging.ds.query(sql, params);
  /** An outbox row written `createdDaysAgo` days ago and published `publishedDaysAgo` days ago (null: not yet). */
  const row = async (name: string, createdDaysAgo: number, publishedDaysAgo: number | null) => {
    await q(
      `INSERT INTO pruned.outbox_message (id, subject, type, key, envelope, created_at, published_at)
       VALUES ($1, 'test.thing', 'test.thing', $2, '{}'::jsonb, now() - make_interval(days => $3),
               CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(days => $4::int) END)`,
      [randomUUID(), name, createdDaysAgo, publishedDaysAgo],
    );
  };
  const left = async () =>
    (await q(`SELECT key FROM pruned.outbox_message ORDER BY seq`)).map((r: { key: string }) => r.key);

  beforeAll(async () => {
    db = await createTestDatabase('zy_outbox_prune');
    const ds = createDataSource({
      url: db.url,
      schema: 'pruned',
      entities: [],
      migrations: [CreatePruned1700000000000],
      poolSize: 2,
      applicationName: 'pruned',
    });
    await initializeDataSource(ds, 'pruned');
    messaging = new Messaging(ds, 'pruned', 'pruned', new InProcessEventBus(silentLogger), silentLogger);
  });
  afterAll(async () => {
    await messaging.ds.destroy();
    await db.drop();
  });
  beforeEach(() => q(`TRUNCATE pruned.outbox_message`));

  it('deletes rows published longer ago than the retention, never an unpublished one', async () => {
    await row('published 10 days ago', 10, 10);
    await row('never published', 10, null);
    await row('published 8 days ago', 9, 8);
    await row('published 6 days ago', 10, 6);
    await row('published today', 0, 0);
    expect(await messaging.pruneOutbox(7)).toBe(2);
    expect(await left()).toEqual(['never published', 'published 6 days ago', 'published today']);
    // Run again: nothing more is due.
    expect(await messaging.pruneOutbox(7)).toBe(0);
  });

  it('keeps every row with a retention of 0', async () => {
    await row('published 400 days ago', 400, 400);
    expect(await messaging.pruneOutbox(0)).toBe(0);
    expect(await left()).toEqual(['published 400 days ago']);
  });

  it('deletes in batches until none is due', async () => {
    await q(
      `INSERT INTO pruned.outbox_message (id, subject, type, key, envelope, created_at, published_at)
       SELECT gen_random_uuid(), 'test.thing', 'test.thing', 'old ' || i, '{}'::jsonb, now() - interval '30 days', now() - interval '30 days'
         FROM generate_series(1, 25) AS i`,
    );
    await row('published today', 0, 0);
    const statements: string[] = [];
    const runner = { query: (sql: string, params?: unknown[]) => (statements.push(sql), q(sql, params)) };
    expect(await pruneOutbox(runner, 'pruned', 7, 10)).toBe(25);
    // 10, 10, 5: the third batch is short, so it stops there.
    expect(statements).toHaveLength(3);
    expect(await left()).toEqual(['published today']);
  });
});
