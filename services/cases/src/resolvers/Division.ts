import type { DivisionResolvers } from '../generated/resolvers-types';

export const Division: DivisionResolvers = {
  __resolveReference: (ref) => ({ code: ref.code }),
  cases: (d, { filter, first, after }, { loaders }) => loaders.casesOf.load({ relation: 'division', key: d.code, filter, first, after }),
};
