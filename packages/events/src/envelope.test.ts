import { randomUUID } from 'node:crypto';
import { EventValidationError, createEvent, parseEnvelope, subjectFor } from './index';
import { paymentEvent } from '../test/factories';

describe('event envelope', () => {
  it('creates a validated envelope carrying correlation from its cause', () => {
    const cause = paymentEvent();
    const e = createEvent('credit.link.changed', {
      changeId: randomUUID(), partyId: randomUUID(), department: 'BANK_LOAN', status: 'CLEAR', idNumberMasked: '3305221990****1234',
      name: '张三', listingIds: [], reason: 'LISTING_REMOVED', changedAt: new Date().toISOString(),
    }, { producer: 'people-credit', key: 'p1', cause });
    expect(e.correlationId).toBe(cause.correlationId);
    expect(e.causationId).toBe(cause.id);
    expect(e.version).toBe(1);
    expect(subjectFor(e.type, e.payload)).toBe('credit.link.changed.BANK_LOAN');
  });

  it('refuses a payload that breaks its contract', () => {
    expect(() => createEvent('cases.performance.recorded', { caseId: 'nope' } as never, { producer: 'cases', key: 'k' })).toThrow(EventValidationError);
  });

  it('parses bytes and rejects malformed messages with a reason', () => {
    const e = paymentEvent();
    expect(parseEnvelope(Buffer.from(JSON.stringify(e))).id).toBe(e.id);
    expect(() => parseEnvelope('{not json')).toThrow('message is not valid JSON');
    expect(() => parseEnvelope({ ...e, type: 'cases.unknown' })).toThrow('unknown event type cases.unknown');
    expect(() => parseEnvelope({ ...e, payload: { ...e.payload, amountFen: -1 } })).toThrow(/amountFen/);
    expect(() => parseEnvelope({ ...e, version: 9 })).toThrow(/newer than this consumer knows/);
  });
});
