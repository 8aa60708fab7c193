import { InProcessEventBus } from './index';
import { busContract } from '../test/bus-contract';
import { silentLogger, waitFor } from '@zhiyuan/testing';
import { paymentEvent } from '../test/factories';

busContract('in-process', async () => {
  const bus = new InProcessEventBus(silentLogger);
  await bus.start();
  return bus;
});

describe('in-process bus specifics', () => {
  it('keeps the dead letter with its reason on the dead-letter subject', async () => {
    const bus = new InProcessEventBus(silentLogger);
    await bus.subscribe({ service: 's', subject: 'cases.>', handler: async () => undefined });
    await bus.publishRaw('cases.case.closed', '{"id":1}');
    await waitFor(() => bus.deadLetters.length > 0, { what: 'the dead letter' });
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]!.reason).toMatch(/^validation: envelope: id/);
    expect(bus.messages('deadletter.>')).toHaveLength(1);
  });

  it('replays from a sequence for a new consumer', async () => {
    const bus = new InProcessEventBus(silentLogger);
    const events = [paymentEvent(), paymentEvent(), paymentEvent()];
    for (const e of events) await bus.publish('cases.performance.recorded', e);
    const got: string[] = [];
    await bus.subscribe({ service: 'r', subject: 'cases.>', startAt: { sequence: 2 }, handler: async (e) => void got.push(e.id) });
    await waitFor(() => got.includes(events[2]!.id), { what: 'the replay up to the last event' });
    expect(got).toEqual([events[1]!.id, events[2]!.id]);
  });
});
