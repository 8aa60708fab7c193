import { randomUUID } from 'node:crypto';
import {
  EventValidationError,
  InProcessEventBus,
  allContracts,
  parseEnvelope,
  subjectFor,
  type EventEnvelope,
} from '@zhiyuan/events';
import { EVENT_TYPES, buildEvent, publishEvents, silentLogger, waitForHandled } from '../src';

describe('buildEvent', () => {
  it.each(allContracts.map((c) => c.type))('builds a default %s that its contract accepts', (type) => {
    const e = buildEvent(type);
    expect(e.type).toBe(type);
    // What a consumer would do with it on the bus: the envelope and payload both validate.
    expect(parseEnvelope(JSON.stringify(e))).toEqual(e);
    expect(e.key).not.toBe('');
  });

  it('knows every type of the catalogue', () => {
    expect(EVENT_TYPES).toEqual(allContracts.map((c) => c.type));
  });

  it('gives fresh ids on every call', () => {
    const [a, b] = [buildEvent('cases.performance.recorded'), buildEvent('cases.performance.recorded')];
    expect(a.id).not.toBe(b.id);
    expect(a.payload.caseId).not.toBe(b.payload.caseId);
  });

  it('takes payload overrides field by field and keys the event to its aggregate', () => {
    const caseId = randomUUID();
    const e = buildEvent('cases.performance.recorded', { caseId, amountFen: 42 });
    expect(e.payload).toMatchObject({ caseId, amountFen: 42, source: 'VOLUNTARY' });
    expect(e.key).toBe(caseId);
    expect(e.producer).toBe('cases');
    const party = buildEvent('people.party.registered');
    expect([party.key, party.producer]).toEqual([party.payload.partyId, 'people-credit']);
  });

  it('takes envelope overrides', () => {
    const cause = buildEvent('cases.judgment.effective');
    const at = new Date('2024-05-01T00:00:00Z');
    const id = randomUUID();
    const e = buildEvent('cases.urging.started', {}, { producer: 'test', key: 'k', occurredAt: at, cause, id });
    expect(e).toMatchObject({
      id,
      producer: 'test',
      key: 'k',
      occurredAt: at.toISOString(),
      causationId: cause.id,
      correlationId: cause.correlationId,
    });
    const retried = buildEvent('cases.urging.started', {}, { id });
    expect([retried.id, retried.correlationId]).toEqual([id, id]);
  });

  it('throws when an override breaks the contract', () => {
    expect(() => buildEvent('cases.performance.recorded', { amountFen: -1 })).toThrow(EventValidationError);
    expect(() => buildEvent('cases.performance.recorded', { amountFen: -1 })).toThrow(/amountFen/);
    expect(() => buildEvent('cases.judgment.effective', { obligorIds: [] })).toThrow(/obligorIds/);
    expect(() => buildEvent('people.party.registered', { homeDivisionCode: '33' })).toThrow(/homeDivisionCode/);
    expect(() => buildEvent('tasks.task.created', { dueAt: 'tomorrow' })).toThrow(/dueAt/);
  });

  it('throws on an override of a field the contract does not have', () => {
    expect(() => buildEvent('cases.performance.recorded', { amountYuan: 1 } as never)).toThrow(/no field amountYuan/);
  });

  it('throws on a type outside the catalogue', () => {
    expect(() => buildEvent('cases.case.vanished' as never)).toThrow(/unknown event type/);
  });
});

describe('publishEvents and waitForHandled', () => {
  it('publishes on each contract subject and waits for the inbox to hold every event', async () => {
    const bus = new InProcessEventBus(silentLogger);
    await bus.start();
    const link = buildEvent('credit.link.changed', { department: 'ENLISTMENT' });
    const events: EventEnvelope[] = [buildEvent('cases.case.closed'), link];
    await publishEvents(bus, events);
    expect(bus.messages().map((m) => m.subject)).toEqual(['cases.case.closed', subjectFor(link.type, link.payload)]);
    expect(bus.messages()[1]!.subject).toBe('credit.link.changed.ENLISTMENT');

    // An inbox that fills as a handler would: once it holds both ids, the wait ends.
    const inbox = new Set<string>();
    const db = {
      query: async (_sql: string, params?: unknown[]) => [
        { n: (params![0] as string[]).filter((id) => inbox.has(id)).length },
      ],
    };
    const waiting = waitForHandled(db, 'svc', events, { timeoutMs: 5_000 });
    inbox.add(events[0]!.id);
    inbox.add(events[1]!.id);
    await expect(waiting).resolves.toBeUndefined();
    await expect(waitForHandled({ query: async () => [{ n: 0 }] }, 'svc', events, { timeoutMs: 50 })).rejects.toThrow(
      /2 event\(s\) handled by svc/,
    );
    await bus.close();
  });
});
