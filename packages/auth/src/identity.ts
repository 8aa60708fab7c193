import { z } from 'zod';

export const ROLES = [
  'ADMIN',
  'JUDGE',
  'ENFORCEMENT_OFFICER',
  'TOWNSHIP_LIAISON',
  'VILLAGE_CADRE',
  'COUNTY_DEPARTMENT',
  'PARTNER',
  'PARTY',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as verified by the gateway and forwarded to the subgraphs. */
export const identitySchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  divisionCode: z.string().nullable().default(null),
  department: z.string().nullable().default(null),
  partyId: z.string().nullable().default(null),
  /** Client address as seen by the gateway, for the audit log. */
  ip: z.string().nullable().default(null),
  /** Set by the gateway while it reads a list for a download (`/exports/<list>`): the list's name. */
  export: z
    .string()
    .regex(/^[a-z][a-z-]{0,39}$/)
    .optional(),
});
export type Identity = z.infer<typeof identitySchema>;

export const ANONYMOUS: Identity = Object.freeze({
  sub: 'anonymous',
  roles: [],
  divisionCode: null,
  department: null,
  partyId: null,
  ip: null,
}) as Identity;

export function isAnonymous(identity: Identity): boolean {
  return identity.roles.length === 0;
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((r) => roles.includes(r));
}
