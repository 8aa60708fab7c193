import { sqlExec } from '@zhiyuan/db';
import type { ServiceRuntime } from '@zhiyuan/server';
import type { EntityManager } from 'typeorm';
import { NotificationEntity } from '../entities';
import { partyRecipient, staffHolding, staffRecipient, type Recipient } from './recipients';
import type { SmsProvider } from '@zhiyuan/sms';
import { renderTemplate, type TemplateName } from './templates';

export interface SenderOptions {
  maxAttempts: number;
  /** First retry after this; doubles per attempt, capped at an hour. */
  retryBaseMs: number;
  batchSize: number;
}

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
}

export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(60 * 60 * 1000, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends the queued notifications that are due. Each one is claimed with FOR UPDATE SKIP LOCKED and
 * its new status (and the `tasks.notification.sent` event) commits in the same transaction as the
 * claim, so two senders never send the same row, and a crash before commit leaves it QUEUED to be
 * sent again under the same id, which the provider takes as its idempotency key.
 */
export async function sendDueNotifications(
  runtime: ServiceRuntime,
  provider: SmsProvider,
  now: Date,
  opts: SenderOptions,
): Promise<SendReport> {
  const report: SendReport = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < opts.batchSize; i++) {
    const outcome = await runtime.messaging.transaction(async (m, emit) => {
      const n = await m
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where(`n.status = 'QUEUED'`)
        .andWhere('n.next_attempt_at <= :now', { now })
        .orderBy('n.next_attempt_at', 'ASC')
        .addOrderBy('n.id', 'ASC')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!n) return 'idle' as const;

      const recipient = await resolveRecipient(m, n);
      const vars = { ...n.variables, ...(recipient ? { name: recipient.name } : {}) };
      const body = renderTemplate(n.template as TemplateName, vars);
      const attempts = n.attempts + 1;
      let error: string | null = null;
      let providerMessageId: string | null = null;
      if (!recipient?.phone) {
        error = recipient ? 'the recipient has no phone number on record' : 'the recipient is not known yet';
      } else {
        try {
          ({ providerMessageId } = await provider.send({
            id: n.id,
            phone: recipient.phone,
            body,
            template: n.template,
          }));
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
      }

      const base = {
        recipient_staff_id: recipient?.staffId ?? n.recipientStaffId,
        phone: recipient?.phone ?? null,
        body,
        variables: JSON.stringify(vars),
        attempts,
      };
      if (!error) {
        await update(m, n.id, {
          ...base,
          status: 'SENT',
          sent_at: now,
          provider_message_id: providerMessageId,
          last_error: null,
        });
        await emit('tasks.notification.sent', notificationEvent(n, 'SENT', now), { key: n.caseId ?? n.id });
        return 'sent' as const;
      }
      if (attempts >= opts.maxAttempts) {
        await update(m, n.id, { ...base, status: 'FAILED', failed_at: now, last_error: error });
        await emit('tasks.notification.sent', notificationEvent(n, 'FAILED', now), { key: n.caseId ?? n.id });
        runtime.logger.warn({ notificationId: n.id, attempts, error }, 'SMS failed for good');
        return 'failed' as const;
      }
      await update(m, n.id, {
        ...base,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts, opts.retryBaseMs)),
        last_error: error,
      });
      runtime.logger.info({ notificationId: n.id, attempts, error }, 'SMS not sent; will retry');
      return 'retried' as const;
    });
    if (outcome === 'idle') break;
    report[outcome]++;
  }
  return report;
}

async function resolveRecipient(m: EntityManager, n: NotificationEntity): Promise<Recipient | null> {
  if (n.recipientPartyId) return partyRecipient(m, n.recipientPartyId);
  if (n.recipientStaffId) return staffRecipient(m, n.recipientStaffId);
  if (n.recipientDivisionCode) return staffHolding(m, n.recipientRole, n.recipientDivisionCode);
  return null;
}

async function update(m: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(set);
  await sqlExec(m, `UPDATE tasks.notification SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [
    id,
    ...cols.map((c) => set[c]),
  ]);
}

export function notificationEvent(n: NotificationEntity, status: 'SENT' | 'DELIVERED' | 'FAILED', at: Date) {
  return {
    notificationId: n.id,
    template: n.template,
    recipientPartyId: n.recipientPartyId,
    recipientRole: n.recipientRole,
    caseId: n.caseId,
    status,
    at: at.toISOString(),
  };
}
