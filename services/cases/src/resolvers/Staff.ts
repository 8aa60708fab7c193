import { isUuid } from '@zhiyuan/kernel';
import type { StaffResolvers } from '../generated/resolvers-types';

export const Staff: StaffResolvers = {
  // A malformed key is no staff member: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
  cases: (s, { first, after }, { loaders }) => loaders.casesOf.load({ relation: 'staff', key: s.id, first, after }),
};
