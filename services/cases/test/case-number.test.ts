import { isEnforcementNumber, isJudgmentNumber, parseCaseNumber } from '../src/domain/case-number';
import { addMonths, courtDate, daysBetween } from '../src/domain/dates';

describe('case numbers', () => {
  it('parses a judgment number', () => {
    expect(parseCaseNumber('(2024)浙0522民初1234号')).toEqual({ normalized: '(2024)浙0522民初1234号', year: 2024, court: '浙0522', type: '民初', serial: 1234 });
  });

  it.each(['(2024)浙0522民初1234号', '（2023）浙0522民终7号', '(2024)浙05民初1号', '(2022)京0105刑初88号'])('accepts the judgment number %s', (n) => {
    expect(isJudgmentNumber(n)).toBe(true);
    expect(isEnforcementNumber(n)).toBe(false);
  });

  it.each(['(2024)浙0522执1234号', '(2024)浙0522执恢12号'])('accepts the enforcement number %s', (n) => {
    expect(isEnforcementNumber(n)).toBe(true);
    expect(isJudgmentNumber(n)).toBe(false);
  });

  it.each(['2024浙0522民初1234号', '(2024)浙0522民初1234', '(2024)X0522民初1234号', '(1890)浙0522民初1号', '(2024)浙052民初1号', '(2024)浙0522民初号', ''])('rejects %p', (n) => {
    expect(parseCaseNumber(n)).toBeNull();
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
  it('counts days open', () => {
    expect(daysBetween('2024-06-01', new Date('2024-06-16T02:00:00Z'))).toBe(15);
  });
});
