import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { z } from 'zod';
import { ANONYMOUS, ROLES, type Identity } from '@zhiyuan/auth';
import { DEV_JWT_SECRET, type GatewayConfig } from './config';

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

export type Authenticate = (authorization: string | undefined, ip: string | null) => Promise<Identity>;

/**
 * Verifies bearer JWTs: issuer, audience, expiry, and the algorithm pinned to the key source (a
 * JWKS URL or a public key; an HS256 secret only outside production). No token means anonymous.
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
      const { payload } = await jwtVerify(token, key as never, {
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      const claims = claimsSchema.parse(payload);
      const identity = {
        sub: claims.sub,
        roles: claims.roles,
        divisionCode: claims.divisionCode ?? null,
        department: claims.department ?? null,
        partyId: claims.partyId ?? null,
      };
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
