import { afterFailure, isAcknowledgement, retryDelayMs, webhookUrlProblem, type RetryPolicy } from './webhook-rules';

const policy: RetryPolicy = { baseMs: 1000, maxDelayMs: 60_000, windowMs: 3 * 24 * 3600_000 };

describe('webhook URLs', () => {
  it('takes https anywhere and http outside production only', () => {
    expect(webhookUrlProblem('https://bank.example.com/hooks', { production: true })).toBeNull();
    expect(webhookUrlProblem('http://bank.example.com/hooks', { production: false })).toBeNull();
    expect(webhookUrlProblem('http://bank.example.com/hooks', { production: true })).toBe(
      'only https URLs are allowed',
    );
  });

  it('refuses other schemes, credentials, fragments and non-URLs', () => {
    expect(webhookUrlProblem('ftp://bank.example.com/', { production: false })).toBe(
      'only http and https URLs are allowed',
    );
    expect(webhookUrlProblem('file:///etc/passwd', { production: false })).toBe('only http and https URLs are allowed');
    expect(webhookUrlProblem('https://u:p@bank.example.com/', { production: true })).toBe(
      'must not carry a user name or password',
    );
    expect(webhookUrlProblem('https://bank.example.com/#x', { production: true })).toBe('must not carry a fragment');
    expect(webhookUrlProblem('bank.example.com/hooks', { production: true })).toBe('not an absolute URL');
  });
});

describe('retries', () => {
  it('doubles the delay with jitter between half and all of it, up to the cap', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(30, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, policy, () => 0)).toBe(30_000);
  });

  it('retries within the window, lands the last attempt on its end, then gives up', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const giveUpAt = new Date('2026-12-03T08:00:01.200Z');
    expect(afterFailure(now, 1, giveUpAt, policy, () => 1)).toEqual({
      kind: 'retry',
      at: new Date('2026-12-03T08:00:01Z'),
    });
    expect(afterFailure(now, 2, giveUpAt, policy, () => 1)).toEqual({ kind: 'retry', at: giveUpAt });
    expect(afterFailure(giveUpAt, 3, giveUpAt, policy, () => 1)).toEqual({ kind: 'dead' });
  });

  it('keeps a delivery for at least three days with the default schedule', () => {
    const defaults: RetryPolicy = { baseMs: 10_000, maxDelayMs: 6 * 3600_000, windowMs: 3 * 24 * 3600_000 };
    const start = new Date('2026-12-01T00:00:00Z');
    const giveUpAt = new Date(start.getTime() + defaults.windowMs);
    let now = start;
    let failed = 0;
    for (;;) {
      failed++;
      const next = afterFailure(now, failed, giveUpAt, defaults, () => 0.5);
      if (next.kind === 'dead') break;
      now = next.at;
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(3 * 24 * 3600_000);
    expect(failed).toBeLessThan(40);
  });

  it('counts only a 2xx as the acknowledgement', () => {
    expect([200, 204, 299].map(isAcknowledgement)).toEqual([true, true, true]);
    expect([null, 199, 301, 302, 400, 410, 500].map(isAcknowledgement)).toEqual(Array(7).fill(false));
  });
});
