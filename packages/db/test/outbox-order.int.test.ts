import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InProcessEventBus, NatsEventBus, type EventBus, type EventEnvelope } from '@zhiyuan/events';
import { createTestDatabase, natsUrl, silentLogger, uniqueService, waitFor, type TestDatabase } from '@zhiyuan/testing';
import { Messaging, OutboxRelay, createDataSource, createMessagingTables, initializeDataSource } from '../src';

function migrationFor(schema: string) {
  return class CreateOrderSchema1700000000000 implements MigrationInterface {
    name = 'CreateOrderSchema1700000000000';
    async up(qr: QueryRunner) {
      await createMessagingTables(qr, schema);
    }
    async down() {}
  };
}

const SUBJECT = 'cases.performance.recorded';

/** One payment on a case, in a transaction of its own; `n` marks the order in which they were written. */
function pay(m: Messaging, caseId: string, n: number) {
  return m.transaction(async (_tx, emit) => {
    await emit(
      SUBJECT,
      {
        caseId,
        performanceId: randomUUID(),
        amountFen: n,
        source: 'VOLUNTARY',
        paidOn: '2024-07-01',
        outstandingFen: 0,
        totalPaidFen: n,
        obligorIds: [randomUUID()],
        recordedAt: new Date().toISOString(),
      },
      { key: caseId },
    );
  });
}

const amounts = (events: EventEnvelope[], caseId: string) =>
  events.filter((e) => e.key === caseId).map((e) => (e.payload as { amountFen: number }).amountFen);

const buses: [string, () => Promise<EventBus> | undefined][] = [
  ['in-process', async () => new InProcessEventBus(silentLogger)],
  [
    'nats',
    () => {
      const url = natsUrl();
      if (!url) return undefined;
      return (async () => {
        const b = new NatsEventBus({ url, name: 'db-order-test', logger: silentLogger });
        await b.start();
        return b;
      })();
    },
  ],
];

describe.each(buses)('outbox relay order over the %s bus', (kind, makeBus) => {
  let db: TestDatabase;
  let bus: EventBus | undefined;
  let messaging: Messaging;
  const run = kind === 'in-process' || natsUrl() ? it : it.skip;

  beforeAll(async () => {
    bus = await makeBus();
    if (!bus) return;
    db = await createTestDatabase();
    const schema = `order_${uniqueService('svc').replace(/-/g, '_')}`;
    const ds = createDataSource({
      url: db.url,
      schema,
      entities: [],
      migrations: [migrationFor(schema)],
      poolSize: 2,
      applicationName: schema,
    });
    await initializeDataSource(ds, schema);
    // Never started: the relay below is driven by hand, so nothing publishes behind the test's back.
    messaging = new Messaging(ds, schema, 'order-test', bus, silentLogger);
  });
  afterAll(async () => {
    await messaging?.ds.destroy();
    await bus?.close();
    await db?.drop();
  });

  run(
    'publishes the events of one aggregate in the order they were committed, across batches and interleaved with another aggregate',
    async () => {
      const caseA = randomUUID();
      const caseB = randomUUID();
      const delivered: EventEnvelope[] = [];
      const sub = await bus!.subscribe({
        service: uniqueService('order'),
        subject: SUBJECT,
        startAt: 'new',
        handler: async (e) => void delivered.push(e),
      });

      const written: number[] = [];
      for (let n = 1; n <= 12; n++) {
        await pay(messaging, caseA, n);
        written.push(n);
        if (n % 3 === 0) await pay(messaging, caseB, 100 + n);
      }

      // Acks come back in reverse order (the last publish answers first): the order that counts is the
      // order the relay hands events to the bus, which must not depend on when each one is acknowledged.
      const handed: EventEnvelope[] = [];
      let delay = 40;
      const recording = {
        ...bus!,
        kind: bus!.kind,
        publish: async (subject: string, event: EventEnvelope) => {
          handed.push(event);
          const wait = (delay = Math.max(0, delay - 3));
          await bus!.publish(subject, event as never);
          await new Promise((r) => setTimeout(r, wait));
        },
      } as EventBus;
      const relay = new OutboxRelay(messaging.ds, messaging.schema, recording, silentLogger, { batchSize: 5 });
      let batches = 0;
      while ((await relay.publishBatch()) > 0) batches++;

      expect(batches).toBe(4); // 16 events in batches of 5: the order holds across batch boundaries
      expect(amounts(handed, caseA)).toEqual(written);
      expect(amounts(handed, caseB)).toEqual([103, 106, 109, 112]);

      // What a consumer receives: the stream order, per key.
      await waitFor(() => amounts(delivered, caseA).length === 12 && amounts(delivered, caseB).length === 4, {
        what: 'all 16 events delivered',
        timeoutMs: 15_000,
      });
      await sub.stop();
      expect(amounts(delivered, caseA)).toEqual(written);
      expect(amounts(delivered, caseB)).toEqual([103, 106, 109, 112]);
    },
  );
});
