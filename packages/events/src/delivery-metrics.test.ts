import { registry } from '@zhiyuan/telemetry';
import { silentLogger, waitFor } from '@zhiyuan/testing';
import { InProcessEventBus } from './index';
import { paymentEvent } from '../test/factories';

/** The value of a series' sample for one consumer (0 when it has none yet). */
async function sample(series: string, consumer: string, outcome?: string): Promise<number> {
  const metric = await registry.getSingleMetric(series)?.get();
  const v = metric?.values.find(
    (x) => x.labels.consumer === consumer && (outcome === undefined || x.labels.outcome === outcome),
  );
  return v?.value ?? 0;
}

describe('consumer series of a bus', () => {
  it('count a redelivery, the handled outcome and the lag of the consumer whose handler failed once', async () => {
    const bus = new InProcessEventBus(silentLogger);
    let calls = 0;
    const sub = await bus.subscribe({
      service: 'metrics-test',
      subject: 'cases.performance.recorded',
      name: 'fails-once',
      handler: async () => {
        if (++calls === 1) throw new Error('not yet');
      },
    });
    const consumer = sub.name;
    const event = { ...paymentEvent(), occurredAt: new Date(Date.now() - 5_000).toISOString() };
    await bus.publish('cases.performance.recorded', event);
    await waitFor(async () => (await sample('zhiyuan_consumer_events_total', consumer, 'ack')) === 1, {
      what: 'the event handled on its second delivery',
    });
    expect(await sample('zhiyuan_consumer_redeliveries_total', consumer)).toBe(1);
    expect(await sample('zhiyuan_consumer_events_total', consumer, 'retry')).toBe(1);
    expect(await sample('zhiyuan_consumer_lag_seconds', consumer)).toBeGreaterThanOrEqual(5);
    expect(await sample('zhiyuan_dead_letters_total', consumer)).toBe(0);
    await bus.close();
  });

  it('count a dead letter for the consumer that gave up', async () => {
    const bus = new InProcessEventBus(silentLogger);
    const sub = await bus.subscribe({
      service: 'metrics-test',
      subject: 'cases.case.closed',
      name: 'gives-up',
      handler: async () => undefined,
    });
    await bus.publishRaw('cases.case.closed', '{"not":"an event"}');
    await waitFor(async () => (await sample('zhiyuan_dead_letters_total', sub.name)) === 1, {
      what: 'the dead letter counted',
    });
    expect(await sample('zhiyuan_consumer_events_total', sub.name, 'dead')).toBe(1);
    await bus.close();
  });
});
