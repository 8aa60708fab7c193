import { hasRole } from '@zhiyuan/auth';
import { canSeeDivision, maskPhone } from '@zhiyuan/server';
import type { PartnerDepartment, StaffResolvers } from '../generated/resolvers-types';
import { requireSignedIn } from '../access';
import { isUuid } from '../loaders';

export const Staff: StaffResolvers = {
  // A malformed id names no staff member: null for that reference, the rest of the batch resolves.
  __resolveReference: async (ref, { identity, loaders }) => {
    requireSignedIn(identity);
    return isUuid(ref.id) ? loaders.staff.load(ref.id) : null;
  },
  division: (s, _a, { loaders }) => (s.divisionCode ? loaders.division.load(s.divisionCode) : null),
  phone: (s, _a, { identity }) => {
    if (!s.phone) return null;
    const inScope = hasRole(identity, 'ADMIN', 'JUDGE') || identity.sub === s.id || (!!s.divisionCode && canSeeDivision(identity, s.divisionCode));
    return inScope ? s.phone : maskPhone(s.phone);
  },
  department: (s) => (s.department as PartnerDepartment | null) ?? null,
};
