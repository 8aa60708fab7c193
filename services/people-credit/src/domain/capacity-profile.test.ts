import { classify, courtGraceRunning, type ProfileInputs } from './capacity-profile';

const now = new Date('2026-03-01T00:00:00Z');
const base: ProfileInputs = {
  age: 40,
  disability: false,
  seriousIllness: false,
  lowIncome: false,
  outstandingFen: 1_000_000,
  paymentsCount: 0,
  missedInstalments: 0,
  declaration: null,
  whereabouts: null,
};

describe('capacity profile classification', () => {
  it('is COMPLIANT without adverse signals', () => {
    expect(classify(base, now)).toEqual({
      classification: 'COMPLIANT',
      reasonCodes: ['NO_ADVERSE_SIGNAL'],
      graceUntil: null,
    });
  });

  it('is UNABLE for old age, disability or illness when assets do not cover the debt', () => {
    expect(classify({ ...base, age: 78 }, now).classification).toBe('UNABLE');
    expect(classify({ ...base, disability: true, seriousIllness: true }, now).reasonCodes).toEqual([
      'DISABILITY',
      'SERIOUS_ILLNESS',
      'RECOMMEND_RELIEF_OR_EXIT',
    ]);
    const rich = { ...base, age: 78, declaration: { monthlyIncomeFen: 0, assetsValueFen: 5_000_000, dependants: 0 } };
    expect(classify(rich, now).classification).toBe('EVASIVE');
  });

  it('is EVASIVE when not found, with two missed instalments, or with assets and no payment', () => {
    expect(classify({ ...base, whereabouts: { found: false, assetsSeen: [] } }, now).reasonCodes).toContain(
      'NOT_FOUND_AT_HOME',
    );
    expect(classify({ ...base, missedInstalments: 2, paymentsCount: 1 }, now).reasonCodes).toEqual([
      'MISSED_INSTALMENTS',
      'RECOMMEND_COERCIVE_MEASURES',
    ]);
    expect(classify({ ...base, whereabouts: { found: true, assetsSeen: ['CAR'] } }, now).reasonCodes).toContain(
      'ABLE_BUT_NOT_PAYING',
    );
  });

  it('gives HONEST_IN_DIFFICULTY a grace period of 1 to 3 months', () => {
    const low = classify(
      { ...base, declaration: { monthlyIncomeFen: 150_000, assetsValueFen: 0, dependants: 0 } },
      now,
    );
    expect(low).toEqual({
      classification: 'HONEST_IN_DIFFICULTY',
      reasonCodes: ['DECLARED_PROPERTY', 'LOW_DECLARED_INCOME', 'ASSETS_BELOW_DEBT', 'GRACE_2_MONTHS'],
      graceUntil: '2026-05-01',
    });
    expect(classify({ ...base, lowIncome: true }, now).graceUntil).toBe('2026-06-01');
    expect(
      classify({ ...base, declaration: { monthlyIncomeFen: 900_000, assetsValueFen: 10, dependants: 0 } }, now)
        .graceUntil,
    ).toBe('2026-04-01');
  });

  it('is COMPLIANT with nothing outstanding', () => {
    expect(classify({ ...base, outstandingFen: 0, paymentsCount: 3 }, now).reasonCodes).toEqual([
      'NO_OUTSTANDING_OBLIGATION',
      'PAYING',
    ]);
  });
});

describe('a grace period the court granted', () => {
  it('runs through its last day (China time) and only as the court decided it', () => {
    expect(courtGraceRunning({ overridden: true, graceUntil: '2026-03-01' }, now)).toBe(true);
    expect(courtGraceRunning({ overridden: true, graceUntil: '2026-02-28' }, now)).toBe(false);
    expect(courtGraceRunning({ overridden: false, graceUntil: '2026-04-01' }, now)).toBe(false);
    expect(courtGraceRunning({ overridden: true, graceUntil: null }, now)).toBe(false);
    expect(courtGraceRunning(null, now)).toBe(false);
  });
});
