import { isIP } from 'node:net';
import { fields, loadConfig, z } from '@zhiyuan/config';
import { attachmentStorageShape } from '@zhiyuan/storage';

/** express's named address sets. */
const NAMED_PROXIES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyEntry(entry: string): boolean {
  if (NAMED_PROXIES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The proxies whose X-Forwarded-For is believed: a comma list of addresses, CIDR ranges and express's
 * named sets (loopback, linklocal, uniquelocal). Empty (the default): none, the client address is the
 * connection's own.
 */
const trustedProxies = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(isProxyEntry), {
    message: 'must be a comma list of IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal',
  })
  .transform((list): string[] | false => (list.length ? list : false));

export const gatewayConfigSchema = z
  .object({
    /** The only public port of the product. */
    PORT: fields.port(4000),
    /** Interface to listen on; 0.0.0.0 in a container. */
    HOST: fields.host(),
    /** `static`: the committed supergraph.graphql; `introspect`: compose from the running subgraphs (development). */
    SUPERGRAPH_MODE: z.enum(['static', 'introspect']).default('static'),
    CASES_URL: z.url().default('http://127.0.0.1:4001/graphql'),
    PEOPLE_CREDIT_URL: z.url().default('http://127.0.0.1:4002/graphql'),
    TASKS_URL: z.url().default('http://127.0.0.1:4003/graphql'),
    METRICS_URL: z.url().default('http://127.0.0.1:4004/graphql'),
    /** Time a subgraph has to answer one fetch before its part of the answer becomes an error. */
    SUBGRAPH_TIMEOUT_MS: fields.positiveInt(10_000),
    /** Secret shared with the subgraphs to sign the forwarded identity; production refuses it unset or public (loadConfig). */
    INTERNAL_AUTH_SECRET: fields.internalSecret(),
    /** Bearer tokens: a JWKS URL, or a PEM public key, or (development only) an HS256 secret. */
    JWT_JWKS_URL: z.url().optional(),
    JWT_PUBLIC_KEY: z.string().optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The algorithm pinned for JWKS or public-key verification. */
    JWT_ALGORITHM: z.enum(['RS256', 'ES256', 'EdDSA']).default('RS256'),
    JWT_ISSUER: z.string().default('zhiyuan-dev'),
    JWT_AUDIENCE: z.string().default('zhiyuan'),
    /** The issuer of party tokens (people-credit's PARTY_TOKEN_ISSUER): ES256, role PARTY with a partyId only. */
    PARTY_JWT_ISSUER: z.string().default('zhiyuan-party'),
    /** Where the party issuer's public keys are read (internal); default: /.well-known/jwks.json of PEOPLE_CREDIT_URL. */
    PARTY_JWKS_URL: z.url().optional(),
    /** Limits on one operation: nesting depth, aliases, estimated cost, tokens. */
    MAX_DEPTH: fields.positiveInt(12),
    MAX_ALIASES: fields.positiveInt(20),
    MAX_COST: fields.positiveInt(20_000),
    MAX_TOKENS: fields.positiveInt(3_000),
    /** Largest request body accepted. */
    MAX_BODY_BYTES: fields.positiveInt(100_000),
    /** Rows read per page while a list is downloaded through /exports (docs/exports.md). */
    EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(500).default(200),
    /**
     * The Chinese font embedded in PDF lists (/exports/<list>.pdf); unset: the first found of Debian's
     * fonts-noto-cjk and fonts-wqy-microhei. Without one the PDF lists answer 503 PDF_FONT_MISSING.
     */
    PDF_FONT_PATH: z.string().min(1).optional(),
    /** The PostScript name of the face to use when PDF_FONT_PATH is a collection (.ttc), e.g. NotoSansCJKsc-Regular. */
    PDF_FONT_NAME: z.string().min(1).optional(),
    /** Attachments (docs/attachments.md): ATTACHMENT_STORAGE, ATTACHMENT_DIR, ATTACHMENT_SCAN_COMMAND, S3_*. */
    ...attachmentStorageShape,
    /**
     * The reverse proxies in front of the gateway whose X-Forwarded-For is believed (addresses, CIDR
     * ranges, loopback/linklocal/uniquelocal); none by default. The client address keys the anonymous
     * rate limit and is written into the audit log, so trust only a proxy that overwrites the header.
     */
    TRUSTED_PROXIES: trustedProxies,
    /** Requests per minute per identity (per address when anonymous); 0 disables. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(1_200),
    /** Introspection and field suggestions; on by default outside production. */
    INTROSPECTION: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    /** Persisted operations: off, allow (safelisted ids accepted beside free queries), enforce (only safelisted operations). */
    PERSISTED_OPERATIONS: z.enum(['off', 'allow', 'enforce']).default('allow'),
    /** The safelist: a JSON object from sha256 hash to operation text. */
    PERSISTED_OPERATIONS_FILE: z.string().optional(),
    /** Gateway processes on this machine (node:cluster workers sharing the port); 1 runs in the main process. */
    GATEWAY_WORKERS: fields.positiveInt(1),
    /**
     * The response cache of the read-mostly safelisted operations (exposure board, cockpits, village
     * dashboard): on | off. Entries are keyed by operation, variables and the caller's scope, dropped on
     * every domain event (NATS_URL, or the in-process bus of `npm start`) and on every mutation through
     * this gateway, bounded in memory (MB) and living at most the TTL.
     */
    RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
    RESPONSE_CACHE_TTL_MS: fields.positiveInt(10_000),
    RESPONSE_CACHE_MAX_MB: fields.positiveInt(64),
    /** The built web console (web/dist) served at `/`, its routes falling back to index.html; unset: no console. */
    WEB_CONSOLE_DIR: z.string().optional(),
    /**
     * Live subscriptions (docs/live.md) over WebSocket and SSE on this port: on | off. They hear the events
     * on NATS_URL (or the in-process bus of `npm start`); without either they are off.
     */
    LIVE_SUBSCRIPTIONS: z.enum(['on', 'off']).default('on'),
    /** Live subscriptions one identity (one client address when anonymous) may hold open at once. */
    LIVE_MAX_SUBSCRIPTIONS_PER_IDENTITY: fields.positiveInt(20),
    /** Events waiting for one subscriber before it is cut off as too slow (SLOW_CONSUMER). */
    LIVE_QUEUE_MAX: fields.positiveInt(100),
    /** Stream messages a resume may read back; a cursor further behind is refused (RESUME_TOO_OLD). */
    LIVE_RESUME_MAX_EVENTS: fields.positiveInt(10_000),
    /** Interval of the SSE keep-alive comment (proxies close silent connections). */
    LIVE_KEEPALIVE_MS: fields.positiveInt(15_000),
    /** Where the response cache hears the domain events (core NATS subscription, no JetStream consumer). */
    NATS_URL: fields.natsUrl().optional(),
    NATS_USER: z.string().optional(),
    NATS_PASSWORD: z.string().optional(),
    /**
     * Port of the gateway's Prometheus endpoint (/metrics), apart from the public port; unset: none. In
     * production /metrics is served only here; in development also on the public port.
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Interface of METRICS_PORT: loopback by default, 0.0.0.0 in a container for Prometheus to reach it. */
    METRICS_HOST: fields.host(),
    LOG_LEVEL: fields.logLevel(),
    NODE_ENV: fields.nodeEnv(),
  })
  .superRefine((c, ctx) => {
    if (c.PARTY_JWT_ISSUER === c.JWT_ISSUER) {
      ctx.addIssue({
        code: 'custom',
        path: ['PARTY_JWT_ISSUER'],
        message: 'must differ from JWT_ISSUER: party tokens are told apart from staff tokens by their issuer',
      });
    }
    if (c.NODE_ENV === 'production' && c.JWT_SECRET && !c.JWT_JWKS_URL && !c.JWT_PUBLIC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'an HS256 secret is for development only; set JWT_JWKS_URL or JWT_PUBLIC_KEY in production',
      });
    }
    if (c.NODE_ENV === 'production' && !c.JWT_JWKS_URL && !c.JWT_PUBLIC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_JWKS_URL'],
        message: 'set JWT_JWKS_URL or JWT_PUBLIC_KEY in production',
      });
    }
  });

/** The development signing secret used when no key is configured (never in production). */
export const DEV_JWT_SECRET = 'development-jwt-secret-change-me-0000000000';

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** The party issuer's key set, as the gateway reads it from people-credit. */
export function partyJwksUrl(config: Pick<GatewayConfig, 'PARTY_JWKS_URL' | 'PEOPLE_CREDIT_URL'>): string {
  return config.PARTY_JWKS_URL ?? new URL('/.well-known/jwks.json', config.PEOPLE_CREDIT_URL).toString();
}

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): Readonly<GatewayConfig> {
  return loadConfig(gatewayConfigSchema, env);
}
