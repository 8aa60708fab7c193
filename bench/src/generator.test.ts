import {
  Dataset,
  isValidCreditCode,
  isValidResidentId,
  residentIdCheckDigit,
  creditCodeCheckChar,
  Rng,
  SCALES,
} from './generator';

describe('data generator', () => {
  it('computes the GB 11643 check digit of published examples', () => {
    // The example of the standard's annex and a number ending in X.
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('computes the GB 32100 check character of a known code', () => {
    // A published unified social credit code (Tencent's Shenzhen company).
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
    expect(isValidCreditCode('91440300708461136T')).toBe(true);
    expect(isValidCreditCode('91440300708461136U')).toBe(false);
  });

  it('is deterministic for a seed and different for another', () => {
    const a = new Dataset('county', 7);
    const b = new Dataset('county', 7);
    const c = new Dataset('county', 8);
    expect(JSON.stringify([a.party(123), a.judgment(456)])).toBe(JSON.stringify([b.party(123), b.judgment(456)]));
    expect(JSON.stringify(a.judgment(456))).not.toBe(JSON.stringify(c.judgment(456)));
    expect(new Rng(1, 'x').uint32()).toBe(new Rng(1, 'x').uint32());
  });

  it('produces the county shape with valid, unique identifiers', () => {
    const ds = new Dataset('county');
    const divisions = [...ds.divisions()];
    expect(divisions.filter((d) => d.level === 'TOWNSHIP')).toHaveLength(16);
    expect(divisions.filter((d) => d.level === 'VILLAGE')).toHaveLength(272);
    expect(divisions.every((d) => (d.level === 'VILLAGE' ? d.code.length === 12 : true))).toBe(true);
    const ids = new Set<string>();
    let orgs = 0;
    for (const p of ds.parties()) {
      expect(p.kind === 'PERSON' ? isValidResidentId(p.idNumber) : isValidCreditCode(p.idNumber)).toBe(true);
      if (p.kind === 'ORGANIZATION') orgs++;
      ids.add(p.idNumber);
    }
    expect(ids.size).toBe(SCALES.county.partiesPerCounty);
    expect(orgs / ids.size).toBeGreaterThan(0.1);
    expect(orgs / ids.size).toBeLessThan(0.25);
  });

  it('gives about a third of judgments performance after urging and plausible amounts and dates', () => {
    const ds = new Dataset('county');
    const rows = [...ds.judgments(0, 3000)];
    const urged = rows.filter((r) => r.outcome === 'PERFORMED_AFTER_URGING').length / rows.length;
    expect(urged).toBeGreaterThan(0.28);
    expect(urged).toBeLessThan(0.4);
    const principals = rows.map((r) => r.principalFen).sort((x, y) => x - y);
    const median = principals[Math.floor(principals.length / 2)];
    expect(median).toBeGreaterThan(2_000_000);
    expect(median).toBeLessThan(4_500_000);
    expect(new Set(rows.map((r) => r.caseNumber)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.effectiveDate >= '2023-11-01' && r.effectiveDate <= '2026-10-31').toBe(true);
      expect(r.obligorIndex).not.toBe(r.obligeeIndex);
      const paid = r.steps
        .filter((s) => s.kind === 'payment')
        .reduce((s, p) => s + (p.kind === 'payment' ? p.amountFen : 0), 0);
      expect(paid).toBeLessThanOrEqual(r.principalFen + r.interestFen + r.costsFen);
    }
  });

  it('derives a province-scale row without generating the ones before it', () => {
    const ds = new Dataset('province');
    expect(ds.totalJudgments).toBe(1_000_000);
    const last = ds.judgment(999_999);
    expect(last.obligorIndex).toBeGreaterThanOrEqual(99 * 20_000);
    expect(isValidResidentId(ds.party(1_999_999).idNumber) || isValidCreditCode(ds.party(1_999_999).idNumber)).toBe(
      true,
    );
  });

  it('gives every settlement instalments that fall due in increasing order, from the day it was agreed', () => {
    const ds = new Dataset('county');
    let plans = 0;
    for (const j of ds.judgments(0, ds.totalJudgments)) {
      for (const step of j.steps) {
        if (step.kind !== 'settlement') continue;
        plans++;
        const due = step.instalments.map((i) => i.dueDate);
        expect(due[0]! >= step.on).toBe(true);
        for (let k = 1; k < due.length; k++) expect(due[k]! > due[k - 1]!).toBe(true);
      }
    }
    expect(plans).toBeGreaterThan(1_000);
  });
});
