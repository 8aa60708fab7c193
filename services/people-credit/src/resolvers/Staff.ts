import type { PartnerDepartment, StaffResolvers } from '../generated/resolvers-types';
import { staffPhone, staffReference } from '../queries/staff';

export const Staff: StaffResolvers = {
  __resolveReference: (ref, ctx) => staffReference(ctx, ref.id),
  division: (s, _a, { loaders }) => (s.divisionCode ? loaders.division.load(s.divisionCode) : null),
  phone: (s, _a, ctx) => staffPhone(ctx, s),
  department: (s) => (s.department as PartnerDepartment | null) ?? null,
};
