import { findCase, findCaseByNumber, listCases } from '../queries/cases';
import { listResearchDue } from '../queries/research-due';
import { CAUSES_OF_ACTION } from '../domain/causes';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  case: (_p, { id }, { loaders, identity }) => findCase(loaders, identity, id),
  caseByNumber: (_p, { caseNumber }, { runtime, identity }) => findCaseByNumber(runtime.ds, identity, caseNumber),
  cases: (_p, { filter, first, after }, { runtime, identity }) =>
    listCases(runtime.ds, identity, filter, { first, after }),
  causesOfAction: () => [...CAUSES_OF_ACTION],
  researchDue: (_p, args, { runtime, identity }) => listResearchDue(runtime.ds, identity, args),
};
