import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable, createMessagingTables, type Messaging } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import { errors } from '@zhiyuan/kernel';
import { defineService, type Service } from '../src';
import {
  createTestDatabase,
  gqlRequest,
  identity,
  silentLogger,
  startCommitDropper,
  throughProxy,
  type CommitDropper,
  type TestDatabase,
} from '@zhiyuan/testing';

class CreateLedger1700000000000 implements MigrationInterface {
  name = 'CreateLedger1700000000000';
  async up(qr: QueryRunner) {
    await createMessagingTables(qr, 'ledger');
    await createIdempotencyTable(qr, 'ledger');
    await qr.query(
      `CREATE TABLE ledger.payment (id uuid PRIMARY KEY, case_id uuid NOT NULL, amount_fen bigint NOT NULL)`,
    );
    await qr.query(`CREATE TABLE ledger.case_total (case_id uuid PRIMARY KEY, paid_fen bigint NOT NULL)`);
  }
  async down() {}
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String }
  type Payment { id: ID! caseId: ID! amountFen: Int! totalPaidFen: Int! }
  input PayInput { caseId: ID! amountFen: Int! }
  type Mutation { pay(input: PayInput!): Payment!  refuse(caseId: ID!): Boolean  touch(caseId: ID!): Boolean }
`);

/** A payment as a service records it: its row, the case's total, and an event, in one transaction. */
function pay(messaging: Messaging, caseId: string, amountFen: number) {
  return messaging.transaction(async (m, emit) => {
    const id = randomUUID();
    await m.query(`INSERT INTO ledger.payment VALUES ($1, $2, $3)`, [id, caseId, amountFen]);
    const [{ paid_fen }] = await m.query(
      `INSERT INTO ledger.case_total VALUES ($1, $2) ON CONFLICT (case_id) DO UPDATE SET paid_fen = case_total.paid_fen + EXCLUDED.paid_fen RETURNING paid_fen`,
      [caseId, amountFen],
    );
    await emit(
      'cases.performance.recorded',
      {
        caseId,
        performanceId: id,
        amountFen,
        source: 'VOLUNTARY',
        paidOn: '2026-07-01',
        outstandingFen: 0,
        totalPaidFen: Number(paid_fen),
        obligorIds: [randomUUID()],
        recordedAt: new Date().toISOString(),
      },
      { key: caseId },
    );
    return { id, caseId, amountFen, totalPaidFen: Number(paid_fen) };
  });
}

describe("idempotency keys and the audit entry in the mutation's transaction", () => {
  let db: TestDatabase;
  let proxy: CommitDropper;
  let service: Service;
  const officer = identity(['ENFORCEMENT_OFFICER'], { sub: 'officer-1', ip: '10.1.2.3' });
  const PAY = `mutation($i: PayInput!) { pay(input: $i) { id caseId amountFen totalPaidFen } }`;
  const call = (query: string, variables: Record<string, unknown>, key?: string, who = officer) =>
    gqlRequest(service.url, query, variables, who, key === undefined ? {} : { 'idempotency-key': key });

  beforeAll(async () => {
    db = await createTestDatabase('zy_idem');
    const pg = new URL(db.url);
    proxy = await startCommitDropper({ host: pg.hostname, port: Number(pg.port || 5432) });
    service = defineService(
      {
        name: 'ledger',
        schema: 'ledger',
        typeDefs,
        entities: [],
        migrations: [CreateLedger1700000000000],
        handlers: [],
        resolvers: {
          Query: { ping: () => 'pong' },
          Mutation: {
            pay: (
              _p: unknown,
              { input }: { input: { caseId: string; amountFen: number } },
              ctx: { messaging: Messaging },
            ) => pay(ctx.messaging, input.caseId, input.amountFen),
            refuse: () => {
              throw errors.forbidden('Not yours');
            },
            touch: (_p: unknown, _a: unknown, ctx: { messaging: Messaging }) =>
              ctx.messaging.transaction(async () => true),
          },
        } as never,
        context: (who, runtime) => ({ identity: who, messaging: runtime.messaging }),
      },
      {
        DATABASE_URL: throughProxy(db.url, proxy.address),
        DB_POOL_SIZE: 4,
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
    await service?.stop();
    await proxy?.close();
    await db?.drop();
  });

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    service.runtime.ds.query(sql, params);
  const audits = async (operation = 'pay') =>
    (
      await q<{ p: Record<string, unknown> }>(
        `SELECT envelope->'payload' AS p FROM ledger.outbox_message WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'operation' = $1 ORDER BY seq`,
        [operation],
      )
    ).map((r) => r.p);
  const paymentsOf = async (caseId: string) =>
    q<{ amount_fen: string }>(`SELECT amount_fen FROM ledger.payment WHERE case_id = $1`, [caseId]);

  it('without a key, behaves as before: each call pays, each leaves one entry, no key is kept', async () => {
    const caseId = randomUUID();
    const before = (await audits()).length;
    for (let i = 0; i < 2; i++) expect((await call(PAY, { i: { caseId, amountFen: 100 } })).errors).toBeUndefined();
    expect(await paymentsOf(caseId)).toHaveLength(2);
    const entries = (await audits()).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: 'officer-1',
        ip: '10.1.2.3',
        service: 'ledger',
        action: 'MUTATION',
        operation: 'pay',
        targetKind: 'CASE',
        targetId: caseId,
        outcome: 'OK',
        errorCode: null,
      }),
      expect.objectContaining({ operation: 'pay', targetId: caseId, outcome: 'OK', errorCode: null }),
    ]);
    expect(entries[0]).not.toHaveProperty('replay');
    expect(await q(`SELECT 1 FROM ledger.idempotency_key`)).toHaveLength(0);
  });

  it('the same key answers with the first result, once; the entry of the write commits with it, the replay says so', async () => {
    const caseId = randomUUID();
    const key = randomUUID();
    const before = (await audits()).length;
    const first = await call(PAY, { i: { caseId, amountFen: 250 } }, key);
    expect(first.errors).toBeUndefined();
    const again = await call(PAY, { i: { amountFen: 250, caseId } }, key);
    expect(again).toEqual(first);
    expect(await paymentsOf(caseId)).toHaveLength(1);
    const entries = (await audits()).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ targetId: caseId, outcome: 'OK', errorCode: null }),
      expect.objectContaining({ targetId: caseId, outcome: 'OK', errorCode: 'IDEMPOTENT_REPLAY', replay: true }),
    ]);
    // The first entry is written in the payment's transaction, before the payment's event is flushed.
    const [write] = await q<{ seqs: string[] }>(
      `SELECT array_agg(type ORDER BY seq) AS seqs FROM ledger.outbox_message WHERE envelope->'payload'->>'caseId' = $1 OR envelope->'payload'->>'targetId' = $1`,
      [caseId],
    );
    expect(write!.seqs.slice(0, 2)).toEqual(['cases.performance.recorded', 'audit.entry.recorded']);
  });

  it('the same key with another body is a CONFLICT naming the key, and writes nothing', async () => {
    const caseId = randomUUID();
    const key = `conflict-${randomUUID()}`;
    expect((await call(PAY, { i: { caseId, amountFen: 300 } }, key)).errors).toBeUndefined();
    const before = (await audits()).length;
    const other = await call(PAY, { i: { caseId, amountFen: 301 } }, key);
    expect(other.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'CONFLICT', idempotencyKey: key }));
    expect(other.errors?.[0]?.message).toContain(key);
    expect((await paymentsOf(caseId)).map((p) => Number(p.amount_fen))).toEqual([300]);
    expect((await audits()).slice(before)).toEqual([
      expect.objectContaining({ outcome: 'ERROR', errorCode: 'CONFLICT', targetId: caseId }),
    ]);
    // Another caller's same key is another key.
    expect(
      (await call(PAY, { i: { caseId, amountFen: 301 } }, key, identity(['ENFORCEMENT_OFFICER'], { sub: 'officer-2' })))
        .errors,
    ).toBeUndefined();
  });

  it('a key older than 24 hours is a new request, and expired keys are deleted', async () => {
    const caseId = randomUUID();
    const key = randomUUID();
    expect((await call(PAY, { i: { caseId, amountFen: 400 } }, key)).errors).toBeUndefined();
    await q(`UPDATE ledger.idempotency_key SET created_at = now() - interval '24 hours 1 second' WHERE key = $1`, [
      key,
    ]);
    const later = await call(PAY, { i: { caseId, amountFen: 400 } }, key);
    expect(later.errors).toBeUndefined();
    expect(await paymentsOf(caseId)).toHaveLength(2);
    expect(
      await q(`SELECT 1 FROM ledger.idempotency_key WHERE key = $1 AND created_at > now() - interval '1 minute'`, [
        key,
      ]),
    ).toHaveLength(1);
    await q(`UPDATE ledger.idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    expect(await service.runtime.messaging.pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await q(`SELECT 1 FROM ledger.idempotency_key WHERE key = $1`, [key])).toHaveLength(0);
  });

  it('a refused mutation leaves one ERROR entry and no key; a mutation that writes nothing leaves one OK entry', async () => {
    const caseId = randomUUID();
    const key = randomUUID();
    const before = { refuse: (await audits('refuse')).length, touch: (await audits('touch')).length };
    for (let i = 0; i < 2; i++)
      expect(
        (await call(`mutation($c: ID!) { refuse(caseId: $c) }`, { c: caseId }, key)).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    expect((await audits('refuse')).slice(before.refuse)).toEqual([
      expect.objectContaining({ outcome: 'ERROR', errorCode: 'FORBIDDEN', targetId: caseId }),
      expect.objectContaining({ outcome: 'ERROR', errorCode: 'FORBIDDEN', targetId: caseId }),
    ]);
    expect(await q(`SELECT 1 FROM ledger.idempotency_key WHERE key = $1`, [key])).toHaveLength(0);
    expect((await call(`mutation($c: ID!) { touch(caseId: $c) }`, { c: caseId })).data).toEqual({ touch: true });
    expect((await audits('touch')).slice(before.touch)).toEqual([
      expect.objectContaining({ outcome: 'OK', errorCode: null, targetId: caseId }),
    ]);
  });

  it('two root fields of one request under one key keep a result each', async () => {
    const caseId = randomUUID();
    const key = randomUUID();
    const query = `mutation($a: PayInput!, $b: PayInput!) { a: pay(input: $a) { id amountFen } b: pay(input: $b) { id amountFen } }`;
    const vars = { a: { caseId, amountFen: 11 }, b: { caseId, amountFen: 12 } };
    const first = await call(query, vars, key);
    expect(first.data.a.amountFen).toBe(11);
    expect(first.data.b.amountFen).toBe(12);
    expect(await call(query, vars, key)).toEqual(first);
    expect(await paymentsOf(caseId)).toHaveLength(2);
  });

  it('concurrent requests with one key pay once and answer alike', async () => {
    const caseId = randomUUID();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(PAY, { i: { caseId, amountFen: 500 } }, key)),
    );
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.errors).toBeUndefined();
    expect(await paymentsOf(caseId)).toHaveLength(1);
  });

  it('refuses a malformed key with 400 VALIDATION_FAILED naming the header', async () => {
    for (const bad of ['', 'x'.repeat(201), 'has space', 'caf\u00e9']) {
      const res = await call(PAY, { i: { caseId: randomUUID(), amountFen: 1 } }, bad);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'idempotency-key' }),
      );
    }
  });

  it.each([
    [
      'every other transaction that claims a key (the payments, and the replays of their retries)',
      2,
      /idempotency_key/,
    ],
    ['every third transaction that writes anything (payments, audit entries, the relay)', 3, undefined],
  ])(
    'commits whose answer is lost, %s: retries with the key pay each payment once, and each leaves one OK entry',
    async (_what, every, statement) => {
      const caseId = randomUUID();
      const amounts = Array.from({ length: 12 }, (_, i) => 1000 + i);
      const before = (await audits()).length;
      let errorsSeen = 0;
      let attempts = 0;
      proxy.arm(every, { application: 'zhiyuan-ledger', statement });
      try {
        for (const amountFen of amounts) {
          const key = randomUUID();
          for (let attempt = 0; ; attempt++) {
            expect(attempt).toBeLessThan(20);
            attempts++;
            const res = await call(PAY, { i: { caseId, amountFen } }, key).catch(() => ({
              status: 0,
              errors: [{ message: 'no answer' }],
              data: undefined,
            }));
            if (!res.errors && res.data?.pay) {
              expect(res.data.pay.amountFen).toBe(amountFen);
              break;
            }
            errorsSeen++;
          }
        }
      } finally {
        proxy.arm(0);
      }
      expect(proxy.dropped).toBeGreaterThan(0);
      expect(errorsSeen).toBeGreaterThan(0);
      const paid = (await paymentsOf(caseId)).map((p) => Number(p.amount_fen)).sort((a, b) => a - b);
      expect(paid).toEqual(amounts);
      const [total] = await q<{ paid_fen: string }>(`SELECT paid_fen FROM ledger.case_total WHERE case_id = $1`, [
        caseId,
      ]);
      expect(Number(total!.paid_fen)).toBe(amounts.reduce((a, b) => a + b, 0));
      const entries = (await audits()).slice(before).filter((e) => e.targetId === caseId);
      expect(entries.filter((e) => e.outcome === 'OK' && !e.replay)).toHaveLength(amounts.length);
      // One entry per request, whatever happened to it: a payment whose answer was lost has its OK entry
      // (committed with it) and no other; a retry answered from the key says it was a replay; a retry
      // whose own answer was lost is an ERROR that wrote nothing.
      expect(entries).toHaveLength(attempts);
      for (const e of entries.filter((x) => x.outcome === 'ERROR')) expect(e.errorCode).toBe('INTERNAL_SERVER_ERROR');
    },
  );
});
