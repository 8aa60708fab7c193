import { daysOpen, isOverdue } from './case-rules';

describe('case rules', () => {
  it('counts days open in court days', () => {
    expect(daysOpen('2024-06-01', new Date('2024-06-16T02:00:00Z'))).toBe(15);
    expect(daysOpen('2024-06-20', new Date('2024-06-16T02:00:00Z'))).toBe(0);
  });

  it('calls an open case with a balance overdue once a deadline is past', () => {
    const c = {
      closedAt: null,
      paidFen: 0,
      amountOwedFen: 100,
      performanceDeadline: '2024-06-16',
      state: 'EFFECTIVE' as const,
      urgingDeadline: null,
    };
    expect(isOverdue(c, '2024-06-16')).toBe(false);
    expect(isOverdue(c, '2024-06-17')).toBe(true);
    expect(isOverdue({ ...c, paidFen: 100 }, '2024-06-17')).toBe(false);
    expect(
      isOverdue({ ...c, performanceDeadline: null, state: 'URGING', urgingDeadline: '2024-06-10' }, '2024-06-11'),
    ).toBe(true);
  });
});
