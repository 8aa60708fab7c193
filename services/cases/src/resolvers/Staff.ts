import { listCases } from '../app/case-query';
import type { StaffResolvers } from '../generated/resolvers-types';

export const Staff: StaffResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  cases: (s, { first, after }, { runtime, identity }) => listCases(runtime.ds, identity, { staffId: s.id }, { first, after }),
};
