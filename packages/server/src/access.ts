import { isAnonymous, type Identity, type Role } from '@zhiyuan/auth';
import { DomainError } from './errors';

/**
 * Access rules shared by the subgraphs (the gateway does not enforce authorization directives, so
 * every subgraph checks each query, mutation and entity reference itself). The matrix is in
 * docs/access.md.
 */
export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (isAnonymous(identity)) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this');
  if (identity.roles.includes('ADMIN')) return;
  if (!identity.roles.some((r) => roles.includes(r))) throw new DomainError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}`);
}

/** County-wide roles see every division of the county. */
const COUNTY_WIDE: Role[] = ['ADMIN', 'JUDGE'];

/**
 * Whether the caller may see data homed in a division. Division codes nest by prefix (county 6
 * digits, township 9, village 12), so a township user sees its villages and a village cadre only
 * their own village.
 */
export function canSeeDivision(identity: Identity, divisionCode: string | null | undefined): boolean {
  if (identity.roles.some((r) => COUNTY_WIDE.includes(r))) return true;
  if (!divisionCode || !identity.divisionCode) return false;
  if (identity.roles.some((r) => r === 'ENFORCEMENT_OFFICER' || r === 'TOWNSHIP_LIAISON' || r === 'VILLAGE_CADRE' || r === 'COUNTY_DEPARTMENT')) {
    return divisionCode.startsWith(identity.divisionCode);
  }
  return false;
}

export function requireDivision(identity: Identity, divisionCode: string | null | undefined): void {
  if (!canSeeDivision(identity, divisionCode)) throw new DomainError('FORBIDDEN', 'This is outside your division');
}

/** `330522199001011234` → `3305221990****1234`: birth month and day hidden, as the national feeds do. */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 10)}****${id.slice(14)}`;
  if (id.length > 8) return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
  return '*'.repeat(id.length);
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
