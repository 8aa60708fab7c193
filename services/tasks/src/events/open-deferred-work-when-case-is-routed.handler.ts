import { defineHandler, sqlExec } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { lockCase, takeDeferredCaseWork, upsertCaseRef } from '../commands/shared/cases';
import { isKnownRoute } from '../domain/routing';
import type { SlaDays } from '../domain/task-rules';
import { startUrgingWork } from './notify-and-open-follow-up-when-urging-starts.handler';
import { startEnforcementWork } from './open-village-tasks-when-enforcement-is-filed.handler';

/**
 * A case was routed (its obligor's home became known) or followed its obligor: the local routing
 * follows, and the urging or filing work that waited for a village is carried out there now.
 */
export const openDeferredWorkWhenCaseIsRoutedWith = (sla: SlaDays = {}) =>
  defineHandler({
    name: 'open-deferred-work-when-case-is-routed',
    subject: 'cases.case.rerouted',
    handle: async ({ payload: p }, m, emit) => {
      await lockCase(m, p.caseId);
      await upsertCaseRef(m, {
        caseId: p.caseId,
        caseNumber: p.caseNumber,
        officerId: p.officerId,
        villageCode: p.villageCode,
        townshipCode: p.townshipCode,
        obligorIds: [p.partyId],
        obligeeIds: [],
      });
      if (isKnownRoute(p)) {
        await sqlExec(m, `UPDATE tasks.case_ref SET village_code = $2, township_code = $3 WHERE case_id = $1`, [
          p.caseId,
          p.villageCode,
          p.townshipCode,
        ]);
      }
      for (const work of await takeDeferredCaseWork(m, p.caseId)) {
        const routed = { ...work.payload, villageCode: p.villageCode, townshipCode: p.townshipCode };
        if (work.subject === 'cases.urging.started')
          await startUrgingWork(m, emit, routed as EventPayload<'cases.urging.started'>, sla);
        else await startEnforcementWork(m, emit, routed as EventPayload<'cases.enforcement.filed'>, sla);
      }
    },
  });
export const openDeferredWorkWhenCaseIsRouted = openDeferredWorkWhenCaseIsRoutedWith();
