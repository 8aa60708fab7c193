import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InProcessEventBus } from '@zhiyuan/events';
import { createTestDatabase, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import {
  Messaging,
  createDataSource,
  createIdempotencyTable,
  createMessagingTables,
  initializeDataSource,
  requestScope,
  type MutationFieldScope,
  type RequestScope,
} from '../src';

class CreateKeyed1700000000000 implements MigrationInterface {
  name = 'CreateKeyed1700000000000';
  async up(qr: QueryRunner) {
    await createMessagingTables(qr, 'keyed');
    await createIdempotencyTable(qr, 'keyed');
    await qr.query(`CREATE TABLE keyed.thing (id uuid PRIMARY KEY, n int NOT NULL)`);
  }
  async down() {}
}

class Conflict extends Error {}

describe('Messaging.transaction with an idempotency key', () => {
  let db: TestDatabase;
  let messaging: Messaging;

  beforeAll(async () => {
    db = await createTestDatabase('zy_keyed');
    const ds = createDataSource({
      url: db.url,
      schema: 'keyed',
      entities: [],
      migrations: [CreateKeyed1700000000000],
      poolSize: 6,
      applicationName: 'keyed',
    });
    await initializeDataSource(ds, 'keyed');
    messaging = new Messaging(ds, 'keyed', 'keyed', new InProcessEventBus(silentLogger), silentLogger);
  });
  afterAll(async () => {
    await messaging.ds.destroy();
    await db.drop();
  });

  const field = (operation = 'makeThing', audit?: MutationFieldScope['audit']): MutationFieldScope => ({
    operation,
    responseKey: operation,
    transactions: 0,
    audit,
  });
  const scope = (key: string | null, hash = 'h1', f: MutationFieldScope | null = field()): RequestScope => ({
    actor: 'someone',
    idempotencyKey: key,
    requestHash: key ? hash : null,
    field: f,
    conflict: (k) => new Conflict(k),
  });
  const make = (n: number, delayMs = 0) =>
    messaging.transaction(async (m) => {
      const id = randomUUID();
      await m.query(`INSERT INTO keyed.thing VALUES ($1, $2)`, [id, n]);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return { id, n, at: new Date('2026-01-02T03:04:05Z') };
    });
  const things = async (n: number) =>
    Number((await messaging.ds.query(`SELECT count(*) AS c FROM keyed.thing WHERE n = $1`, [n]))[0].c);

  it('runs the work once per key and answers the same request with its stored JSON result', async () => {
    const key = randomUUID();
    const first = await requestScope.run(scope(key), () => make(1));
    const s = scope(key);
    const again = await requestScope.run(s, () => make(1));
    expect(again).toEqual({ ...first, at: first.at.toISOString() });
    expect(s.field!.replayed).toBe(true);
    expect(await things(1)).toBe(1);
  });

  it('refuses the key for another request, and lets another actor or another field use it', async () => {
    const key = randomUUID();
    await requestScope.run(scope(key, 'h1'), () => make(2));
    await expect(requestScope.run(scope(key, 'h2'), () => make(2))).rejects.toBeInstanceOf(Conflict);
    await requestScope.run({ ...scope(key, 'h2'), actor: 'someone-else' }, () => make(2));
    await requestScope.run(scope(key, 'h1', field('otherField')), () => make(2));
    expect(await things(2)).toBe(3);
  });

  it('a concurrent duplicate waits for the first and gets its result', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([
      requestScope.run(scope(key), () => make(3, 200)),
      requestScope.run(scope(key), () => make(3, 200)),
    ]);
    expect(a.id).toBe(b.id);
    expect(await things(3)).toBe(1);
  });

  it('a failed transaction keeps no key; an expired key is a new request; only the first transaction of a field claims', async () => {
    const key = randomUUID();
    await expect(
      requestScope.run(scope(key), () =>
        messaging.transaction(async () => {
          throw new Error('no');
        }),
      ),
    ).rejects.toThrow('no');
    await requestScope.run(scope(key), () => make(4));
    await messaging.ds.query(
      `UPDATE keyed.idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );
    await requestScope.run(scope(key), () => make(4));
    expect(await things(4)).toBe(2);
    expect(await messaging.pruneIdempotencyKeys()).toBe(0);
    const s = scope(randomUUID());
    await requestScope.run(s, async () => {
      await make(5);
      await make(5);
    });
    expect(s.field!.transactions).toBe(2);
    expect(await things(5)).toBe(2);
  });

  it('asks the field for its audit entry in the transaction that writes anything, once; without a scope nothing changes', async () => {
    const entries: unknown[] = [];
    const f = field('audited', async (emit, result) => {
      entries.push(result);
      return (
        await emit(
          'audit.entry.recorded',
          {
            actor: 'someone',
            roles: [],
            ip: null,
            service: 'keyed',
            action: 'MUTATION',
            operation: 'audited',
            targetKind: null,
            targetId: null,
            outcome: 'OK',
            errorCode: null,
            at: new Date().toISOString(),
          },
          { key: 'someone' },
        )
      ).id;
    });
    await requestScope.run(scope(randomUUID(), 'h', f), async () => {
      await make(6);
      await make(6);
    });
    expect(entries).toHaveLength(1);
    expect(f.auditCommitted).toBe(true);
    const [row] = await messaging.ds.query(`SELECT count(*) AS c FROM keyed.outbox_message WHERE id = $1`, [
      f.auditEventId,
    ]);
    expect(Number(row.c)).toBe(1);
    expect(
      await messaging.emitUnlessWritten(
        f.auditEventId!,
        'audit.entry.recorded',
        {
          actor: 'someone',
          roles: [],
          ip: null,
          service: 'keyed',
          action: 'MUTATION',
          operation: 'audited',
          targetKind: null,
          targetId: null,
          outcome: 'ERROR',
          errorCode: 'X',
          at: new Date().toISOString(),
        },
        { key: 'someone' },
      ),
    ).toBe(false);
    // A field whose transaction wrote nothing (no event, no key) leaves its entry to the caller.
    const quiet = field('quiet', async () => 'never');
    await requestScope.run(scope(null, 'h', quiet), () => messaging.transaction(async () => 1));
    expect(quiet.auditEventId).toBeUndefined();
    // One that changed a row without an event carries its entry.
    const rowOnly = field(
      'rowOnly',
      async (emit) =>
        (
          await emit(
            'audit.entry.recorded',
            {
              actor: 'someone',
              roles: [],
              ip: null,
              service: 'keyed',
              action: 'MUTATION',
              operation: 'rowOnly',
              targetKind: null,
              targetId: null,
              outcome: 'OK',
              errorCode: null,
              at: new Date().toISOString(),
            },
            { key: 'someone' },
          )
        ).id,
    );
    await requestScope.run(scope(null, 'h', rowOnly), () => make(8));
    expect(rowOnly.auditCommitted).toBe(true);
    const before = Number((await messaging.ds.query(`SELECT count(*) AS c FROM keyed.idempotency_key`))[0].c);
    await make(7);
    expect(Number((await messaging.ds.query(`SELECT count(*) AS c FROM keyed.idempotency_key`))[0].c)).toBe(before);
  });
});
