import { listCases } from '../app/case-query';
import type { DivisionResolvers } from '../generated/resolvers-types';

export const Division: DivisionResolvers = {
  __resolveReference: (ref) => ({ code: ref.code }),
  cases: (d, { filter, first, after }, { runtime, identity }) => listCases(runtime.ds, identity, { ...(filter ?? {}), divisionCode: d.code }, { first, after }),
};
