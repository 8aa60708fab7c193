import { isEnforcementNumber, isJudgmentNumber, parseCaseNumber } from './case-number';

describe('case numbers', () => {
  it('parses a judgment number', () => {
    expect(parseCaseNumber('(2024)浙0522民初1234号')).toEqual({
      normalized: '(2024)浙0522民初1234号',
      year: 2024,
      court: '浙0522',
      type: '民初',
      serial: 1234,
    });
  });

  it.each(['(2024)浙0522民初1234号', '（2023）浙0522民终7号', '(2024)浙05民初1号', '(2022)京0105刑初88号'])(
    'accepts the judgment number %s',
    (n) => {
      expect(isJudgmentNumber(n)).toBe(true);
      expect(isEnforcementNumber(n)).toBe(false);
    },
  );

  it.each(['(2024)浙0522执1234号', '(2024)浙0522执恢12号'])('accepts the enforcement number %s', (n) => {
    expect(isEnforcementNumber(n)).toBe(true);
    expect(isJudgmentNumber(n)).toBe(false);
  });

  it.each([
    '2024浙0522民初1234号',
    '(2024)浙0522民初1234',
    '(2024)X0522民初1234号',
    '(1890)浙0522民初1号',
    '(2024)浙052民初1号',
    '(2024)浙0522民初号',
    '',
  ])('rejects %p', (n) => {
    expect(parseCaseNumber(n)).toBeNull();
  });
});
