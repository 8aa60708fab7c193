import { fields, loadConfig, z } from '@zhiyuan/config';

export const gatewayConfigSchema = z.object({
  /** The only public port of the product. */
  PORT: fields.port(4000),
  HOST: z.string().default('127.0.0.1'),
  /** `static`: the committed supergraph.graphql; `introspect`: compose from the running subgraphs (development). */
  SUPERGRAPH_MODE: z.enum(['static', 'introspect']).default('static'),
  CASES_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  PEOPLE_CREDIT_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  TASKS_URL: z.url().default('http://127.0.0.1:4003/graphql'),
  METRICS_URL: z.url().default('http://127.0.0.1:4004/graphql'),
  /** Time a subgraph has to answer one fetch before its part of the answer becomes an error. */
  SUBGRAPH_TIMEOUT_MS: fields.positiveInt(10_000),
  /** Secret shared with the subgraphs to sign the forwarded identity. */
  INTERNAL_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').default('development-internal-secret-change-me-0000'),
  LOG_LEVEL: fields.logLevel(),
  NODE_ENV: fields.nodeEnv(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): Readonly<GatewayConfig> {
  return loadConfig(gatewayConfigSchema, env);
}
