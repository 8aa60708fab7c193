import { KPI_COLUMNS, kpiValue, medianOf, SUM_COLUMNS, type Kpi, type Sums } from '../src/projection/kpis';
import { resolvePeriod } from '../src/projection/period';
import { score } from '../src/projection/scores';
import { dayIn, levelOf, routingOf, routingOfCode } from '../src/projection/settings';
import { holds } from '../src/domain/warnings';

const sums = (over: Partial<Sums>): Sums => ({
  ...(Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums),
  ...over,
});

describe('periods', () => {
  it('spans the day, month, quarter or year around a date', () => {
    expect(resolvePeriod({ kind: 'DAY', date: '2024-02-29' })).toEqual({
      kind: 'DAY',
      from: '2024-02-29',
      to: '2024-02-29',
    });
    expect(resolvePeriod({ kind: 'MONTH', date: '2024-02-10' })).toEqual({
      kind: 'MONTH',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(resolvePeriod({ kind: 'QUARTER', date: '2024-12-31' })).toEqual({
      kind: 'QUARTER',
      from: '2024-10-01',
      to: '2024-12-31',
    });
    expect(resolvePeriod({ kind: 'YEAR', date: '2023-07-01' })).toEqual({
      kind: 'YEAR',
      from: '2023-01-01',
      to: '2023-12-31',
    });
    expect(resolvePeriod({ kind: 'CUSTOM', from: '2024-01-05', to: '2024-02-05' })).toEqual({
      kind: 'CUSTOM',
      from: '2024-01-05',
      to: '2024-02-05',
    });
  });

  it('refuses incomplete, reversed, overlong or malformed periods naming the field', () => {
    const field = (p: unknown) => {
      try {
        resolvePeriod(p);
        return 'accepted';
      } catch (err) {
        return (err as { extensions: { field: string } }).extensions.field;
      }
    };
    expect(field({ kind: 'YEAR' })).toBe('period.date');
    expect(field({ kind: 'CUSTOM', from: '2024-01-01' })).toBe('period.to');
    expect(field({ kind: 'CUSTOM', from: '2024-02-01', to: '2024-01-01' })).toBe('period.to');
    expect(field({ kind: 'CUSTOM', from: '2000-01-01', to: '2024-01-01' })).toBe('period.to');
    expect(field({ kind: 'MONTH', date: '2024-13-01' })).toBe('period.date');
    expect(field({ kind: 'WEEK', date: '2024-01-01' })).toBe('period.kind');
  });
});

describe('KPI arithmetic', () => {
  it('computes rates from summed figures and leaves them null without a denominator', () => {
    const s = sums({
      closed_cases: 4,
      completed_cases: 1,
      performed_after_urging: 1,
      settled_cases: 1,
      amount_applied_fen: 400,
      amount_recovered_fen: 100,
      days_open_sum: 90,
    });
    expect(kpiValue('COMPLETION_RATE', s)).toBe(0.25);
    expect(kpiValue('ACTUAL_ENFORCEMENT_RATE', s)).toBe(0.75);
    expect(kpiValue('AMOUNT_RECOVERED_RATE', s)).toBe(0.25);
    expect(kpiValue('AVERAGE_DAYS_TO_CLOSE', s)).toBe(22.5);
    expect(kpiValue('VOLUNTARY_PERFORMANCE_RATE', s)).toBeNull();
    expect(kpiValue('COMPLETION_RATE', sums({}))).toBeNull();
  });

  it('computes every KPI from its own columns alone (a ranking or series sums only those)', () => {
    // Distinct non-zero figures, so a KPI reading a column its list leaves out comes out different.
    const full = sums(Object.fromEntries(SUM_COLUMNS.map((c, i) => [c, 3 + i * 7])));
    for (const kpi of Object.keys(KPI_COLUMNS) as Kpi[]) {
      const only = sums(Object.fromEntries(KPI_COLUMNS[kpi].map((c) => [c, full[c]])));
      expect([kpi, kpiValue(kpi, only)]).toEqual([kpi, kpiValue(kpi, full)]);
    }
  });

  it('takes the median of a histogram of days open', () => {
    expect(medianOf(new Map())).toBeNull();
    expect(
      medianOf(
        new Map([
          [20, 1],
          [30, 1],
          [40, 1],
          [400, 1],
        ]),
      ),
    ).toBe(35);
    expect(
      medianOf(
        new Map([
          [5, 3],
          [9, 1],
        ]),
      ),
    ).toBe(5);
    expect(
      medianOf(
        new Map([
          [1, 1],
          [2, 0],
          [7, 1],
          [8, 1],
        ]),
      ),
    ).toBe(7);
  });

  it('weights each outcome and explains the score', () => {
    const r = score(
      new Map([
        ['PERFORMED_AFTER_URGING', 3],
        ['COMPLETED', 2],
      ]),
      { weights: { PERFORMED_AFTER_URGING: 1.5, COMPLETED: 1 } },
    );
    expect(r.rawCount).toBe(5);
    expect(r.weightedScore).toBe(6.5);
    expect(r.byOutcome.find((o) => o.outcome === 'PERFORMED_AFTER_URGING')).toEqual({
      outcome: 'PERFORMED_AFTER_URGING',
      count: 3,
      weight: 1.5,
      weighted: 4.5,
    });
  });
});

describe('divisions, days and comparisons', () => {
  it('derives the township and county a village belongs to', () => {
    expect(routingOf('330522104201', null)).toEqual({
      county: '330522',
      township: '330522104',
      village: '330522104201',
    });
    expect(routingOf(null, '330522106')).toEqual({ county: '330522', township: '330522106', village: null });
    expect(routingOf(null, null)).toEqual({ county: null, township: null, village: null });
    expect(routingOfCode('330522106')).toEqual({ county: '330522', township: '330522106', village: null });
    expect(levelOf('330522')).toBe('COUNTY');
    expect(levelOf('330522104201')).toBe('VILLAGE');
  });

  it('counts an instant on its calendar day in the configured time zone', () => {
    expect(dayIn('2024-03-31T17:00:00Z', 'Asia/Shanghai')).toBe('2024-04-01');
    expect(dayIn('2024-03-31T15:59:59Z', 'Asia/Shanghai')).toBe('2024-03-31');
    expect(dayIn('2024-03-31T17:00:00Z', 'UTC')).toBe('2024-03-31');
  });

  it('holds a warning condition only for a defined value', () => {
    expect(holds(0.5, 'LT', 0.6)).toBe(true);
    expect(holds(0.6, 'LT', 0.6)).toBe(false);
    expect(holds(0.6, 'LTE', 0.6)).toBe(true);
    expect(holds(6, 'GT', 5)).toBe(true);
    expect(holds(5, 'GTE', 5)).toBe(true);
    expect(holds(null, 'LT', 0.6)).toBe(false);
  });
});
