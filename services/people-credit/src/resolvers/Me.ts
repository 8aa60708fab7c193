import type { MeResolvers } from '../generated/resolvers-types';
import { meParty, meReference } from '../queries/me';

export const Me: MeResolvers = {
  __resolveReference: (ref, ctx) => meReference(ctx, ref),
  party: (m, _a, ctx) => meParty(ctx, m),
};
