import { defineHandler } from '@zhiyuan/db';
import { CaseRefEntity } from '../entities';
import { openPlannedTasks } from '../commands/shared/tasks';
import { planTasks } from '../domain/task-rules';

/** A missed instalment: the village interviews the obligor (one task per plan and instalment). */
export const interviewObligorWhenInstalmentIsMissed = defineHandler({
  name: 'interview-obligor-when-instalment-is-missed',
  subject: 'cases.instalment.missed',
  handle: async ({ payload: p }, m, emit) => {
    const ref = await m.getRepository(CaseRefEntity).findOneBy({ caseId: p.caseId });
    // The routing comes from the case projection; a case never seen here, or closed, gets no task.
    if (!ref || ref.status !== 'OPEN') return;
    const facts = {
      caseId: p.caseId,
      obligorIds: p.obligorIds,
      villageCode: ref.villageCode,
      townshipCode: ref.townshipCode,
      occurrence: `${p.planId}:${p.instalmentNo}`,
    };
    const now = new Date();
    await openPlannedTasks(m, emit, p.caseId, planTasks('cases.instalment.missed', facts, now), now);
  },
});
