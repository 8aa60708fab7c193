import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';

export const configSchema = z.object({
  ...serviceConfigShape,
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4004),
});

export type MetricsConfig = z.infer<typeof configSchema>;

export function loadMetricsConfig(env: Record<string, string | undefined> = process.env): Readonly<MetricsConfig> {
  return loadConfig(configSchema, env);
}
