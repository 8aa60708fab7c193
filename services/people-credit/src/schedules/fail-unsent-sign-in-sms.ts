import { sqlExec, type Messaging } from '@zhiyuan/db';
import { CODE_TTL_MS } from '../domain/sign-in-rules';

/**
 * A sign-in SMS still QUEUED when its code has expired was never sent (its process stopped between
 * the commit and the send, and the code was only in that process's memory): it is marked FAILED, so
 * the ledger tells the truth; the party asks for a new code.
 */
export async function failUnsentSignInSms(messaging: Messaging, now: Date): Promise<number> {
  return messaging.transaction((m) =>
    sqlExec(
      m,
      `UPDATE people.sms_message SET status = 'FAILED', failed_at = $1, last_error = 'not sent before the code expired'
        WHERE status = 'QUEUED' AND created_at < $2`,
      [now, new Date(now.getTime() - CODE_TTL_MS)],
    ),
  );
}
