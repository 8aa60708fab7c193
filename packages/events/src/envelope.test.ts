import { randomUUID } from 'node:crypto';
import { EventValidationError, createEvent, parseEnvelope, subjectFor } from './index';
import { paymentEvent } from '../test/factories';

const linkChange = () => ({
  changeId: randomUUID(),
  partyId: randomUUID(),
  department: 'BANK_LOAN' as const,
  status: 'CLEAR' as const,
  idNumberMasked: '3305221990****1234',
  listingIds: [],
  reason: 'LISTING_REMOVED',
  changedAt: new Date().toISOString(),
});

describe('event envelope', () => {
  it('creates a validated envelope carrying correlation from its cause', () => {
    const cause = paymentEvent();
    const e = createEvent('credit.link.changed', linkChange(), { producer: 'people-credit', key: 'p1', cause });
    expect(e.correlationId).toBe(cause.correlationId);
    expect(e.causationId).toBe(cause.id);
    expect(e.version).toBe(2);
    expect(subjectFor(e.type, e.payload)).toBe('credit.link.changed.BANK_LOAN');
  });

  it('refuses a payload that breaks its contract', () => {
    expect(() =>
      createEvent('cases.performance.recorded', { caseId: 'nope' } as never, { producer: 'cases', key: 'k' }),
    ).toThrow(EventValidationError);
  });

  it('parses bytes and rejects malformed messages with a reason', () => {
    const e = paymentEvent();
    expect(parseEnvelope(Buffer.from(JSON.stringify(e))).id).toBe(e.id);
    expect(() => parseEnvelope('{not json')).toThrow('message is not valid JSON');
    expect(() => parseEnvelope({ ...e, type: 'cases.unknown' })).toThrow('unknown event type cases.unknown');
    expect(() => parseEnvelope({ ...e, payload: { ...e.payload, amountFen: -1 } })).toThrow(/amountFen/);
    expect(() => parseEnvelope({ ...e, version: 9 })).toThrow(/newer than this consumer knows/);
  });

  describe('credit.link.changed carries no name (version 2)', () => {
    it('publishes version 2 without a name, even when a producer passes one', () => {
      const e = createEvent('credit.link.changed', { ...linkChange(), name: '张三' } as never, {
        producer: 'people-credit',
        key: 'p1',
      });
      expect(e.version).toBe(2);
      expect(e.payload).not.toHaveProperty('name');
      expect(JSON.stringify(e)).not.toContain('张三');
    });

    it('accepts a version-1 event still in the stream and drops its name', () => {
      const v2 = createEvent('credit.link.changed', linkChange(), { producer: 'people-credit', key: 'p1' });
      const v1 = { ...v2, version: 1, payload: { ...v2.payload, name: '张三' } };
      const parsed = parseEnvelope(Buffer.from(JSON.stringify(v1)));
      expect(parsed.version).toBe(1);
      expect(parsed.payload).toEqual(v2.payload);
      expect(JSON.stringify(parsed)).not.toContain('张三');
    });

    it('validates a version-1 event against its own contract', () => {
      const v2 = createEvent('credit.link.changed', linkChange(), { producer: 'people-credit', key: 'p1' });
      expect(() => parseEnvelope({ ...v2, version: 1 })).toThrow(/v1: name/);
      expect(() => parseEnvelope({ ...v2, version: 3 })).toThrow(/newer than this consumer knows/);
    });
  });
});
