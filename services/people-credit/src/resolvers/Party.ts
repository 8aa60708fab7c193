import type { PartyResolvers } from '../generated/resolvers-types';

export const Party: PartyResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.party.load(ref.id),
  homeDivision: (p, _a, { loaders }) => loaders.division.load(p.homeDivisionCode),
};
