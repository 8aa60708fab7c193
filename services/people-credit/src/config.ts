import { isIP } from 'node:net';
import { fields, loadConfig, serviceConfigShape, z } from '@zhiyuan/config';
import { smsConfigShape, smsHttpUrlRequired } from '@zhiyuan/sms';

/** Encrypts webhook secrets outside production only: it is published here. */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY = Buffer.alloc(32, 'zhiyuan-development-webhook-key').toString('base64');

/** `10.1.0.0/16`, `127.0.0.1` or `fd00::/8`; an empty entry is allowed (an empty list). */
function isNetwork(entry: string): boolean {
  const [net, prefix, ...rest] = entry.trim().split('/');
  if (!net) return entry.trim() === '';
  const family = isIP(net);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const configSchema = z
  .object({
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
    /** SMS_PROVIDER, SMS_HTTP_URL, SMS_HTTP_TOKEN, SMS_HTTP_TIMEOUT_MS (@zhiyuan/sms): where sign-in codes go, as in tasks. */
    ...smsConfigShape,
    /** The ES256 (P-256) private key that signs party tokens, PKCS#8 PEM; unset outside production: a key made at start. */
    PARTY_TOKEN_PRIVATE_KEY: z.string().optional(),
    /** The `iss` of party tokens; the gateway's PARTY_JWT_ISSUER must name the same. */
    PARTY_TOKEN_ISSUER: z.string().default('zhiyuan-party'),
    /** The `aud` of party tokens; the gateway's JWT_AUDIENCE. */
    PARTY_TOKEN_AUDIENCE: z.string().default('zhiyuan'),
    /** Lifetime of a party access token (seconds). */
    PARTY_ACCESS_TOKEN_TTL_SECONDS: fields.positiveInt(900),
    /** Lifetime of a party refresh token (days); each refresh rotates it. */
    PARTY_REFRESH_TOKEN_TTL_DAYS: fields.positiveInt(30),
    /** Sign-in codes one phone may be sent per hour. */
    SIGN_IN_CODES_PER_PHONE_PER_HOUR: fields.positiveInt(5),
    /** Seconds before a second code may be sent to the same phone. */
    SIGN_IN_RESEND_SECONDS: fields.positiveInt(60),
    /** Code requests and sign-in attempts one client address may make per hour. */
    SIGN_IN_REQUESTS_PER_IP_PER_HOUR: fields.positiveInt(30),
    /** Key that encrypts webhook secrets at rest (AES-256-GCM): 32 bytes, base64. Refused in production when unset or the public development value. */
    WEBHOOK_SECRET_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64')
      .default(DEVELOPMENT_WEBHOOK_SECRET_KEY),
    /** How often the deliverer looks for due webhook deliveries (ms). */
    WEBHOOK_DELIVERY_INTERVAL_MS: fields.positiveInt(250),
    /** Deliveries taken on per round (each obligor's line one at a time). */
    WEBHOOK_DELIVERY_BATCH_SIZE: fields.positiveInt(50),
    /** How long a partner's receiver has to answer one POST (ms). */
    WEBHOOK_TIMEOUT_MS: fields.positiveInt(10_000),
    /** First retry delay of a failed delivery (ms); doubled each attempt, with jitter. */
    WEBHOOK_RETRY_BASE_MS: fields.positiveInt(10_000),
    /** Longest delay between two attempts (ms). */
    WEBHOOK_RETRY_MAX_DELAY_MS: fields.positiveInt(6 * 60 * 60_000),
    /** How long a delivery is retried before it is dead-lettered (ms): 3 days. */
    WEBHOOK_RETRY_WINDOW_MS: fields.positiveInt(3 * 24 * 60 * 60_000),
    /** After a secret rotation, how long the previous secret keeps signing beside the new one (ms). */
    WEBHOOK_SECRET_OVERLAP_MS: fields.positiveInt(24 * 60 * 60_000),
    /** Networks (CIDR, comma-separated) a webhook may reach although private, loopback or link-local; none by default. */
    WEBHOOK_ALLOWED_NETWORKS: z
      .string()
      .refine((v) => v.split(',').every(isNetwork), 'must be CIDR networks separated by commas, e.g. 10.1.0.0/16')
      .default(''),
  })
  .refine(...smsHttpUrlRequired)
  .refine((c) => c.NODE_ENV !== 'production' || !!c.PARTY_TOKEN_PRIVATE_KEY, {
    path: ['PARTY_TOKEN_PRIVATE_KEY'],
    message: 'is required in production (a key made at start would not survive a restart or a second instance)',
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.WEBHOOK_SECRET_KEY === DEVELOPMENT_WEBHOOK_SECRET_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET_KEY'],
        message: 'must be set in production (the development key is public)',
      });
  });

export type PeopleCreditConfig = z.infer<typeof configSchema>;

export function loadPeopleCreditConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<PeopleCreditConfig> {
  return loadConfig(configSchema, env);
}
