import { isDivisionCode } from '@zhiyuan/kernel';
import type { DivisionResolvers } from '../generated/resolvers-types';

export const Division: DivisionResolvers = {
  // A malformed code is no division: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isDivisionCode(ref.code) ? { code: ref.code } : null),
  cases: (d, { filter, first, after }, { loaders }) =>
    loaders.casesOf.load({ relation: 'division', key: d.code, filter, first, after }),
};
