import { isUuid } from '@zhiyuan/kernel';
import type { StaffResolvers } from '../generated/resolvers-types';
import { judgePerformance } from '../queries/judge-scores';

export const Staff: StaffResolvers = {
  // A malformed key is no staff member: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isUuid(ref.id) ? { id: ref.id } : null),
  performance: (s, args, { identity, loaders, runtime }) =>
    judgePerformance(runtime.readDs, identity, loaders, s.id, args),
};
