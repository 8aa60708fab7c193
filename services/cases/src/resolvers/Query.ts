import { CaseEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  case: (_p, { id }, { loaders }) => loaders.case.load(id),
  caseByNumber: (_p, { caseNumber }, { runtime }) => runtime.ds.getRepository(CaseEntity).findOneBy({ caseNumber }),
};
