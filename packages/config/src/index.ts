import { z } from 'zod';

export { z };

/** Raised when the environment does not satisfy a service's configuration schema. */
export class ConfigError extends Error {
  constructor(public readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses the environment once into a typed, frozen object. The schema's keys are the variable
 * names; the first problem found stops start-up with one line naming the variable.
 */
export function loadConfig<S extends z.ZodObject<z.ZodRawShape>>(schema: S, env: Env = process.env): Readonly<z.infer<S>> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const raw = env[key];
    input[key] = raw === '' ? undefined : raw;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const reason = input[variable] === undefined ? `is required (${issue.message})` : `is malformed: ${issue.message}`;
    throw new ConfigError(variable, reason);
  }
  return Object.freeze(result.data) as Readonly<z.infer<S>>;
}

/** Runs a start-up function, turning a ConfigError into one clear line and exit code 78 (EX_CONFIG). */
export function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  throw err;
}

// Reusable field types, so every service reads the same variable the same way.
export const fields = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  postgresUrl: () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  natsUrl: () => z.string().regex(/^(nats|tls|ws|wss):\/\//, 'must be a nats:// URL'),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
};

/** The variables every subgraph reads; each service extends this with its own. */
export const serviceConfigShape = {
  /** PostgreSQL connection; the all-in-one launcher supplies an embedded one when unset. */
  DATABASE_URL: fields.postgresUrl(),
  /** NATS server with JetStream; unset means the in-process bus (development only). */
  NATS_URL: fields.natsUrl().optional(),
  /** NATS credentials of this service (docker-compose gives each service its own user). */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** Replicas of each JetStream stream (1 on a single server, 3 on a cluster). */
  NATS_REPLICAS: fields.positiveInt(1),
  /** How long JetStream remembers message ids to drop duplicate publishes. */
  NATS_DUPLICATE_WINDOW_MS: fields.positiveInt(120_000),
  /** Connections in this service's pool. */
  DB_POOL_SIZE: fields.positiveInt(10),
  /** Secret shared by the gateway and the subgraphs to sign the forwarded identity. */
  INTERNAL_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').default('development-internal-secret-change-me-0000'),
  LOG_LEVEL: fields.logLevel(),
  NODE_ENV: fields.nodeEnv(),
};
export { createLogger, type Logger } from './logger';
