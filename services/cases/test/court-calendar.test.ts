import { addMonths, courtDate, isValidDate } from '@zhiyuan/kernel';

/** The calendar facts the case rules rely on (the kernel's court calendar). */

describe('court dates', () => {
  it('accepts real calendar days only, leap years by the Gregorian rule', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2023-12-31', '2023-04-30', '1990-01-01'])
      expect(isValidDate(ok)).toBe(true);
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '2023-1-01',
      '2023-01-01T00:00',
      ' 2023-01-01',
      '',
    ])
      expect(isValidDate(bad)).toBe(false);
  });
});

describe('court calendar', () => {
  it('uses China Standard Time for dates', () => {
    expect(courtDate(new Date('2024-06-30T16:30:00Z'))).toBe('2024-07-01');
  });
  it('adds months keeping the end of month', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2024-01-15', 6)).toBe('2024-07-15');
  });
});
