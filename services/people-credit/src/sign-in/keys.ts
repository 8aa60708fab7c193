import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import {
  SignJWT,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type JWK,
  type KeyLike,
} from 'jose';

/** Party tokens are ES256: an asymmetric key, so the gateway verifies with the public half only. */
export const PARTY_TOKEN_ALGORITHM = 'ES256';

export interface PartyTokenOptions {
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

/**
 * The signing key of party tokens, its public JWKS, and the key that hashes sign-in codes (derived
 * from the private key, so no second secret has to be kept in step with it).
 */
export class PartyTokenKeys {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly codeKey: Buffer,
    private readonly opts: PartyTokenOptions,
  ) {}

  /** From a PKCS#8 PEM (P-256), or a key made now when none is configured (development only: config refuses that in production). */
  static async load(pem: string | undefined, opts: PartyTokenOptions): Promise<PartyTokenKeys> {
    let privateKey: KeyLike;
    if (pem) {
      privateKey = await importPKCS8(pem.replace(/\\n/g, '\n'), PARTY_TOKEN_ALGORITHM, { extractable: true });
    } else {
      ({ privateKey } = await generateKeyPair(PARTY_TOKEN_ALGORITHM, { extractable: true }));
    }
    const jwk = await exportJWK(privateKey);
    const { d: _d, ...publicPart } = jwk;
    const kid = await calculateJwkThumbprint(publicPart);
    const publicJwk: JWK = { ...publicPart, kid, alg: PARTY_TOKEN_ALGORITHM, use: 'sig' };
    const pkcs8 = await exportPKCS8(privateKey);
    const codeKey = Buffer.from(hkdfSync('sha256', pkcs8, 'zhiyuan-sign-in', 'sign-in-code', 32));
    return new PartyTokenKeys(privateKey, publicJwk, codeKey, opts);
  }

  /** What `/.well-known/jwks.json` serves: the public key only. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  get issuer(): string {
    return this.opts.issuer;
  }

  get accessTtlSeconds(): number {
    return this.opts.accessTtlSeconds;
  }

  /** A short-lived access token bound to one party: role PARTY and its partyId, nothing else. */
  async accessToken(partyId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.opts.accessTtlSeconds;
    const token = await new SignJWT({ roles: ['PARTY'], partyId })
      .setProtectedHeader({ alg: PARTY_TOKEN_ALGORITHM, kid: this.publicJwk.kid!, typ: 'JWT' })
      .setSubject(partyId)
      .setIssuer(this.opts.issuer)
      .setAudience(this.opts.audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The stored form of a code: an HMAC over the code and the row it belongs to, never the code. */
  hashCode(codeId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${codeId}:${code}`).digest('base64url');
  }

  codeMatches(codeId: string, code: string, stored: string): boolean {
    const a = Buffer.from(this.hashCode(codeId, code));
    const b = Buffer.from(stored);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
