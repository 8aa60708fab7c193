import { isAnonymous, type Identity, type Role } from '@zhiyuan/auth';
import { DomainError } from './errors';

/**
 * Access rules shared by the subgraphs (the gateway does not enforce authorization directives, so
 * every subgraph checks each query, mutation and entity reference itself). The matrix is in
 * docs/access.md.
 */

/** Anonymous callers learn nothing, not even whether a thing exists. */
export function requireSignedIn(identity: Identity, message = 'Sign in to do this'): void {
  if (isAnonymous(identity)) throw new DomainError('UNAUTHENTICATED', message);
}

export function requireRole(identity: Identity, ...roles: Role[]): void {
  requireSignedIn(identity);
  if (identity.roles.includes('ADMIN')) return;
  if (!identity.roles.some((r) => roles.includes(r)))
    throw new DomainError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}`);
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
  if (
    identity.roles.some(
      (r) =>
        r === 'ENFORCEMENT_OFFICER' || r === 'TOWNSHIP_LIAISON' || r === 'VILLAGE_CADRE' || r === 'COUNTY_DEPARTMENT',
    )
  ) {
    return divisionCode.startsWith(identity.divisionCode);
  }
  return false;
}

export function requireDivision(identity: Identity, divisionCode: string | null | undefined): void {
  if (!canSeeDivision(identity, divisionCode)) throw new DomainError('FORBIDDEN', 'This is outside your division');
}
