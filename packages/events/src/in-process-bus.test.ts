import { randomUUID } from 'node:crypto';
import { InProcessEventBus, type EventEnvelope } from './index';
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
    await bus.subscribe({
      service: 'r',
      subject: 'cases.>',
      startAt: { sequence: 2 },
      handler: async (e) => void got.push(e.id),
    });
    await waitFor(() => got.includes(events[2]!.id), { what: 'the replay up to the last event' });
    expect(got).toEqual([events[1]!.id, events[2]!.id]);
  });

  it('hands a subscriber a version-1 credit.link.changed without its name, and dead-letters a version it does not accept', async () => {
    const bus = new InProcessEventBus(silentLogger);
    const got: EventEnvelope[] = [];
    await bus.subscribe({ service: 'm', subject: 'credit.link.changed.*', handler: async (e) => void got.push(e) });
    const envelope = (version: number) => {
      const id = randomUUID();
      const payload = {
        changeId: randomUUID(),
        partyId: randomUUID(),
        department: 'BANK_LOAN',
        status: 'RESTRICTED',
        idNumberMasked: '3305221990****1234',
        name: '张三',
        listingIds: [],
        reason: 'LISTED:ABLE_BUT_REFUSES',
        changedAt: new Date().toISOString(),
      };
      return JSON.stringify({
        id,
        type: 'credit.link.changed',
        version,
        occurredAt: new Date().toISOString(),
        producer: 'people-credit',
        correlationId: id,
        causationId: null,
        key: payload.partyId,
        payload,
      });
    };
    await bus.publishRaw('credit.link.changed.BANK_LOAN', envelope(1));
    await bus.publishRaw('credit.link.changed.BANK_LOAN', envelope(3));
    // Both accounted for (one handled, one dead-lettered), so no later delivery can change what is asserted.
    await waitFor(() => got.length + bus.deadLetters.length >= 2, { what: 'both messages handled or dead-lettered' });
    expect(got).toHaveLength(1);
    expect(got[0]!.payload).not.toHaveProperty('name');
    expect(got[0]!.payload).toMatchObject({
      department: 'BANK_LOAN',
      status: 'RESTRICTED',
      idNumberMasked: '3305221990****1234',
    });
    expect(bus.deadLetters.map((d) => d.reason)).toEqual([
      expect.stringMatching(/version 3 is newer than this consumer knows/),
    ]);
  });
});
