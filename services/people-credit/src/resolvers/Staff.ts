import type { StaffResolvers } from '../generated/resolvers-types';

export const Staff: StaffResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.staff.load(ref.id),
  division: (s, _a, { loaders }) => (s.divisionCode ? loaders.division.load(s.divisionCode) : null),
};
