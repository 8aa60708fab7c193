import type { CaseResolvers } from '../generated/resolvers-types';

export const Case: CaseResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.case.load(ref.id),
  judge: (c) => (c.judgeId ? { id: c.judgeId } : null),
  obligors: (c) => c.obligorIds.map((id) => ({ id })),
  village: (c) => (c.villageCode ? { code: c.villageCode } : null),
};
