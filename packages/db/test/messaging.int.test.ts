import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { InProcessEventBus, NatsEventBus, durableName, type EventBus } from '@zhiyuan/events';
import { createTestDatabase, natsUrl, silentLogger, uniqueService, waitFor, type TestDatabase } from '@zhiyuan/testing';
import {
  Messaging,
  createDataSource,
  createMessagingTables,
  defineHandler,
  initializeDataSource,
  OutboxRelay,
} from '../src';
import { closeAll } from './close-all';

/** Two toy services: "payer" writes payments and emits; "ledger" consumes them into its own schema. */
function migrationFor(schema: string) {
  return class CreateToySchema1700000000000 implements MigrationInterface {
    name = 'CreateToySchema1700000000000';
    async up(qr: QueryRunner) {
      await createMessagingTables(qr, schema);
      await qr.query(
        `CREATE TABLE "${schema}".payment (id uuid PRIMARY KEY, case_id uuid NOT NULL, amount_fen bigint NOT NULL)`,
      );
    }
    async down(qr: QueryRunner) {
      await qr.query(`DROP TABLE "${schema}".payment`);
    }
  };
}

async function service(url: string, schema: string, bus: EventBus, producer = schema): Promise<Messaging> {
  const ds = createDataSource({
    url,
    schema,
    entities: [],
    migrations: [migrationFor(schema)],
    poolSize: 4,
    applicationName: schema,
  });
  await initializeDataSource(ds, schema);
  return new Messaging(ds, schema, producer, bus, silentLogger, { intervalMs: 50 });
}

function pay(m: Messaging, caseId = randomUUID(), amountFen = 500) {
  return m.transaction(async (tx, emit) => {
    const id = randomUUID();
    await tx.query(`INSERT INTO "${m.schema}".payment VALUES ($1, $2, $3)`, [id, caseId, amountFen]);
    await emit(
      'cases.performance.recorded',
      {
        caseId,
        performanceId: id,
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
    return id;
  });
}

/** Copies the payer's payments (other tests publish on the same subject of the shared NATS server; theirs are left alone). */
const recordInLedger = (schema: string, payer: string) =>
  defineHandler({
    name: 'copy-payment-into-ledger',
    subject: 'cases.performance.recorded',
    handle: async (event, manager) => {
      if (event.producer !== payer) return;
      await manager.query(`INSERT INTO "${schema}".payment VALUES ($1, $2, $3)`, [
        event.payload.performanceId,
        event.payload.caseId,
        event.payload.amountFen,
      ]);
    },
  });

const count = async (m: Messaging, table = 'payment') =>
  Number((await m.ds.query(`SELECT count(*) AS n FROM "${m.schema}".${table}`))[0].n);

const buses: [string, () => Promise<EventBus> | undefined][] = [
  ['in-process', async () => new InProcessEventBus(silentLogger)],
  [
    'nats',
    () =>
      natsUrl()
        ? (async () => {
            const b = new NatsEventBus({ url: natsUrl()!, name: 'db-test', logger: silentLogger });
            await b.start();
            return b;
          })()
        : undefined,
  ],
];

describe.each(buses)('outbox and inbox over the %s bus', (kind, makeBus) => {
  let db: TestDatabase;
  let bus: EventBus;
  let payer: Messaging;
  let ledger: Messaging;
  const run = natsUrl() || kind === 'in-process' ? it : it.skip;

  beforeAll(async () => {
    const b = await makeBus();
    if (!b) return;
    bus = b;
    db = await createTestDatabase();
    const svc = uniqueService('svc').replace(/-/g, '_');
    payer = await service(db.url, `payer_${svc}`, bus);
    ledger = await service(db.url, `ledger_${svc}`, bus);
  });
  afterAll(() => closeAll([payer, ledger], bus, db));

  run('an event committed in one service is handled exactly once by another', async () => {
    payer.start();
    await ledger.subscribe(recordInLedger(ledger.schema, payer.producer), { startAt: 'new' });
    const id = await pay(payer);
    await waitFor(
      async () => (await ledger.ds.query(`SELECT 1 FROM "${ledger.schema}".payment WHERE id = $1`, [id])).length === 1,
      { what: 'ledger row' },
    );
    const inbox = await count(ledger, 'inbox_message');
    expect(inbox).toBeGreaterThanOrEqual(1);
    // The relay marks a row published once JetStream acknowledged it, which can come after the
    // consumer has already handled the event.
    await waitFor(
      async () =>
        (await payer.ds.query(`SELECT published_at FROM "${payer.schema}".outbox_message`)).every(
          (r: { published_at: Date | null }) => r.published_at !== null,
        ),
      { what: 'the outbox rows marked published' },
    );
  });

  run('a rolled-back transaction publishes nothing', async () => {
    const before = await count(payer, 'outbox_message');
    await expect(
      payer.transaction(async (tx, emit) => {
        const caseId = randomUUID();
        await emit(
          'cases.urging.ended',
          { caseId, reason: 'CANCELLED', endedAt: new Date().toISOString() },
          { key: caseId },
        );
        await tx.query('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await count(payer, 'outbox_message')).toBe(before);
  });

  run('(c) a redelivered event (same id) changes nothing', async () => {
    const caseId = randomUUID();
    const id = await pay(payer, caseId);
    await waitFor(
      async () => (await ledger.ds.query(`SELECT 1 FROM "${ledger.schema}".payment WHERE id = $1`, [id])).length === 1,
    );
    const [row] = await payer.ds.query(
      `SELECT envelope FROM "${payer.schema}".outbox_message WHERE envelope->'payload'->>'caseId' = $1`,
      [caseId],
    );
    const rows = await count(ledger);
    const handled = await ledger.handleOnce(
      durableName(ledger.producer, 'cases.performance.recorded', 'copy-payment-into-ledger'),
      row.envelope,
      recordInLedger(ledger.schema, payer.producer).handle,
    );
    // Re-publishing the same envelope through the bus too: JetStream drops it by Nats-Msg-Id, the inbox would anyway.
    await bus.publish('cases.performance.recorded', row.envelope);
    // A payment of the same case (the same key) committed after it: once the ledger has it, a second
    // handling of the republished one would have come first.
    const after = await pay(payer, caseId);
    await waitFor(
      async () =>
        (await ledger.ds.query(`SELECT 1 FROM "${ledger.schema}".payment WHERE id = $1`, [after])).length === 1,
      { what: 'the payment after' },
    );
    expect(handled).toBe(false);
    expect(await count(ledger)).toBe(rows + 1);
  });

  run('(b) the relay killed between commit and publish loses nothing when it restarts', async () => {
    await payer.relay.stop();
    const caseIds = [randomUUID(), randomUUID(), randomUUID()];
    const ids = [await pay(payer, caseIds[0]), await pay(payer, caseIds[1]), await pay(payer, caseIds[2])];
    expect(
      Number(
        (
          await payer.ds.query(`SELECT count(*) AS n FROM "${payer.schema}".outbox_message WHERE published_at IS NULL`)
        )[0].n,
      ),
    ).toBe(3);
    // A relay that dies after publishing but before marking: its transaction rolls back.
    const crashing = new OutboxRelay(
      payer.ds,
      payer.schema,
      {
        ...bus,
        publish: async (s: string, e: never) => {
          await bus.publish(s, e);
          throw new Error('killed');
        },
      } as EventBus,
      silentLogger,
    );
    await expect(crashing.publishBatch()).rejects.toThrow('killed');
    const fresh = new Messaging(payer.ds, payer.schema, payer.producer, bus, silentLogger, { intervalMs: 50 });
    fresh.start();
    await waitFor(
      async () =>
        Number(
          (await ledger.ds.query(`SELECT count(*) AS n FROM "${ledger.schema}".payment WHERE id = ANY($1)`, [ids]))[0]
            .n,
        ) === 3,
      { what: 'all three after restart' },
    );
    // One more payment per case (the same keys), committed after: once the ledger has them, any second
    // publication of the first three would have been handled before them.
    const after = [await pay(payer, caseIds[0]), await pay(payer, caseIds[1]), await pay(payer, caseIds[2])];
    await waitFor(
      async () =>
        Number(
          (await ledger.ds.query(`SELECT count(*) AS n FROM "${ledger.schema}".payment WHERE id = ANY($1)`, [after]))[0]
            .n,
        ) === 3,
      { what: 'the payments after' },
    );
    expect(
      Number(
        (await ledger.ds.query(`SELECT count(*) AS n FROM "${ledger.schema}".payment WHERE id = ANY($1)`, [ids]))[0].n,
      ),
    ).toBe(3);
    await fresh.stop();
    payer.start();
  });

  run('two relays racing publish every row once', async () => {
    await payer.relay.stop();
    const published: string[] = [];
    const spy = {
      ...bus,
      publish: async (s: string, e: { id: string }) => {
        published.push(e.id);
      },
    } as unknown as EventBus;
    for (let i = 0; i < 50; i++) await pay(payer);
    const a = new OutboxRelay(payer.ds, payer.schema, spy, silentLogger, { batchSize: 7 });
    const b = new OutboxRelay(payer.ds, payer.schema, spy, silentLogger, { batchSize: 7 });
    while ((await Promise.all([a.publishBatch(), b.publishBatch()])).some((n) => n > 0)) {
      /* drain */
    }
    expect(published).toHaveLength(50);
    expect(new Set(published).size).toBe(50);
    payer.start();
  });
});
