import { SignJWT, jwtVerify } from 'jose';
import { identitySchema, type Identity } from './identity';

/** The header in which the gateway forwards the verified identity to the subgraphs. */
export const INTERNAL_IDENTITY_HEADER = 'x-zhiyuan-identity';
const AUDIENCE = 'zhiyuan-subgraphs';
const ISSUER = 'zhiyuan-gateway';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** A short-lived internal token: the identity, signed with the secret shared by gateway and subgraphs. */
export async function signInternalIdentity(identity: Identity, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ id: identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

export class InternalAuthError extends Error {}

/** Verifies the forwarded identity; throws InternalAuthError when missing, forged or expired. */
export async function verifyInternalIdentity(token: string | undefined, secret: string): Promise<Identity> {
  if (!token) throw new InternalAuthError('missing internal identity');
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], audience: AUDIENCE, issuer: ISSUER });
    return identitySchema.parse(payload.id);
  } catch {
    throw new InternalAuthError('invalid internal identity');
  }
}

/**
 * Caches signed tokens per identity for half their life, so the gateway does not sign once per
 * subgraph fetch.
 */
export class InternalTokenCache {
  private readonly cache = new Map<string, { token: string; until: number }>();
  constructor(private readonly secret: string, private readonly ttlSeconds = 60) {}

  async tokenFor(identity: Identity): Promise<string> {
    const k = JSON.stringify(identity);
    const hit = this.cache.get(k);
    const now = Date.now();
    if (hit && hit.until > now) return hit.token;
    const token = await signInternalIdentity(identity, this.secret, this.ttlSeconds);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(k, { token, until: now + (this.ttlSeconds * 1000) / 2 });
    return token;
  }
}
