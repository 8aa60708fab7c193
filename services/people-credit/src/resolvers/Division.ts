import type { DivisionResolvers } from '../generated/resolvers-types';
import { division, divisionEnforcementOfficer, divisionPath } from '../queries/divisions';

export const Division: DivisionResolvers = {
  __resolveReference: (ref, ctx) => division(ctx, ref.code),
  parent: (d, _a, { loaders }) => (d.parentCode ? loaders.division.load(d.parentCode) : null),
  children: (d, _a, { loaders }) => loaders.childrenOf.load(d.code),
  path: (d, _a, ctx) => divisionPath(ctx, d.code),
  enforcementOfficer: (d, _a, ctx) => divisionEnforcementOfficer(ctx, d),
  staff: (d, _a, { loaders }) => loaders.staffOfDivision.load(d.code),
};
