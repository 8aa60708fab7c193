import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';

export const configSchema = z.object({
  ...serviceConfigShape,
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4002),
  /** Load the demo county (Changxing) on first start when the division table is empty. */
  SEED_DEMO_DATA: fields.boolean(false),
});

export type PeopleCreditConfig = z.infer<typeof configSchema>;

export function loadPeopleCreditConfig(env: Record<string, string | undefined> = process.env): Readonly<PeopleCreditConfig> {
  return loadConfig(configSchema, env);
}
