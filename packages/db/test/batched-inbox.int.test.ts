import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { InProcessEventBus, NatsEventBus, createEvent, subjectFor, type EventBus } from '@zhiyuan/events';
import { createLogger } from '@zhiyuan/config';
import {
  buildEvent,
  createTestDatabase,
  natsUrl,
  silentLogger,
  uniqueService,
  waitFor,
  type TestDatabase,
} from '@zhiyuan/testing';
import {
  Messaging,
  batchLineOf,
  createDataSource,
  createMessagingTables,
  defineHandler,
  initializeDataSource,
} from '../src';
import { closeAll } from './close-all';

/**
 * Messaging with a batch size above 1: the events that arrive together are handled in one
 * transaction, each still at most once for its consumer, the shared state finished once per
 * transaction, and a failing event fails alone.
 */
function migrationFor(schema: string) {
  return class CreateBatchSchema1700000000000 implements MigrationInterface {
    name = 'CreateBatchSchema1700000000000';
    async up(qr: QueryRunner) {
      await createMessagingTables(qr, schema);
      await qr.query(
        `CREATE TABLE "${schema}".handled (rule text NOT NULL, case_id uuid NOT NULL, tx bigint NOT NULL, PRIMARY KEY (rule, case_id))`,
      );
      await qr.query(`CREATE TABLE "${schema}".finished (tx bigint NOT NULL, n int NOT NULL)`);
    }
    async down(qr: QueryRunner) {
      await qr.query(`DROP TABLE "${schema}".finished; DROP TABLE "${schema}".handled`);
    }
  };
}

const POISON_FEN = 1_313_131;

/**
 * Records which transaction handled the event, and counts the transaction's events in a state
 * finished once. Only the payer's events: other tests publish on the same subject of the shared NATS
 * server.
 */
const rule = (schema: string, name: string, payer: string) =>
  defineHandler({
    name,
    subject: 'cases.performance.recorded',
    maxDeliver: 2,
    handle: async (event, manager, _emit, scope) => {
      if (event.producer !== payer) return;
      if (event.payload.amountFen === POISON_FEN) throw new Error('this payment cannot be handled');
      await manager.query(`INSERT INTO "${schema}".handled VALUES ($1, $2, txid_current())`, [
        name,
        event.payload.caseId,
      ]);
      const seen = scope.shared(
        'count',
        () => ({ n: 0 }),
        async (s, m) => {
          await m.query(`INSERT INTO "${schema}".finished VALUES (txid_current(), $1)`, [s.n]);
        },
      );
      seen.n++;
    },
  });

const buses: [string, () => Promise<EventBus> | undefined][] = [
  ['in-process', async () => new InProcessEventBus(silentLogger)],
  [
    'nats',
    () =>
      natsUrl()
        ? (async () => {
            const b = new NatsEventBus({
              url: natsUrl()!,
              name: 'db-batch-test',
              concurrency: 32,
              logger: silentLogger,
            });
            await b.start();
            return b;
          })()
        : undefined,
  ],
];

describe.each(buses)('a batched inbox over the %s bus', (kind, makeBus) => {
  let db: TestDatabase;
  let bus: EventBus;
  let payer: Messaging;
  let ledger: Messaging;
  const run = natsUrl() || kind === 'in-process' ? it : it.skip;
  const rules = ['first-rule', 'second-rule', 'third-rule'];

  beforeAll(async () => {
    const b = await makeBus();
    if (!b) return;
    bus = b;
    db = await createTestDatabase();
    const svc = uniqueService('batch').replace(/-/g, '_');
    const open = async (schema: string, batchSize: number) => {
      const ds = createDataSource({
        url: db.url,
        schema,
        entities: [],
        migrations: [migrationFor(schema)],
        poolSize: 4,
        applicationName: schema,
      });
      await initializeDataSource(ds, schema);
      return new Messaging(
        ds,
        schema,
        schema,
        bus,
        silentLogger,
        { intervalMs: 50 },
        { group: svc, startAt: 'new', batchSize },
      );
    };
    payer = await open(`payer_${svc}`, 1);
    ledger = await open(`ledger_${svc}`, 16);
    payer.start();
    for (const r of rules) await ledger.subscribe(rule(ledger.schema, r, payer.producer));
  });
  afterAll(() => closeAll([payer, ledger], bus, db));

  /** Payments of fresh cases, all emitted in one transaction, so they reach the consumers together. */
  const payments = (amounts: number[]) =>
    payer.transaction(async (_tx, emit) => {
      const cases: string[] = [];
      for (const amountFen of amounts) {
        const caseId = randomUUID();
        cases.push(caseId);
        await emit(
          'cases.performance.recorded',
          {
            caseId,
            performanceId: randomUUID(),
            amountFen,
            source: 'VOLUNTARY',
            paidOn: '2024-07-01',
            outstandingFen: 0,
            totalPaidFen: amountFen,
            obligorIds: [randomUUID()],
            recordedAt: new Date().toISOString(),
          },
          { key: caseId },
        );
      }
      return cases;
    });
  const handledOf = (cases: string[]) =>
    ledger.ds.query(`SELECT rule, case_id, tx::text AS tx FROM "${ledger.schema}".handled WHERE case_id = ANY($1)`, [
      cases,
    ]) as Promise<{ rule: string; case_id: string; tx: string }[]>;

  run(
    'handles events that arrive together in fewer transactions, each once, finishing the shared state once per transaction',
    async () => {
      const cases = await payments(Array.from({ length: 60 }, (_, i) => 100 + i));
      const rows = await waitFor(
        async () => {
          const r = await handledOf(cases);
          return r.length === 60 * rules.length && r;
        },
        { what: 'every rule handled every payment', timeoutMs: 20_000 },
      );
      const txs = new Map<string, number>();
      for (const r of rows) txs.set(r.tx, (txs.get(r.tx) ?? 0) + 1);
      // Batching happened: some transaction handled more than one event.
      expect(txs.size).toBeLessThan(rows.length);
      expect(Math.max(...txs.values())).toBeGreaterThan(1);
      // The shared state was finished once in each transaction, after all of its events.
      const finished: { tx: string; n: number }[] = await ledger.ds.query(
        `SELECT tx::text AS tx, n FROM "${ledger.schema}".finished WHERE tx = ANY($1::bigint[])`,
        [[...txs.keys()]],
      );
      expect(new Map(finished.map((f) => [f.tx, f.n]))).toEqual(txs);
      expect(finished).toHaveLength(txs.size);
      // Every handled event has its inbox row.
      const inbox = await ledger.ds.query(`SELECT count(*)::int AS n FROM "${ledger.schema}".inbox_message`);
      expect(inbox[0].n).toBeGreaterThanOrEqual(60 * rules.length);
    },
  );

  run('a redelivered event changes nothing', async () => {
    const [caseId] = await payments([7]);
    await waitFor(async () => (await handledOf([caseId!])).length === rules.length, { what: 'the payment handled' });
    const envelope = (
      await payer.ds.query(`SELECT envelope FROM "${payer.schema}".outbox_message WHERE key = $1`, [caseId])
    )[0].envelope;
    const before = bus.stats.handled;
    // The same event again, under another message id so the broker does not drop it, next to new ones.
    await bus.publishRaw('cases.performance.recorded', JSON.stringify(envelope), randomUUID());
    const more = await payments([8, 9]);
    await waitFor(
      async () => bus.stats.handled >= before + 3 * rules.length && (await handledOf(more)).length === 2 * rules.length,
      { what: 'the redelivery and the new payments handled' },
    );
    expect(await handledOf([caseId!])).toHaveLength(rules.length);
  });

  run('an event that fails does not take the rest of its batch with it', async () => {
    const redeliveredBefore = bus.stats.redelivered;
    const cases = await payments([11, 12, POISON_FEN, 14, 15]);
    const good = cases.filter((_, i) => i !== 2);
    await waitFor(async () => (await handledOf(good)).length === 4 * rules.length, {
      what: 'the good payments handled',
      timeoutMs: 20_000,
    });
    await waitFor(() => bus.stats.deadLettered >= rules.length, {
      what: 'the failing payment dead-lettered by each rule',
      timeoutMs: 20_000,
    });
    expect(await handledOf([cases[2]!])).toEqual([]);
    // Only the failing event was offered again (once per rule, before its last delivery): the others
    // of its batch were handled one by one at once, not sent back to the broker.
    expect(bus.stats.redelivered - redeliveredBefore).toBe(rules.length);
  });
});

describe('batches at once', () => {
  let db: TestDatabase;
  let bus: InProcessEventBus;
  let ledger: Messaging;

  beforeAll(async () => {
    bus = new InProcessEventBus(silentLogger);
    db = await createTestDatabase();
    const schema = `lines_${uniqueService('l').replace(/-/g, '_')}`;
    const ds = createDataSource({
      url: db.url,
      schema,
      entities: [],
      migrations: [migrationFor(schema)],
      poolSize: 4,
      applicationName: schema,
    });
    await initializeDataSource(ds, schema);
    ledger = new Messaging(
      ds,
      schema,
      schema,
      bus,
      silentLogger,
      { intervalMs: 50 },
      { startAt: 'new', batchSize: 8, batchesAtOnce: 2 },
    );
  });
  afterAll(() => closeAll([ledger], bus, db));

  it('handles a redelivered event alone, so an event that keeps failing spoils only its first batch', async () => {
    const logger = createLogger('batched-inbox', 'silent');
    const warn = jest.spyOn(logger, 'warn');
    const m = new Messaging(
      ledger.ds,
      ledger.schema,
      ledger.schema,
      bus,
      logger,
      { intervalMs: 50 },
      {
        startAt: 'new',
        batchSize: 8,
      },
    );
    const caseIds = [randomUUID(), randomUUID(), randomUUID()];
    const attempts = new Map<string, number>();
    await m.subscribe(
      defineHandler({
        name: 'fail-the-poisoned-case',
        subject: 'cases.case.rerouted',
        maxDeliver: 4,
        handle: async (event, manager) => {
          attempts.set(event.payload.caseId, (attempts.get(event.payload.caseId) ?? 0) + 1);
          if (event.payload.caseId === caseIds[1]) throw new Error('this event cannot be handled');
          await manager.query(`INSERT INTO "${ledger.schema}".handled VALUES ('reroute', $1, txid_current())`, [
            event.payload.caseId,
          ]);
        },
      }),
    );
    for (const caseId of caseIds)
      await bus.publish(
        'cases.case.rerouted',
        buildEvent('cases.case.rerouted', { caseId }, { producer: 'test', key: caseId }),
      );
    const handled = async () =>
      (await ledger.ds.query(`SELECT case_id FROM "${ledger.schema}".handled WHERE rule = 'reroute'`))
        .map((r: { case_id: string }) => r.case_id)
        .sort();
    // Tried in its batch, alone after it, and at each of its three redeliveries; the others handled.
    await waitFor(async () => attempts.get(caseIds[1]!) === 5 && (await handled()).length === 2, {
      what: 'the poisoned event given up and the others handled',
      timeoutMs: 20_000,
    });
    expect(await handled()).toEqual([caseIds[0], caseIds[2]].sort());
    // One failed batch: its first delivery's. Its redeliveries never entered a batch.
    expect(
      warn.mock.calls.filter(([, msg]) => msg === 'batch of events failed; handling them one at a time'),
    ).toHaveLength(1);
    await m.stop();
  });

  it('runs the batches of two lines at the same time', async () => {
    // Two keys on different lines: each handling waits until the other has started, which only
    // happens when their batches run at once (on one line, the first would wait for ever).
    const keys: string[] = [];
    while (keys.length < 2) {
      const k = randomUUID();
      if (!keys.length || batchLineOf(k, 2) !== batchLineOf(keys[0]!, 2)) keys.push(k);
    }
    const started = new Set<string>();
    // The first key's event waits for the second key's to start; each arrives on a consumer of its own.
    await ledger.subscribe(
      defineHandler({
        name: 'wait-for-the-other-line',
        subject: 'cases.urging.ended',
        maxDeliver: 1,
        handle: async (event, manager) => {
          await waitFor(() => started.has(keys[1]!), { what: 'the other line to start', timeoutMs: 5_000 });
          await manager.query(`INSERT INTO "${ledger.schema}".handled VALUES ('meet', $1, txid_current())`, [
            event.payload.caseId,
          ]);
        },
      }),
    );
    await ledger.subscribe(
      defineHandler({
        name: 'start-on-the-other-line',
        subject: 'cases.performance.recorded',
        maxDeliver: 1,
        handle: async (event, manager) => {
          started.add(event.payload.caseId);
          await manager.query(`INSERT INTO "${ledger.schema}".handled VALUES ('meet', $1, txid_current())`, [
            event.payload.caseId,
          ]);
        },
      }),
    );
    const first = createEvent(
      'cases.urging.ended',
      { caseId: keys[0]!, reason: 'CANCELLED', endedAt: new Date().toISOString() },
      { producer: 'test', key: keys[0]! },
    );
    const second = createEvent(
      'cases.performance.recorded',
      {
        caseId: keys[1]!,
        performanceId: randomUUID(),
        amountFen: 1,
        source: 'VOLUNTARY',
        paidOn: '2024-07-01',
        outstandingFen: 0,
        totalPaidFen: 1,
        obligorIds: [randomUUID()],
        recordedAt: new Date().toISOString(),
      },
      { producer: 'test', key: keys[1]! },
    );
    await bus.publish(subjectFor(first.type, first.payload), first);
    await bus.publish(subjectFor(second.type, second.payload), second);
    const rows = await waitFor(
      async () => {
        const r: { case_id: string; tx: string }[] = await ledger.ds.query(
          `SELECT case_id, tx::text AS tx FROM "${ledger.schema}".handled WHERE rule = 'meet'`,
        );
        return r.length >= 2 && r;
      },
      { what: 'both events handled', timeoutMs: 15_000 },
    );
    expect(new Set(rows.map((r) => r.case_id))).toEqual(new Set(keys));
  });
});
