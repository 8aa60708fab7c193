import {
  codeRequestVerdict,
  codeVerdict,
  normalizePhone,
  redactCode,
  refreshVerdict,
  type SignInLimits,
} from './sign-in-rules';

const limits: SignInLimits = { codesPerPhonePerHour: 5, resendSeconds: 60, requestsPerIpPerHour: 30 };
const now = new Date('2026-03-02T08:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('sign-in rules', () => {
  it('normalizes phones to their digits and drops the mainland country code', () => {
    expect(normalizePhone('139-0000-1111')).toBe('13900001111');
    expect(normalizePhone('+86 139 0000 1111')).toBe('13900001111');
    expect(normalizePhone('008613900001111')).toBe('13900001111');
    expect(normalizePhone('0572-6012345')).toBe('05726012345');
    expect(normalizePhone('abc')).toBeNull();
    expect(normalizePhone('12')).toBeNull();
  });

  it('sends a code within the limits, and refuses by address, by phone and by resend interval', () => {
    expect(
      codeRequestVerdict({ phoneRequestsLastHour: 0, lastPhoneRequestAt: null, ipRequestsLastHour: 0 }, limits, now),
    ).toEqual({ ok: true });
    expect(
      codeRequestVerdict(
        { phoneRequestsLastHour: 4, lastPhoneRequestAt: ago(61), ipRequestsLastHour: 29 },
        limits,
        now,
      ),
    ).toEqual({ ok: true });
    expect(
      codeRequestVerdict({ phoneRequestsLastHour: 0, lastPhoneRequestAt: null, ipRequestsLastHour: 30 }, limits, now),
    ).toEqual({ ok: false, retryAfterSeconds: 3600 });
    expect(
      codeRequestVerdict(
        { phoneRequestsLastHour: 5, lastPhoneRequestAt: ago(600), ipRequestsLastHour: 0 },
        limits,
        now,
      ),
    ).toEqual({ ok: false, retryAfterSeconds: 3600 });
    expect(
      codeRequestVerdict({ phoneRequestsLastHour: 1, lastPhoneRequestAt: ago(20), ipRequestsLastHour: 0 }, limits, now),
    ).toEqual({ ok: false, retryAfterSeconds: 40 });
  });

  it('opens a code only while it is unused, unexpired and under 5 wrong tries', () => {
    const code = { expiresAt: new Date(now.getTime() + 1000), attempts: 0, usedAt: null };
    expect(codeVerdict(code, now)).toBe('OPEN');
    expect(codeVerdict(null, now)).toBe('NO_CODE');
    expect(codeVerdict({ ...code, attempts: 4 }, now)).toBe('OPEN');
    expect(codeVerdict({ ...code, attempts: 5 }, now)).toBe('TOO_MANY_ATTEMPTS');
    expect(codeVerdict({ ...code, expiresAt: now }, now)).toBe('EXPIRED');
    expect(codeVerdict({ ...code, usedAt: ago(1) }, now)).toBe('USED');
  });

  it('rotates a live refresh token and treats a rotated one coming back as reuse', () => {
    const s = { expiresAt: new Date(now.getTime() + 1000), rotatedAt: null, revokedAt: null };
    expect(refreshVerdict(s, now)).toBe('ROTATE');
    expect(refreshVerdict(null, now)).toBe('UNKNOWN');
    expect(refreshVerdict({ ...s, rotatedAt: ago(5) }, now)).toBe('REUSED');
    expect(refreshVerdict({ ...s, revokedAt: ago(5), rotatedAt: ago(9) }, now)).toBe('REVOKED');
    expect(refreshVerdict({ ...s, expiresAt: ago(1) }, now)).toBe('EXPIRED');
  });

  it('blanks the code out of a text', () => {
    expect(redactCode('验证码123456，5分钟内有效', '123456')).toBe('验证码******，5分钟内有效');
  });
});
