import type { DivisionResolvers } from '../generated/resolvers-types';

export const Division: DivisionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.division.load(ref.code),
  parent: (d, _a, { loaders }) => (d.parentCode ? loaders.division.load(d.parentCode) : null),
  children: (d, _a, { loaders }) => loaders.childrenOf.load(d.code),
};
