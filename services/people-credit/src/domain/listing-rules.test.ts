import {
  checkListable,
  creditLinkStatus,
  listingExpiry,
  monthsAfter,
  relistingBlockedUntil,
  removalGroundOfOutcome,
  type ListingCandidate,
} from './listing-rules';

const now = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai

const candidate = (over: Partial<ListingCandidate> = {}): ListingCandidate => ({
  party: { id: 'p', kind: 'PERSON', birthDate: '1980-05-17' },
  case: { obligorIds: ['p'], amountOwedFen: 5_000_000, outstandingFen: 5_000_000, closedAt: null },
  profile: null,
  ...over,
});

const ruleOf = (c: ListingCandidate) => {
  try {
    checkListable(c, now);
    return null;
  } catch (err) {
    return (err as { extensions: { rule?: string } }).extensions.rule;
  }
};

describe('terms in court days', () => {
  it('keeps the time of day and the day of the month where it exists', () => {
    expect(monthsAfter(new Date('2026-08-31T04:00:00Z'), 6).toISOString()).toBe('2027-02-28T04:00:00.000Z');
    expect(monthsAfter(new Date('2026-01-15T04:00:00Z'), -6).toISOString()).toBe('2025-07-15T04:00:00.000Z');
  });

  it('counts the day in Shanghai: late evening UTC is already the next court day', () => {
    // 2026-01-31T20:00Z is 1 February 04:00 in Shanghai: one month later is 1 March.
    expect(monthsAfter(new Date('2026-01-31T20:00:00Z'), 1).toISOString()).toBe('2026-02-28T20:00:00.000Z');
  });

  it('gives a 2-year term plus the extension, and none to "able but refuses"', () => {
    expect(listingExpiry('EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS', now, 0)?.toISOString()).toBe(
      '2028-03-02T02:00:00.000Z',
    );
    expect(listingExpiry('OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS', now, 3)?.toISOString()).toBe(
      '2031-03-02T02:00:00.000Z',
    );
    expect(listingExpiry('ABLE_BUT_REFUSES', now, 0)).toBeNull();
  });

  it("blocks re-listing on the same rights holder's application for 6 months", () => {
    expect(relistingBlockedUntil(now).toISOString()).toBe('2026-09-02T02:00:00.000Z');
  });
});

describe('listing refusals', () => {
  it('lists an adult obligor with an outstanding obligation', () => {
    expect(ruleOf(candidate())).toBeNull();
  });

  it('refuses in the order of the rules', () => {
    expect(ruleOf(candidate({ case: null }))).toBe('CASE_UNKNOWN');
    expect(
      ruleOf(candidate({ case: { obligorIds: ['other'], amountOwedFen: 1, outstandingFen: 1, closedAt: null } })),
    ).toBe('NOT_AN_OBLIGOR');
    expect(
      ruleOf(candidate({ case: { obligorIds: ['p'], amountOwedFen: 1, outstandingFen: 0, closedAt: null } })),
    ).toBe('NO_OUTSTANDING_OBLIGATION');
    expect(ruleOf(candidate({ case: { obligorIds: ['p'], amountOwedFen: 1, outstandingFen: 1, closedAt: now } }))).toBe(
      'NO_OUTSTANDING_OBLIGATION',
    );
    expect(ruleOf(candidate({ party: { id: 'p', kind: 'PERSON', birthDate: '2010-01-01' } }))).toBe('MINOR');
    expect(ruleOf(candidate({ profile: { classification: 'HONEST_IN_DIFFICULTY', graceUntil: '2026-03-02' } }))).toBe(
      'GRACE_PERIOD',
    );
    expect(
      ruleOf(candidate({ profile: { classification: 'HONEST_IN_DIFFICULTY', graceUntil: '2026-03-01' } })),
    ).toBeNull();
    expect(ruleOf(candidate({ profile: { classification: 'UNABLE', graceUntil: null } }))).toBe('UNABLE_TO_PERFORM');
  });
});

describe('removal and links', () => {
  it('takes the removal ground from the case outcome', () => {
    expect(removalGroundOfOutcome('SETTLED_AND_PERFORMED')).toBe('SETTLED_AND_PERFORMED');
    expect(removalGroundOfOutcome('COMPLETED')).toBe('FULL_PERFORMANCE');
    expect(removalGroundOfOutcome('PERFORMED_AFTER_URGING')).toBe('FULL_PERFORMANCE');
    expect(removalGroundOfOutcome('TERMINATED_THIS_ROUND')).toBe('CASE_CLOSED');
  });

  it('restricts while a listing is active', () => {
    expect(creditLinkStatus(2)).toBe('RESTRICTED');
    expect(creditLinkStatus(0)).toBe('CLEAR');
  });
});
