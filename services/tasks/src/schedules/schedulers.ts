import type { ServiceRuntime } from '@zhiyuan/server';
import type { TasksConfig } from '../config';
import { sendDueNotifications } from '../notifications/sender';
import type { SmsProvider } from '@zhiyuan/sms';
import type { ObjectStorage } from '@zhiyuan/storage';
import { sweepAbandonedAttachments } from './abandoned-attachments';
import { expireProposals } from './expire-proposals';
import { remindInstalmentsDueSoon } from './instalment-reminders';
import { sweepOverdueTasks } from './overdue';

/** Runs `work` every `ms` (never two runs at once); returns the stop hook, which waits for a run in flight. */
export function every(ms: number, work: () => Promise<unknown>, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, ms);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export function startSchedulers(
  runtime: ServiceRuntime,
  config: TasksConfig,
  provider: SmsProvider,
  clock: () => Date,
  storage: ObjectStorage,
): () => Promise<void> {
  const log = (what: string) => (err: unknown) =>
    runtime.logger.warn({ err: String(err) }, `${what} failed; will run again`);
  const stops = [
    every(
      config.SMS_SEND_INTERVAL_MS,
      () => sendDueNotifications(runtime, provider, clock(), smsOptions(config)),
      log('SMS sender'),
    ),
    every(
      config.TASK_SWEEP_INTERVAL_MS,
      () => sweepOverdueTasks(runtime, clock(), overdueOptions(config)),
      log('overdue sweep'),
    ),
    every(
      config.TASK_SWEEP_INTERVAL_MS,
      () => remindInstalmentsDueSoon(runtime, clock(), config.NOTICES_OFF),
      log('instalment reminders'),
    ),
    every(config.TASK_SWEEP_INTERVAL_MS, () => expireProposals(runtime, clock()), log('proposal expiry')),
    every(
      config.ATTACHMENT_SWEEP_INTERVAL_MS,
      () => sweepAbandonedAttachments(runtime, storage, clock(), abandonOptions(config)),
      log('abandoned attachment sweep'),
    ),
  ];
  return async () => {
    for (const stop of stops) await stop();
  };
}

export const smsOptions = (c: TasksConfig) => ({
  maxAttempts: c.SMS_MAX_ATTEMPTS,
  retryBaseMs: c.SMS_RETRY_BASE_MS,
  batchSize: c.SMS_BATCH_SIZE,
});
export const overdueOptions = (c: TasksConfig) => ({
  escalateToCountyAfterMs: c.TASK_ESCALATE_TO_COUNTY_AFTER_HOURS * 3_600_000,
  countyAssignees: c.TASK_COUNTY_ASSIGNEES,
});
/** A PENDING upload is abandoned once its link has expired and the grace has passed too. */
export const abandonOptions = (
  c: Pick<TasksConfig, 'ATTACHMENT_UPLOAD_TTL_SECONDS' | 'ATTACHMENT_ABANDON_GRACE_SECONDS'>,
) => ({
  olderThanMs: (c.ATTACHMENT_UPLOAD_TTL_SECONDS + c.ATTACHMENT_ABANDON_GRACE_SECONDS) * 1000,
});
