import type { DivisionResolvers } from '../generated/resolvers-types';
import { requireSignedIn } from '../access';
import type { DivisionEntity } from '../entities';

/** Codes nest by prefix, so the path of a village is its county, township and itself. */
function ancestorCodes(code: string): string[] {
  return [code.slice(0, 6), code.slice(0, 9), code].filter((c, i, all) => c.length >= 6 && all.indexOf(c) === i && c.length <= code.length);
}

export const Division: DivisionResolvers = {
  __resolveReference: (ref, { identity, loaders }) => {
    requireSignedIn(identity);
    return loaders.division.load(ref.code);
  },
  parent: (d, _a, { loaders }) => (d.parentCode ? loaders.division.load(d.parentCode) : null),
  children: (d, _a, { loaders }) => loaders.childrenOf.load(d.code),
  path: async (d, _a, { loaders }) => (await loaders.division.loadMany(ancestorCodes(d.code))).filter((x): x is DivisionEntity => !!x && !(x instanceof Error)),
  enforcementOfficer: async (d, _a, { loaders }) => {
    if (d.level !== 'TOWNSHIP') return null;
    return (await loaders.staffOfDivision.load(d.code)).find((s) => s.roles.includes('ENFORCEMENT_OFFICER')) ?? null;
  },
  staff: (d, _a, { loaders }) => loaders.staffOfDivision.load(d.code),
};
