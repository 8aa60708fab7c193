/**
 * Rules of partner webhooks that need no I/O: which URLs may be registered, and when a failed
 * delivery is tried again or given up. Time and randomness come in as arguments.
 */

/** Why a webhook URL is refused, or null. Outside production plain http is allowed (local receivers). */
export function webhookUrlProblem(raw: string, opts: { production: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (raw.length > 2048) return 'longer than 2048 characters';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !opts.production))
    return opts.production ? 'only https URLs are allowed' : 'only http and https URLs are allowed';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not carry a fragment';
  if (!url.hostname) return 'has no host';
  return null;
}

export interface RetryPolicy {
  /** Delay after the first failed attempt (ms); doubled after each further one. */
  baseMs: number;
  /** Longest delay (ms). */
  maxDelayMs: number;
  /** How long after its first attempt a delivery is given up (ms). */
  windowMs: number;
}

/** Exponential backoff with jitter: between half and all of min(max, base·2^(n−1)) after the n-th failed attempt. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, Math.min(failedAttempts - 1, 40)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type AfterFailure = { kind: 'retry'; at: Date } | { kind: 'dead' };

/**
 * After a failed attempt: dead once the window has passed; otherwise the next attempt after the
 * backoff, but no later than the end of the window, so the last attempt falls on it.
 */
export function afterFailure(
  now: Date,
  failedAttempts: number,
  giveUpAt: Date,
  policy: RetryPolicy,
  random: () => number,
): AfterFailure {
  if (now.getTime() >= giveUpAt.getTime()) return { kind: 'dead' };
  const at = now.getTime() + retryDelayMs(failedAttempts, policy, random);
  return { kind: 'retry', at: new Date(Math.min(at, giveUpAt.getTime())) };
}

/** A 2xx answer is the receiver's acknowledgement; anything else (3xx included: redirects are not followed) is a failure. */
export function isAcknowledgement(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}
