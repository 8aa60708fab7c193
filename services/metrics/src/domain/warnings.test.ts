import { holds, warningScope } from './warnings';

/** A change as warningScope reads it: rows by kind, the key split into parts. */
const change = (rows: { kind: string; parts: string[] }[]) => ({
  rows: (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ parts: r.parts, n: 1 })),
});

describe('warning conditions', () => {
  it('hold only for a defined, finite value', () => {
    expect(holds(Number.NaN, 'LT', 1)).toBe(false);
    expect(holds(0, 'LTE', 0)).toBe(true);
  });

  it('are looked at only where a change moved their metric', () => {
    const d = change([
      { kind: 'D', parts: ['330522104201', '2024-03-01', 'closed_cases'] },
      { kind: 'D', parts: ['330522104', '2024-03-01', 'listings_added'] },
      { kind: 'D', parts: ['330522', '2024-03-01', 'urgings_started'] },
      { kind: 'S', parts: ['330522104201', 'overdue_tasks'] },
    ]);
    const scope = warningScope(d, null);
    expect([...scope.keys()].sort()).toEqual([
      'ACTUAL_ENFORCEMENT_RATE',
      'COMPLETION_RATE',
      'LISTINGS_RISING',
      'OVERDUE_TASKS',
    ]);
    expect([...scope.get('OVERDUE_TASKS')!]).toEqual(['330522', '330522104', '330522104201']);
    expect([...warningScope(change([]), '330522').get('PARTNER_ACKS_OVERDUE')!]).toEqual(['330522']);
  });
});
