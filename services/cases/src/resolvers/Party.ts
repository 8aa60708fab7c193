import { listCases } from '../app/case-query';
import type { PartyResolvers } from '../generated/resolvers-types';

export const Party: PartyResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  cases: (p, { role, first, after }, { runtime, identity }) => listCases(runtime.ds, identity, { partyId: p.id, partyRole: role ?? 'ANY' }, { first, after }),
};
