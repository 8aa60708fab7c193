/**
 * Issues development bearer tokens for the demo roles (`npm run tokens -w @zhiyuan/gateway`),
 * signed with JWT_SECRET (or the development default). Never usable in production, where the
 * gateway accepts only JWKS or public-key tokens.
 */
import { SignJWT } from 'jose';
import { demoId, type Identity, type Role } from '@zhiyuan/auth';

export interface TokenClaims {
  sub: string;
  roles: Role[];
  divisionCode?: string | null;
  department?: string | null;
  partyId?: string | null;
}

/**
 * Demo identities over the demo county (Changxing 330522, 虹星桥镇 330522104, 港口村 330522104201); the
 * subjects are the ids of the demo staff the people-credit seed creates.
 */
export const DEMO_ROLES: Record<string, TokenClaims> = {
  admin: { sub: demoId('admin'), roles: ['ADMIN'], divisionCode: '330522' },
  judge: { sub: demoId('judge-1'), roles: ['JUDGE'], divisionCode: '330522' },
  officer: { sub: demoId('officer-330522104'), roles: ['ENFORCEMENT_OFFICER'], divisionCode: '330522104' },
  liaison: { sub: demoId('liaison-330522104'), roles: ['TOWNSHIP_LIAISON'], divisionCode: '330522104' },
  cadre: { sub: demoId('secretary-330522104201'), roles: ['VILLAGE_CADRE'], divisionCode: '330522104201' },
  department: {
    sub: demoId('county-department'),
    roles: ['COUNTY_DEPARTMENT'],
    divisionCode: '330522',
    department: 'JUSTICE_BUREAU',
  },
  partner: { sub: demoId('partner-BANK_LOAN'), roles: ['PARTNER'], department: 'BANK_LOAN' },
  // The demo party people-credit seeds (陈建国 of 港口村: obligor in one demo case, obligee in another).
  party: { sub: demoId('party'), roles: ['PARTY'], partyId: demoId('party') },
};

export async function issueToken(
  claims: TokenClaims,
  opts: { secret: string; issuer: string; audience: string; ttl?: string },
): Promise<string> {
  return new SignJWT({
    roles: claims.roles,
    divisionCode: claims.divisionCode ?? null,
    department: claims.department ?? null,
    partyId: claims.partyId ?? null,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt()
    .setExpirationTime(opts.ttl ?? '12h')
    .sign(new TextEncoder().encode(opts.secret));
}

export function claimsOf(identity: Identity): TokenClaims {
  return {
    sub: identity.sub,
    roles: identity.roles,
    divisionCode: identity.divisionCode,
    department: identity.department,
    partyId: identity.partyId,
  };
}
