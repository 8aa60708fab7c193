import { createRemoteJWKSet, decodeJwt, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { z } from 'zod';
import { ANONYMOUS, ROLES, type Identity } from '@zhiyuan/auth';
import { DEV_JWT_SECRET, partyJwksUrl, type GatewayConfig } from './config';

export class AuthenticationError extends Error {}

/** The claims Zhiyuan reads from a bearer token, beside the standard ones. */
const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  divisionCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/)
    .nullish(),
  department: z.string().nullish(),
  partyId: z.uuid().nullish(),
});

/**
 * What the party issuer may say: role PARTY and the party the token is bound to (as its subject too),
 * nothing else. A token of that issuer claiming any other role or a division is refused.
 */
const partyClaimsSchema = z.object({
  sub: z.uuid(),
  roles: z.tuple([z.literal('PARTY')]),
  partyId: z.uuid(),
  divisionCode: z.null().optional(),
  department: z.null().optional(),
});

/** Party tokens are signed by people-credit with ES256 only. */
const PARTY_ALGORITHMS = ['ES256'];

export type Authenticate = (authorization: string | undefined, ip: string | null) => Promise<Identity>;

/**
 * Verifies bearer JWTs of two issuers. Staff tokens: the configured external issuer, with the
 * algorithm pinned to its key source (a JWKS URL or a public key; an HS256 secret only outside
 * production). Party tokens: people-credit's issuer (PARTY_JWT_ISSUER), ES256 against its JWKS, role
 * PARTY with a partyId and nothing else; in production the staff issuer may not claim PARTY. Issuer,
 * audience and expiry always. No token means anonymous.
 */
export async function createAuthenticator(config: GatewayConfig): Promise<Authenticate> {
  let key: KeyLike | Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (config.JWT_JWKS_URL) {
    key = createRemoteJWKSet(new URL(config.JWT_JWKS_URL));
    algorithms = [config.JWT_ALGORITHM];
  } else if (config.JWT_PUBLIC_KEY) {
    key = await importSPKI(config.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'), config.JWT_ALGORITHM);
    algorithms = [config.JWT_ALGORITHM];
  } else {
    // Development only (the configuration refuses this in production).
    key = new TextEncoder().encode(config.JWT_SECRET ?? DEV_JWT_SECRET);
    algorithms = ['HS256'];
  }

  const production = config.NODE_ENV === 'production';
  // The party issuer's keys, read from people-credit when first needed and again for an unknown kid.
  const partyKeys = createRemoteJWKSet(new URL(partyJwksUrl(config)), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });

  const verifyParty = async (token: string) => {
    const { payload } = await jwtVerify(token, partyKeys, {
      issuer: config.PARTY_JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      algorithms: PARTY_ALGORITHMS,
      requiredClaims: ['exp', 'sub'],
    });
    const claims = partyClaimsSchema.parse(payload);
    if (claims.sub !== claims.partyId) throw new Error('a party token names its party as its subject');
    return {
      payload,
      identity: { sub: claims.sub, roles: claims.roles, divisionCode: null, department: null, partyId: claims.partyId },
    };
  };

  const verifyStaff = async (token: string) => {
    const { payload } = await jwtVerify(token, key as never, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      algorithms,
      requiredClaims: ['exp', 'sub'],
    });
    const claims = claimsSchema.parse(payload);
    // In production a party is who the product's own sign-in says it is: the staff issuer mints no PARTY.
    if (production && claims.roles.includes('PARTY')) throw new Error('role PARTY comes from the party issuer only');
    return {
      payload,
      identity: {
        sub: claims.sub,
        roles: claims.roles,
        divisionCode: claims.divisionCode ?? null,
        department: claims.department ?? null,
        partyId: claims.partyId ?? null,
      },
    };
  };

  // A token verified once is remembered until it expires (by its exact text), so a client sending the
  // same token on every request is not verified again each time.
  const verified = new Map<string, { identity: Omit<Identity, 'ip'>; expiresAt: number }>();
  const MAX_REMEMBERED = 10_000;

  return async (authorization, ip) => {
    if (!authorization) return { ...ANONYMOUS, ip };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) throw new AuthenticationError('The Authorization header must be "Bearer <token>"');
    const token = m[1]!;
    const known = verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return { ...known.identity, ip };
      verified.delete(token);
    }
    try {
      // The (unverified) issuer only picks the key set and rules; each verifies the issuer again.
      const { payload, identity } =
        decodeJwt(token).iss === config.PARTY_JWT_ISSUER ? await verifyParty(token) : await verifyStaff(token);
      // Not before: a token with nbf is verified every time until it is valid.
      if (payload.nbf === undefined) {
        if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
        verified.set(token, { identity, expiresAt: payload.exp! * 1000 });
      }
      return { ...identity, ip };
    } catch {
      throw new AuthenticationError('The bearer token is invalid or expired');
    }
  };
}
