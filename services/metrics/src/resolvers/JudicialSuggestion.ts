import type { JudicialSuggestionResolvers } from '../generated/resolvers-types';

export const JudicialSuggestion: JudicialSuggestionResolvers = {
  division: (s) => (s.divisionCode ? { code: s.divisionCode } : null),
};
