import type { WarningResolvers } from '../generated/resolvers-types';
import { ruleOfWarning } from '../queries/warnings';

export const Warning: WarningResolvers = {
  rule: (w, _a, { loaders }) => ruleOfWarning(loaders, w.ruleId),
  division: (w) => ({ code: w.divisionCode }),
};
