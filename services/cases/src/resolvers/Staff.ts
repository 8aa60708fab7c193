import type { StaffResolvers } from '../generated/resolvers-types';

export const Staff: StaffResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  cases: (s, { first, after }, { loaders }) => loaders.casesOf.load({ relation: 'staff', key: s.id, first, after }),
};
