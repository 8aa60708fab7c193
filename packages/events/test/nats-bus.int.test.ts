import { randomUUID } from 'node:crypto';
import type { JetStreamManager } from 'nats';
import { NatsEventBus, durableName, type EventEnvelope } from '../src';
import { busContract } from './bus-contract';
import { ours, paymentEvent } from './factories';
import { describeWithNats, natsUrl, silentLogger, uniqueService, waitFor } from '@zhiyuan/testing';

const url = natsUrl();

describeWithNats('NATS JetStream bus', () => {
  busContract('nats', async () => {
    const bus = new NatsEventBus({ url: url!, name: 'test', logger: silentLogger, heartbeatMs: 1_000 });
    await bus.start();
    return bus;
  });

  let bus: NatsEventBus;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    bus = new NatsEventBus({ url: url!, name: 'test', logger: silentLogger });
    await bus.start();
    jsm = bus.clients.jsm;
  });
  afterAll(async () => {
    await bus.close();
  });

  /**
   * Waits until the consumer has nothing in flight: every message delivered so far (redeliveries
   * included) is acked and none is pending. On a subject of its own, nothing else moves its counters.
   */
  const settledConsumer = (name: string) =>
    waitFor(
      async () => {
        const i = await jsm.consumers.info('CASES', name);
        return (
          i.num_pending === 0 && i.num_ack_pending === 0 && i.ack_floor.consumer_seq === i.delivered.consumer_seq && i
        );
      },
      { what: `consumer ${name} settled`, timeoutMs: 15_000 },
    );

  it('creates the streams with file storage and a duplicate window', async () => {
    const info = await jsm.streams.info('CASES');
    expect(info.config.subjects).toEqual(['cases.>']);
    expect(info.config.storage).toBe('file');
    expect(info.config.duplicate_window).toBeGreaterThan(0);
    await expect(jsm.streams.info('DEADLETTER')).resolves.toBeDefined();
  });

  it('(a) 1,000 events published while the consumer is stopped are all handled after restart, none twice', async () => {
    const service = uniqueService('fault-a');
    const subject = `cases.test.${service}`;
    const seen = new Map<string, number>();
    const handler = async (e: EventEnvelope) => void seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    const sub = await bus.subscribe(ours({ service, subject, startAt: 'new', handler }));
    await sub.stop();
    const events = Array.from({ length: 1_000 }, () => paymentEvent());
    await Promise.all(events.map((e) => bus.publish(subject, e)));
    const again = await bus.subscribe(ours({ service, subject, handler }));
    await waitFor(() => events.every((e) => seen.has(e.id)), { timeoutMs: 30_000, what: '1,000 events' });
    // Every delivery acked and none pending: no second handling can still come.
    await settledConsumer(again.name);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(events.filter((e) => seen.get(e.id) === 1)).toHaveLength(1_000);
    await again.stop();
  });

  it('handles several keys at once and the events of one key one after another, in order', async () => {
    const service = uniqueService('lanes');
    const keys = Array.from({ length: 6 }, () => randomUUID());
    const events = keys.flatMap((k) => Array.from({ length: 5 }, (_, i) => paymentEvent(k, i + 1)));
    const order = new Map<string, number[]>();
    let running = 0;
    let mostAtOnce = 0;
    const runningPerKey = new Map<string, number>();
    let keyOverlap = false;
    const handler = async (e: EventEnvelope) => {
      const p = e.payload as { amountFen: number };
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      runningPerKey.set(e.key, (runningPerKey.get(e.key) ?? 0) + 1);
      if (runningPerKey.get(e.key)! > 1) keyOverlap = true;
      await new Promise((r) => setTimeout(r, 20));
      order.set(e.key, [...(order.get(e.key) ?? []), p.amountFen]);
      runningPerKey.set(e.key, runningPerKey.get(e.key)! - 1);
      running--;
    };
    const sub = await bus.subscribe(
      ours({ service, subject: 'cases.performance.recorded', startAt: 'new', concurrency: 4, handler }),
    );
    for (const e of events) await bus.publish('cases.performance.recorded', e);
    await waitFor(() => [...order.values()].reduce((n, v) => n + v.length, 0) === events.length, {
      what: 'all events handled',
    });
    await sub.stop();
    for (const k of keys) expect(order.get(k)).toEqual([1, 2, 3, 4, 5]);
    expect(keyOverlap).toBe(false);
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(4);
  });

  it('keeps a message that waits behind its key, or is handled for longer than the ack wait, from being delivered again', async () => {
    const service = uniqueService('ack-wait');
    const subject = `cases.test.${service}`;
    const key = randomUUID();
    const events = [paymentEvent(key, 1), paymentEvent(key, 2), paymentEvent(key, 3)];
    const calls = new Map<string, number>();
    // Each handling takes 1.5 times the ack wait; the second and third wait two and three handlings long.
    const handler = async (e: EventEnvelope) => {
      calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 600));
    };
    const sub = await bus.subscribe(
      ours({ service, subject, startAt: 'new', ackWaitMs: 400, concurrency: 4, handler }),
    );
    for (const e of events) await bus.publish(subject, e);
    await waitFor(() => events.every((e) => calls.has(e.id)), { what: 'all three handled', timeoutMs: 10_000 });
    // Every delivery acked: a redelivery would have been handled (and acked) by now, and counted here.
    const info = await settledConsumer(sub.name);
    await sub.stop();
    expect(info.delivered.consumer_seq).toBe(3);
    expect(events.map((e) => calls.get(e.id))).toEqual([1, 1, 1]);
  });

  it('lets the server offer a message again once its handling has held it for ten ack waits', async () => {
    const service = uniqueService('stuck');
    const subject = `cases.test.${service}`;
    const event = paymentEvent();
    let calls = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const handler = async () => {
      calls++;
      if (calls === 1) await released; // stuck until the test lets it go
    };
    const sub = await bus.subscribe(
      ours({ service, subject, startAt: 'new', ackWaitMs: 200, concurrency: 4, handler }),
    );
    await bus.publish(subject, event);
    // After ten ack waits (2 s) and the next one, the broker delivers it again; it queues behind the stuck one.
    await waitFor(async () => (await jsm.consumers.info('CASES', sub.name)).delivered.consumer_seq >= 2, {
      what: 'the broker to deliver it again',
      timeoutMs: 10_000,
    });
    expect(calls).toBe(1);
    release();
    await waitFor(() => calls === 2, { what: 'the second delivery handled', timeoutMs: 5_000 });
    await sub.stop();
  });

  it("caps the handlers running at once across all of a bus's consumers", async () => {
    const capped = new NatsEventBus({ url: url!, name: 'test-capped', logger: silentLogger, concurrency: 2 });
    await capped.start();
    let running = 0;
    let mostAtOnce = 0;
    let handled = 0;
    const handler = async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      handled++;
    };
    const subs = [
      await capped.subscribe(
        ours({ service: uniqueService('cap-a'), subject: 'cases.performance.recorded', startAt: 'new', handler }),
      ),
      await capped.subscribe(
        ours({ service: uniqueService('cap-b'), subject: 'cases.performance.recorded', startAt: 'new', handler }),
      ),
    ];
    for (let i = 0; i < 10; i++) await capped.publish('cases.performance.recorded', paymentEvent());
    await waitFor(() => handled === 20, { what: 'both consumers handled all ten' });
    for (const sub of subs) await sub.stop();
    await capped.close();
    expect(mostAtOnce).toBe(2);
  });

  it('lets a stopping consumer finish the handlings it started, and acks them', async () => {
    const service = uniqueService('drain');
    const handled: string[] = [];
    let started = 0;
    const handler = async (e: EventEnvelope) => {
      started++;
      await new Promise((r) => setTimeout(r, 200));
      handled.push(e.id);
    };
    const sub = await bus.subscribe(
      ours({ service, subject: 'cases.performance.recorded', startAt: 'new', concurrency: 3, handler }),
    );
    const events = Array.from({ length: 3 }, () => paymentEvent());
    for (const e of events) await bus.publish('cases.performance.recorded', e);
    await waitFor(() => started === 3, { what: 'three handlings started' });
    await sub.stop();
    expect(handled.sort()).toEqual(events.map((e) => e.id).sort());
    const info = await waitFor(
      async () => {
        const i = await jsm.consumers.info('CASES', durableName(service, 'cases.performance.recorded'));
        return i.num_ack_pending === 0 && i;
      },
      { what: 'acks recorded' },
    );
    expect(info.num_redelivered).toBe(0);
    expect(info.delivered.stream_seq).toBe(info.ack_floor.stream_seq);
  });

  it('(d) a malformed message lands on the dead-letter subject with its reason', async () => {
    const service = uniqueService('fault-d');
    const sub = await bus.subscribe(
      ours({ service, subject: 'cases.case.closed', startAt: 'new', handler: async () => undefined }),
    );
    const before = bus.stats.deadLettered;
    await bus.publishRaw('cases.case.closed', '{"type":"cases.case.closed","payload":{}}');
    await waitFor(() => bus.stats.deadLettered > before, { what: 'dead-lettered' });
    const msg = await jsm.streams.getMessage('DEADLETTER', {
      last_by_subj: `deadletter.${durableName(service, 'cases.case.closed')}.cases.case.closed`,
    });
    expect(msg.header.get('Zhiyuan-Dead-Reason')).toMatch(/^validation: envelope: id/);
    expect(msg.header.get('Zhiyuan-Original-Subject')).toBe('cases.case.closed');
    await sub.stop();
  });

  it('provisions a durable consumer for another party to pull from, once', async () => {
    const durable = `partner_test_${uniqueService('p').replace(/-/g, '_')}`;
    await bus.provisionDurable(durable, 'credit.link.changed.BANK_LOAN');
    await bus.provisionDurable(durable, 'credit.link.changed.BANK_LOAN');
    const info = await jsm.consumers.info('PEOPLE_CREDIT', durable);
    expect(info.config.filter_subject).toBe('credit.link.changed.BANK_LOAN');
    expect(info.config.ack_policy).toBe('explicit');
    await jsm.consumers.delete('PEOPLE_CREDIT', durable);
  });

  it('recreates a consumer that was deleted under it', async () => {
    const service = uniqueService('recreate');
    const got: string[] = [];
    const sub = await bus.subscribe(
      ours({ service, subject: 'cases.urging.ended', startAt: 'new', handler: async (e) => void got.push(e.id) }),
    );
    await jsm.consumers.delete('CASES', sub.name);
    const e = paymentEvent();
    // Published on a subject the consumer filters, as a well-formed event of another type is fine for the bus.
    await waitFor(
      async () =>
        await jsm.consumers
          .info('CASES', sub.name)
          .then(() => true)
          .catch(() => false),
      { timeoutMs: 20_000, what: 'consumer recreated' },
    );
    await bus.publishRaw('cases.urging.ended', JSON.stringify(e), e.id);
    await waitFor(() => got.includes(e.id), { timeoutMs: 20_000, what: 'delivery after recreation' });
    await sub.stop();
  }, 40_000);
});
