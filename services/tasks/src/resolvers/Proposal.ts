import type { ProposalResolvers } from '../generated/resolvers-types';

export const Proposal: ProposalResolvers = {
  case: (p) => ({ id: p.caseId }),
  obligor: (p) => ({ id: p.obligorId }),
  declaration: (p, _a, ctx) => (p.declarationFormId ? ctx.loaders.form.load(p.declarationFormId) : null),
  task: (p, _a, ctx) => (p.taskId ? ctx.loaders.task.load(p.taskId) : null),
};
