import { LOCALES } from '@zhiyuan/kernel';
import { classify, courtOverride, type ProfileInputs } from './capacity-profile';
import { CREDIT_REASON_CODES, CREDIT_REASON_TEXTS, creditReasonText } from './reason-texts';

const HAN = /[\u4e00-\u9fff]/;
const base: ProfileInputs = {
  age: 40,
  disability: false,
  seriousIllness: false,
  lowIncome: false,
  outstandingFen: 100_000,
  paymentsCount: 0,
  missedInstalments: 0,
  declaration: null,
  whereabouts: null,
};
const now = new Date('2024-06-03T02:00:00Z');

describe('credit reason texts', () => {
  it('every code has a Chinese and an English text', () => {
    for (const code of CREDIT_REASON_CODES) {
      for (const locale of LOCALES) {
        const t = CREDIT_REASON_TEXTS[code][locale]({});
        expect(t.length).toBeGreaterThan(1);
        if (locale === 'zh-CN') expect(t).toMatch(HAN);
        else expect(t).not.toMatch(HAN);
      }
    }
  });

  it('every code the classification and the override can give is in the list', () => {
    const cases: ProfileInputs[] = [
      { ...base, age: 75, disability: true, seriousIllness: true },
      { ...base, whereabouts: { found: false, assetsSeen: ['car'] }, missedInstalments: 2 },
      { ...base, declaration: { monthlyIncomeFen: 500_000, assetsValueFen: 200_000, dependants: 0 } },
      { ...base, lowIncome: true, declaration: { monthlyIncomeFen: 100_000, assetsValueFen: 10_000, dependants: 3 } },
      { ...base, declaration: { monthlyIncomeFen: 100_000, assetsValueFen: null, dependants: 0 } },
      { ...base, declaration: { monthlyIncomeFen: 900_000, assetsValueFen: 10_000, dependants: 0 } },
      { ...base, outstandingFen: 0 },
      { ...base, paymentsCount: 1, missedInstalments: 1 },
      base,
    ];
    const given = new Set(cases.flatMap((i) => classify(i, now).reasonCodes));
    for (const months of [1, 2, 3])
      for (const c of courtOverride('HONEST_IN_DIFFICULTY', months, now).reasonCodes) given.add(c);
    for (const c of courtOverride('EVASIVE', null, now).reasonCodes) given.add(c);
    expect([...given].filter((c) => !(CREDIT_REASON_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(given.size).toBe(CREDIT_REASON_CODES.length);
  });

  it('reads a code in either language', () => {
    expect(creditReasonText('GRACE_2_MONTHS', 'zh-CN')).toBe('给予两个月宽限期');
    expect(creditReasonText('ABLE_BUT_NOT_PAYING', 'en')).toBe('Able to pay but not paying');
    expect(creditReasonText('UNKNOWN_CODE', 'en')).toBe('UNKNOWN_CODE');
  });
});
