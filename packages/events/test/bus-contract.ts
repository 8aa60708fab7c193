import type { EventBus, EventEnvelope } from '../src';
import { ours, paymentEvent } from './factories';
import { uniqueService, waitFor } from '@zhiyuan/testing';

/**
 * The behaviour both buses must share. Run against the in-process bus (unit) and JetStream (int).
 */
export function busContract(name: string, makeBus: () => Promise<EventBus>): void {
  describe(`${name}: event bus contract`, () => {
    let bus: EventBus;
    beforeEach(async () => {
      bus = await makeBus();
    });
    afterEach(async () => {
      await bus.close();
    });

    it('delivers a published event to a durable consumer once, and drops a republished id', async () => {
      const service = uniqueService('svc');
      const got: EventEnvelope[] = [];
      const sub = await bus.subscribe(
        ours({
          service,
          subject: 'cases.performance.recorded',
          startAt: 'new',
          handler: async (e) => void got.push(e),
        }),
      );
      const e = paymentEvent();
      await bus.publish('cases.performance.recorded', e);
      await bus.publish('cases.performance.recorded', e);
      // An event of the same key published after them: once it is handled, a duplicate would have been too.
      const after = paymentEvent(e.payload.caseId);
      await bus.publish('cases.performance.recorded', after);
      await waitFor(() => got.some((g) => g.id === after.id), { what: 'the event published after' });
      expect(got.map((g) => g.id)).toEqual([e.id, after.id]);
      await sub.stop();
    });

    it('redelivers after a handler failure, and a durable consumer resumes where it stopped', async () => {
      const service = uniqueService('svc');
      let failures = 0;
      const got: string[] = [];
      const handler = async (e: EventEnvelope) => {
        if (failures < 2) {
          failures++;
          throw new Error('transient');
        }
        got.push(e.id);
      };
      let sub = await bus.subscribe(ours({ service, subject: 'cases.performance.recorded', startAt: 'new', handler }));
      const a = paymentEvent();
      await bus.publish('cases.performance.recorded', a);
      await waitFor(() => got.length === 1, { what: 'redelivered event' });
      await sub.stop();
      const b = paymentEvent();
      await bus.publish('cases.performance.recorded', b);
      sub = await bus.subscribe(ours({ service, subject: 'cases.performance.recorded', startAt: 'new', handler }));
      await waitFor(() => got.length === 2, { what: 'event published while stopped' });
      expect(got).toEqual([a.id, b.id]);
      expect(bus.stats.redelivered).toBeGreaterThanOrEqual(2);
      await sub.stop();
    });

    it('dead-letters a malformed message with its reason and counts it, then goes on', async () => {
      const service = uniqueService('svc');
      const got: string[] = [];
      const dead: string[] = [];
      const sub = await bus.subscribe(
        ours({
          service,
          subject: 'cases.performance.recorded',
          startAt: 'new',
          handler: async (e) => void got.push(e.id),
        }),
      );
      const dl = await bus
        .subscribe(
          ours({
            service: `${service}-dlq`,
            subject: `deadletter.${sub.name}.>`,
            startAt: 'new',
            handler: async () => undefined,
          }),
        )
        .catch(() => undefined);
      await bus.publishRaw('cases.performance.recorded', JSON.stringify({ hello: 'world' }));
      const good = paymentEvent();
      await bus.publish('cases.performance.recorded', good);
      await waitFor(() => got.length === 1);
      await waitFor(() => bus.stats.deadLettered >= 1, { what: 'dead letter' });
      expect(got).toEqual([good.id]);
      dead.push('ok');
      await dl?.stop();
      await sub.stop();
    });

    it('dead-letters a message whose handler keeps failing after maxDeliver attempts', async () => {
      const service = uniqueService('svc');
      let attempts = 0;
      const sub = await bus.subscribe(
        ours({
          service,
          subject: 'cases.performance.recorded',
          startAt: 'new',
          maxDeliver: 3,
          handler: async () => {
            attempts++;
            throw new Error('poison');
          },
        }),
      );
      await bus.publish('cases.performance.recorded', paymentEvent());
      await waitFor(() => bus.stats.deadLettered >= 1, { what: 'poison message dead-lettered', timeoutMs: 15_000 });
      expect(attempts).toBe(3);
      await sub.stop();
    });
  });
}
