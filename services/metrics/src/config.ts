import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';

export const configSchema = z.object({
  ...serviceConfigShape,
  /**
   * A streaming replica (hot standby) of DATABASE_URL for the read-only dashboard queries: cockpit
   * figures, rankings, series, judges' scores (docs/deploy.md). Unset: they read the primary.
   */
  DATABASE_READ_URL: fields.postgresUrl().optional(),
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4004),
  /**
   * Metrics sums the changes of a batch of events before it touches the county, township and judge
   * rows every event shares, so it handles events in batches by default.
   */
  EVENT_BATCH_SIZE: fields.positiveInt(64),
  /** Time zone whose calendar days the figures are counted in. */
  METRICS_TIME_ZONE: z.string().min(1).default('Asia/Shanghai'),
  /** A case open at least this many days when it closes counts as an old case resolved. */
  METRICS_OLD_CASE_DAYS: fields.positiveInt(365),
  /** The county this deployment serves (its 6-digit division code); county-wide warnings attach to it. */
  METRICS_COUNTY_CODE: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit division code')
    .default('330522'),
  /** How often the warning rules are evaluated on a schedule, in milliseconds (0 turns the schedule off). */
  METRICS_WARNING_INTERVAL_MS: z.coerce.number().int().nonnegative().default(300_000),
});

export type MetricsConfig = z.infer<typeof configSchema>;

export function loadMetricsConfig(env: Record<string, string | undefined> = process.env): Readonly<MetricsConfig> {
  return loadConfig(configSchema, env);
}
