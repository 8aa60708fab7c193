import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { identitySchema, type Identity } from './identity';

/** The header in which the gateway forwards the verified identity to the subgraphs. */
export const INTERNAL_IDENTITY_HEADER = 'x-zhiyuan-identity';
const AUDIENCE = 'zhiyuan-subgraphs';
const ISSUER = 'zhiyuan-gateway';

/**
 * The life of a token bound to one subgraph request: the subgraph checks it as the request arrives,
 * so it only has to outlast the trip (and some clock skew between machines), not the work.
 */
export const BOUND_TTL_SECONDS = 10;

/** The request a token is bound to: method, path (with any query string) and the exact body sent. */
export interface SignedRequest {
  method: string;
  path: string;
  body: string | Uint8Array;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** What a bound token carries of its request: the body only as a hash. */
function binding(request: SignedRequest): { m: string; p: string; b: string } {
  return {
    m: request.method.toUpperCase(),
    p: request.path,
    b: createHash('sha256').update(request.body).digest('base64url'),
  };
}

async function sign(claims: Record<string, unknown>, secret: string, ttlSeconds: number, now: number): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key(secret));
}

/**
 * A token for one subgraph request: the identity, signed together with the request's method, path
 * and body hash, so a captured header is worth nothing on any other request, and only for seconds.
 * The gateway signs every subgraph fetch with this.
 */
export async function signInternalRequest(
  identity: Identity,
  secret: string,
  request: SignedRequest,
  opts: { ttlSeconds?: number; now?: number } = {},
): Promise<string> {
  return sign(
    { id: identity, req: binding(request) },
    secret,
    opts.ttlSeconds ?? BOUND_TTL_SECONDS,
    opts.now ?? Date.now(),
  );
}

/**
 * A token not bound to a request, for tools and tests calling a subgraph directly with the development
 * secret; a subgraph in production refuses it (verifyInternalIdentity's requireBinding).
 */
export async function signInternalIdentity(identity: Identity, secret: string, ttlSeconds = 60): Promise<string> {
  return sign({ id: identity }, secret, ttlSeconds, Date.now());
}

export class InternalAuthError extends Error {}

/**
 * Verifies the forwarded identity; throws InternalAuthError when missing, forged, expired, or bound
 * to another request than `request`. A token without a binding is accepted only when
 * `requireBinding` is off (outside production).
 */
export async function verifyInternalIdentity(
  token: string | undefined,
  secret: string,
  request?: SignedRequest,
  opts: { requireBinding?: boolean } = {},
): Promise<Identity> {
  if (!token) throw new InternalAuthError('missing internal identity');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], audience: AUDIENCE, issuer: ISSUER }));
  } catch {
    throw new InternalAuthError('invalid internal identity');
  }
  const bound = payload.req as { m?: unknown; p?: unknown; b?: unknown } | undefined;
  if (bound !== undefined) {
    const expected = request && binding(request);
    if (!expected || bound.m !== expected.m || bound.p !== expected.p || bound.b !== expected.b)
      throw new InternalAuthError('internal identity signed for another request');
    if (
      typeof payload.exp !== 'number' ||
      typeof payload.iat !== 'number' ||
      payload.exp - payload.iat > BOUND_TTL_SECONDS
    )
      throw new InternalAuthError('invalid internal identity');
  } else if (opts.requireBinding) {
    throw new InternalAuthError('internal identity not bound to the request');
  }
  const identity = identitySchema.safeParse(payload.id);
  if (!identity.success) throw new InternalAuthError('invalid internal identity');
  return identity.data;
}
