import type { AssetLeadResolvers } from '../generated/resolvers-types';

export const AssetLead: AssetLeadResolvers = {
  // The lead is only ever reached through its case or a command that checked the case's scope.
  case: async (l, _a, { loaders }) => (await loaders.case.load(l.caseId))!,
};
