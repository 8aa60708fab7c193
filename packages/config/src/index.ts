import { z } from 'zod';

export { z };

/** Raised when the environment does not satisfy a service's configuration schema. */
export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The INTERNAL_AUTH_SECRET used when none is set: fine for development, public, so refused in production. */
export const DEVELOPMENT_INTERNAL_AUTH_SECRET = 'development-internal-secret-change-me-0000';

/**
 * Values of INTERNAL_AUTH_SECRET anyone can read in this repository: the development default and the
 * fallback docker-compose.yml uses when INTERNAL_AUTH_SECRET is not exported. Anyone who knows one
 * could sign an identity a subgraph trusts, so production refuses them.
 */
export const PUBLIC_INTERNAL_AUTH_SECRETS: readonly string[] = [
  DEVELOPMENT_INTERNAL_AUTH_SECRET,
  'change-me-to-a-long-random-secret-000000',
];

/**
 * Parses the environment once into a typed, frozen object. The schema's keys are the variable
 * names; the first problem found stops start-up with one line naming the variable. A schema that
 * reads NODE_ENV and INTERNAL_AUTH_SECRET (every subgraph, the gateway) is also held to the
 * production rule on the secret, so no service can forget it.
 */
export function loadConfig<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  env: Env = process.env,
): Readonly<z.infer<S>> {
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
  const secretProblem = internalSecretProblem(
    result.data as Record<string, unknown>,
    input.INTERNAL_AUTH_SECRET === undefined,
  );
  if (secretProblem) throw new ConfigError('INTERNAL_AUTH_SECRET', secretProblem);
  return Object.freeze(result.data) as Readonly<z.infer<S>>;
}

function internalSecretProblem(config: Record<string, unknown>, unset: boolean): string | undefined {
  if (config.NODE_ENV !== 'production' || typeof config.INTERNAL_AUTH_SECRET !== 'string') return undefined;
  if (unset) return 'must be set in production (the built-in development value is public)';
  if (PUBLIC_INTERNAL_AUTH_SECRETS.includes(config.INTERNAL_AUTH_SECRET)) {
    return 'is refused in production: it is a value published in this repository (development default or docker-compose.yml fallback); set a random secret of at least 32 characters';
  }
  return undefined;
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
  /** An interface to listen on: a host name or an IPv4/IPv6 address. */
  host: () =>
    z
      .string()
      .regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or an IP address')
      .default('127.0.0.1'),
  /** Refused in production when unset or public (see loadConfig). */
  internalSecret: () => z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_INTERNAL_AUTH_SECRET),
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
  /** Days a published outbox row is kept (to look into what was sent) before it is deleted; 0 keeps every row. */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(7),
  /** Interface the subgraph's HTTP server binds: loopback by default, 0.0.0.0 in a container so the gateway's container reaches it. */
  HOST: fields.host(),
  /** Connections in this service's pool. */
  DB_POOL_SIZE: fields.positiveInt(10),
  /**
   * Events handled in one inbox transaction (1: a transaction each). Above 1, the events that arrive
   * while one transaction runs share the next: one commit for many (see ConsumerOptions.batchSize).
   */
  EVENT_BATCH_SIZE: fields.positiveInt(1),
  /** Batches handled at once, each on a connection of its own; the events of one key always share a line. */
  EVENT_BATCHES_AT_ONCE: fields.positiveInt(1),
  /**
   * Events taken on at once across the service's consumers, each on a different key (the events of
   * one case or party are always handled in order). Without batching each holds a connection, so
   * keep it below DB_POOL_SIZE; with batching they wait for the next batch, and it can be larger.
   * Unset: 4, or twice EVENT_BATCH_SIZE × EVENT_BATCHES_AT_ONCE when batching.
   */
  EVENT_CONCURRENCY: z.coerce.number().int().positive().optional(),
  /** Secret shared by the gateway and the subgraphs to sign the forwarded identity. */
  INTERNAL_AUTH_SECRET: fields.internalSecret(),
  /** The administrator's override table of the court calendar, JSON (docs/calendar.md); unset: the data package alone. */
  COURT_CALENDAR_FILE: z.string().min(1).optional(),
  LOG_LEVEL: fields.logLevel(),
  NODE_ENV: fields.nodeEnv(),
};
export { createLogger, prettyLogs, type Logger } from './logger';
