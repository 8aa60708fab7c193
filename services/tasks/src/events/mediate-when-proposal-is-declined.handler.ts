import { defineHandler } from '@zhiyuan/db';
import { CaseRefEntity } from '../entities';
import { openPlannedTasks } from '../commands/shared/tasks';
import { planTasks, type SlaDays } from '../domain/task-rules';

/**
 * The rights holder declined an obligor's settlement or instalment proposal: the village mediates
 * between them (a MEDIATE task for the village secretary, once per proposal). A case closed or never
 * seen here gets none.
 */
export const mediateWhenProposalIsDeclinedWith = (sla: SlaDays = {}) =>
  defineHandler({
    name: 'mediate-when-proposal-is-declined',
    subject: 'tasks.proposal.answered',
    handle: async ({ payload: p }, m, emit) => {
      if (p.answer !== 'DECLINE') return;
      const ref = await m.getRepository(CaseRefEntity).findOneBy({ caseId: p.caseId });
      if (!ref || ref.status !== 'OPEN') return;
      const facts = {
        caseId: p.caseId,
        obligorIds: [p.obligorId],
        villageCode: ref.villageCode,
        townshipCode: ref.townshipCode,
        occurrence: p.proposalId,
        declined: true,
      };
      const now = new Date();
      await openPlannedTasks(m, emit, p.caseId, planTasks('tasks.proposal.answered', facts, now, sla), now);
    },
  });
export const mediateWhenProposalIsDeclined = mediateWhenProposalIsDeclinedWith();
