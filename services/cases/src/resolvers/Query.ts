import type { Identity } from '@zhiyuan/auth';
import { DomainError } from '@zhiyuan/server';
import { CaseEntity } from '../entities';
import { listCases } from '../app/case-query';
import { requireCaseAccess } from '../domain/access';
import { normalizeCaseNumber } from '../domain/case-number';
import { isUuid } from '../domain/keys';
import { CAUSES_OF_ACTION } from '../domain/causes';
import type { QueryResolvers } from '../generated/resolvers-types';

/** Anonymous callers learn nothing, not even whether a case exists. */
function requireSignedIn(identity: Identity): void {
  if (identity.roles.length === 0) throw new DomainError('UNAUTHENTICATED', 'Sign in to see cases');
}

export const Query: QueryResolvers = {
  case: async (_p, { id }, { loaders, identity }) => {
    requireSignedIn(identity);
    if (!isUuid(id)) throw new DomainError('VALIDATION_FAILED', 'id must be a UUID', { field: 'id' });
    const c = await loaders.case.load(id);
    if (c) requireCaseAccess(identity, c);
    return c;
  },
  caseByNumber: async (_p, { caseNumber }, { runtime, identity }) => {
    requireSignedIn(identity);
    const n = normalizeCaseNumber(caseNumber);
    const c = await runtime.ds.getRepository(CaseEntity).findOne({ where: [{ caseNumber: n }, { enforcementNumber: n }] });
    if (c) requireCaseAccess(identity, c);
    return c;
  },
  cases: (_p, { filter, first, after }, { runtime, identity }) => listCases(runtime.ds, identity, filter, { first, after }),
  causesOfAction: () => [...CAUSES_OF_ACTION],
};
