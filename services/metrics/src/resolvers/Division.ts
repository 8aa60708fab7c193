import { isDivisionCode } from '@zhiyuan/kernel';
import type { DivisionResolvers } from '../generated/resolvers-types';
import { statsOfDivision } from '../queries/division-stats';
import { selectedFields } from '../queries/selection';
import { warningsOfDivision } from '../queries/warnings';

export const Division: DivisionResolvers = {
  // Metrics owns no division data: the reference carries everything it needs (the code). A malformed
  // code is no division: null for that reference, the rest of the batch unaffected.
  __resolveReference: (ref) => (isDivisionCode(ref.code) ? { code: ref.code } : null),
  stats: (d, { period }, { identity, loaders }, info) =>
    statsOfDivision(identity, loaders, d.code, period, selectedFields(info)),
  warnings: (d, { status }, { identity, loaders }) => warningsOfDivision(identity, loaders, d.code, status),
};
