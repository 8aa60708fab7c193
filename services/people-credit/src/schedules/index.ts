import type { ServiceRuntime } from '@zhiyuan/server';
import type { PeopleCreditConfig } from '../config';
import { webhookSettings } from '../webhooks/settings';
import { startWebhookDeliverer } from './deliver-webhooks';
import { expireListings } from './expire-listings';
import { failUnsentSignInSms } from './fail-unsent-sign-in-sms';
import { pruneSignInRecords } from './prune-sign-in-records';
import { acknowledgeDeliveredChanges, jetStreamOf } from './partner-acks';
import { reportOverduePartnerChanges } from './report-overdue-partner-changes';

export { deliverDueWebhooks, startWebhookDeliverer } from './deliver-webhooks';
export { expireListings } from './expire-listings';
export { failUnsentSignInSms } from './fail-unsent-sign-in-sms';
export { pruneSignInRecords, SIGN_IN_ATTEMPTS_KEPT_DAYS } from './prune-sign-in-records';
export {
  acknowledgeDeliveredChanges,
  jetStreamOf,
  partnerDurable,
  partnerSubject,
  type JetStreamReader,
} from './partner-acks';
export { reportOverduePartnerChanges } from './report-overdue-partner-changes';

/** How often sign-in SMS left unsent are marked FAILED. */
const SIGN_IN_SMS_SWEEP_INTERVAL_MS = 60_000;
/** How often spent sign-in records are deleted. */
const SIGN_IN_PRUNE_INTERVAL_MS = 60 * 60_000;

/** Runs the sweeps on their intervals; returns the stop hook. Each sweep is safe to run twice. */
export function startSchedules(
  runtime: ServiceRuntime,
  config: PeopleCreditConfig,
  clock: () => Date = () => new Date(),
): () => Promise<void> {
  const { messaging, logger } = runtime;
  let running: Promise<unknown> = Promise.resolve();
  const every = (ms: number, what: string, run: (now: Date) => Promise<number>) => {
    const t = setInterval(() => {
      running = running
        .then(() => run(clock()))
        .then((n) => n > 0 && logger.info({ sweep: what, count: n }, 'sweep applied'))
        .catch((err) => logger.warn({ sweep: what, err: String(err) }, 'sweep failed; will retry'));
    }, ms);
    t.unref();
    return t;
  };
  const timers = [
    every(config.LISTING_EXPIRY_SWEEP_INTERVAL_MS, 'listing-expiry', (now) => expireListings(messaging, now)),
    // Acks of JetStream deliveries count as acknowledgements: read them first, so they are never reported overdue.
    every(config.PARTNER_OVERDUE_SWEEP_INTERVAL_MS, 'partner-acks', async (now) => {
      const jsm = jetStreamOf(runtime.bus);
      return jsm ? acknowledgeDeliveredChanges(messaging, jsm, { now, log: (msg, data) => logger.warn(data, msg) }) : 0;
    }),
    every(config.PARTNER_OVERDUE_SWEEP_INTERVAL_MS, 'partner-overdue', (now) =>
      reportOverduePartnerChanges(messaging, now, config.PARTNER_ACK_WORKING_DAYS),
    ),
    every(SIGN_IN_SMS_SWEEP_INTERVAL_MS, 'sign-in-sms', (now) => failUnsentSignInSms(messaging, now)),
    every(SIGN_IN_PRUNE_INTERVAL_MS, 'sign-in-prune', (now) => pruneSignInRecords(messaging, now)),
  ];
  // Partner webhooks run their own loop: a round follows the last straight away while deliveries are due.
  const stopDeliverer = startWebhookDeliverer(runtime, webhookSettings(config));
  return async () => {
    for (const t of timers) clearInterval(t);
    await stopDeliverer();
    await running;
  };
}
