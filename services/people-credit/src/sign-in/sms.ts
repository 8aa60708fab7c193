import { outsideRequestScope } from '@zhiyuan/db';
import type { ServiceRuntime } from '@zhiyuan/server';
import type { SmsProvider } from '@zhiyuan/sms';
import { SmsMessageEntity } from '../entities';

/**
 * Sends one queued ledger row with its full text, once: the row is claimed FOR UPDATE SKIP LOCKED
 * while QUEUED and its new status commits with the claim, and the row id is the provider's
 * idempotency key. The full text (with the code) exists only here, in memory; a row whose process
 * died before sending stays QUEUED until the sweep marks it FAILED (the party asks for a new code).
 */
export async function deliverSms(
  runtime: ServiceRuntime,
  provider: SmsProvider,
  id: string,
  body: string,
  now: () => Date,
): Promise<'SENT' | 'FAILED' | 'GONE'> {
  return outsideRequestScope(() =>
    runtime.messaging.transaction(async (m) => {
      const row = await m
        .getRepository(SmsMessageEntity)
        .createQueryBuilder('s')
        .where('s.id = :id', { id })
        .andWhere(`s.status = 'QUEUED'`)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!row) return 'GONE' as const;
      row.attempts += 1;
      try {
        const { providerMessageId } = await provider.send({ id, phone: row.phone, body, template: row.template });
        row.status = 'SENT';
        row.sentAt = now();
        row.providerMessageId = providerMessageId;
      } catch (err) {
        row.status = 'FAILED';
        row.failedAt = now();
        row.lastError = err instanceof Error ? err.message : String(err);
        runtime.logger.warn({ smsId: id, error: row.lastError }, 'sign-in SMS not sent');
      }
      await m.save(SmsMessageEntity, row);
      return row.status;
    }),
  );
}
