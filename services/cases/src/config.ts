import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';

export const configSchema = z.object({
  ...serviceConfigShape,
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4001),
});

export type CasesConfig = z.infer<typeof configSchema>;

export function loadCasesConfig(env: Record<string, string | undefined> = process.env): Readonly<CasesConfig> {
  return loadConfig(configSchema, env);
}
