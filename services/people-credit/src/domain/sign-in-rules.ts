/**
 * The rules of party sign-in (docs/access.md): which phone a request names, when a code may be
 * sent, whether a code still opens a session, and how a rotated refresh token is judged. Pure: the
 * counts and the clock come in as arguments.
 */

/** A code lives 5 minutes and takes 5 wrong tries. */
export const CODE_TTL_MS = 5 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const CODE_LENGTH = 6;

/**
 * The digits of a phone as sign-in compares them: separators dropped and a leading +86 / 0086 / 86
 * of a mainland mobile number removed. Null when what is left is no phone number.
 */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^\+?[0-9][0-9 ()-]{5,24}$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[^0-9]/g, '');
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
  return digits.length >= 7 && digits.length <= 20 ? digits : null;
}

export interface SignInLimits {
  /** Codes one phone may be sent in an hour. */
  codesPerPhonePerHour: number;
  /** Seconds between two codes to one phone. */
  resendSeconds: number;
  /** Code requests and sign-in attempts one client address may make in an hour. */
  requestsPerIpPerHour: number;
}

export interface CodeRequestHistory {
  /** Requests for this phone in the last hour that were not refused (sent, or answered for an unknown phone). */
  phoneRequestsLastHour: number;
  /** When the last of them was made. */
  lastPhoneRequestAt: Date | null;
  /** Code requests and sign-in attempts from the client address in the last hour. */
  ipRequestsLastHour: number;
}

/** Whether a code may be sent now, or how many seconds the caller must wait. Known and unknown phones are judged alike. */
export function codeRequestVerdict(
  h: CodeRequestHistory,
  limits: SignInLimits,
  now: Date,
): { ok: true } | { ok: false; retryAfterSeconds: number } {
  if (h.ipRequestsLastHour >= limits.requestsPerIpPerHour) return { ok: false, retryAfterSeconds: 3600 };
  if (h.phoneRequestsLastHour >= limits.codesPerPhonePerHour) return { ok: false, retryAfterSeconds: 3600 };
  if (h.lastPhoneRequestAt) {
    const waited = (now.getTime() - h.lastPhoneRequestAt.getTime()) / 1000;
    if (waited < limits.resendSeconds)
      return { ok: false, retryAfterSeconds: Math.ceil(limits.resendSeconds - waited) };
  }
  return { ok: true };
}

export interface CodeState {
  expiresAt: Date;
  attempts: number;
  usedAt: Date | null;
}

export type CodeVerdict = 'OPEN' | 'NO_CODE' | 'EXPIRED' | 'USED' | 'TOO_MANY_ATTEMPTS';

/** Whether the latest code of a phone may still be tried. */
export function codeVerdict(code: CodeState | null, now: Date): CodeVerdict {
  if (!code) return 'NO_CODE';
  if (code.usedAt) return 'USED';
  if (code.attempts >= MAX_CODE_ATTEMPTS) return 'TOO_MANY_ATTEMPTS';
  if (code.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'OPEN';
}

export interface SessionState {
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshVerdict = 'ROTATE' | 'UNKNOWN' | 'EXPIRED' | 'REVOKED' | 'REUSED';

/**
 * How a presented refresh token is judged: a token already rotated (or revoked) that comes back was
 * stolen or replayed, so its whole family is revoked (REUSED).
 */
export function refreshVerdict(session: SessionState | null, now: Date): RefreshVerdict {
  if (!session) return 'UNKNOWN';
  if (session.revokedAt) return 'REVOKED';
  if (session.rotatedAt) return 'REUSED';
  if (session.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ROTATE';
}

/** A sign-in code in a text, blanked for the ledger: the code lives only in the SMS itself. */
export function redactCode(text: string, code: string): string {
  return text.split(code).join('*'.repeat(code.length));
}
