import { errors } from '@zhiyuan/kernel';

export const STAFF_ROLES = [
  'ADMIN',
  'JUDGE',
  'ENFORCEMENT_OFFICER',
  'TOWNSHIP_LIAISON',
  'VILLAGE_CADRE',
  'VILLAGE_SECRETARY',
  'MEDIATION_DIRECTOR',
  'COUNTY_DEPARTMENT',
  'PARTNER',
] as const;

/** Every role known, and at least one. */
export function checkStaffRoles(roles: string[]): void {
  const unknown = roles.find((r) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (unknown) throw errors.validation('roles', `Unknown role ${unknown}`);
  if (roles.length === 0) throw errors.validation('roles', 'A staff account needs at least one role');
}

/**
 * Role and division must fit together: township roles sit on a township, village cadres on a
 * village, a partner names its department. `level` is the level of the account's division (null
 * without one).
 */
export function checkRolesFitDivision(s: { roles: string[]; department: string | null }, level: string | null): void {
  const needs = (roles: string[], want: string, what: string) => {
    if (s.roles.some((r) => roles.includes(r)) && level !== want)
      throw errors.validation('divisionCode', `${what} needs a ${want.toLowerCase()} division`);
  };
  needs(['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON'], 'TOWNSHIP', 'An enforcement officer or township liaison');
  needs(['VILLAGE_CADRE', 'VILLAGE_SECRETARY', 'MEDIATION_DIRECTOR'], 'VILLAGE', 'A village cadre');
  if (s.roles.includes('PARTNER') && !s.department)
    throw errors.validation('department', 'A partner account names its department');
}
