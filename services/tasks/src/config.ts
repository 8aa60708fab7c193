import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';

export const configSchema = z.object({
  ...serviceConfigShape,
  /** HTTP port of this subgraph (internal only; clients go through the gateway). */
  PORT: fields.port(4003),
});

export type TasksConfig = z.infer<typeof configSchema>;

export function loadTasksConfig(env: Record<string, string | undefined> = process.env): Readonly<TasksConfig> {
  return loadConfig(configSchema, env);
}
