import { hasRole } from '@zhiyuan/auth';
import { canSeeDivision, maskPhone } from '@zhiyuan/server';
import type { PartnerDepartment, StaffResolvers } from '../generated/resolvers-types';
import { requireSignedIn } from '../access';

export const Staff: StaffResolvers = {
  __resolveReference: (ref, { identity, loaders }) => {
    requireSignedIn(identity);
    return loaders.staff.load(ref.id);
  },
  division: (s, _a, { loaders }) => (s.divisionCode ? loaders.division.load(s.divisionCode) : null),
  phone: (s, _a, { identity }) => {
    if (!s.phone) return null;
    const inScope = hasRole(identity, 'ADMIN', 'JUDGE') || identity.sub === s.id || (!!s.divisionCode && canSeeDivision(identity, s.divisionCode));
    return inScope ? s.phone : maskPhone(s.phone);
  },
  department: (s) => (s.department as PartnerDepartment | null) ?? null,
};
