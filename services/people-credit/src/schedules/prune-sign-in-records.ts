import { sqlExec, type Messaging } from '@zhiyuan/db';

/** Sign-in attempts are kept this long: the rate limits need an hour, a review of abuse needs months. */
export const SIGN_IN_ATTEMPTS_KEPT_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Deletes what sign-in no longer needs: codes and refresh sessions a day past their expiry (an
 * expired one opens nothing, and an unknown refresh token is refused like a revoked one), and
 * attempts older than SIGN_IN_ATTEMPTS_KEPT_DAYS. The SMS ledger stays, as tasks' does. Each
 * mutation keeps its own audit entry in the audit log.
 */
export async function pruneSignInRecords(messaging: Messaging, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  return messaging.transaction(async (m) => {
    const codes = await sqlExec(m, `DELETE FROM people.sign_in_code WHERE expires_at < $1`, [dayAgo]);
    const sessions = await sqlExec(m, `DELETE FROM people.party_session WHERE expires_at < $1`, [dayAgo]);
    const attempts = await sqlExec(m, `DELETE FROM people.sign_in_attempt WHERE at < $1`, [
      new Date(now.getTime() - SIGN_IN_ATTEMPTS_KEPT_DAYS * DAY_MS),
    ]);
    return codes + sessions + attempts;
  });
}
