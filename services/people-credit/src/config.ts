import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';

export const configSchema = z.object({
  ...serviceConfigShape,
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4002),
  /** A payment removes listings, changes credit links and reclassifies obligors in one handling; the handlings of events that arrive together share a transaction. */
  EVENT_BATCH_SIZE: fields.positiveInt(64),
  /** Payments of different obligors touch different rows, so several batches run at once. */
  EVENT_BATCHES_AT_ONCE: fields.positiveInt(4),
  /** Load the demo county (Changxing) on first start when the division table is empty. */
  SEED_DEMO_DATA: fields.boolean(false),
  /** How often the sweep removes listings whose term has expired (ms). */
  LISTING_EXPIRY_SWEEP_INTERVAL_MS: fields.positiveInt(60 * 60_000),
  /** How often unacknowledged partner changes are checked for being overdue (ms). */
  PARTNER_OVERDUE_SWEEP_INTERVAL_MS: fields.positiveInt(15 * 60_000),
  /** Working days a partner department has to acknowledge a credit-link change before credit.partner.overdue. */
  PARTNER_ACK_WORKING_DAYS: fields.positiveInt(3),
});

export type PeopleCreditConfig = z.infer<typeof configSchema>;

export function loadPeopleCreditConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<PeopleCreditConfig> {
  return loadConfig(configSchema, env);
}
