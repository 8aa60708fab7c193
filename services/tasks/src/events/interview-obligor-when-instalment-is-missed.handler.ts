import { defineHandler, sqlRow } from '@zhiyuan/db';
import { CaseRefEntity } from '../entities';
import { openPlannedTasks } from '../commands/shared/tasks';
import { planTasks, type SlaDays } from '../domain/task-rules';

/**
 * A missed instalment: the village interviews the obligor (one task per plan and instalment); from the
 * plan's second missed instalment on, the village also mediates (one MEDIATE per plan). The count is
 * of the distinct instalments of the plan this rule has seen missed (its own interviews) with this one,
 * so it does not depend on the order in which other consumers of the event run.
 */
export const interviewObligorWhenInstalmentIsMissedWith = (sla: SlaDays = {}) =>
  defineHandler({
    name: 'interview-obligor-when-instalment-is-missed',
    subject: 'cases.instalment.missed',
    handle: async ({ payload: p }, m, emit) => {
      const ref = await m.getRepository(CaseRefEntity).findOneBy({ caseId: p.caseId });
      // The routing comes from the case projection; a case never seen here, or closed, gets no task.
      if (!ref || ref.status !== 'OPEN') return;
      const seen = await sqlRow<{ n: string }>(
        m,
        `SELECT count(DISTINCT split_part(rule_key, ':', 5)) AS n FROM tasks.task
       WHERE case_id = $1 AND type = 'INTERVIEW' AND rule_key LIKE $2 AND split_part(rule_key, ':', 5) <> $3`,
        [p.caseId, `${p.caseId}:interview-on-missed-instalment:%:${p.planId}:%`, String(p.instalmentNo)],
      );
      const facts = {
        caseId: p.caseId,
        obligorIds: p.obligorIds,
        villageCode: ref.villageCode,
        townshipCode: ref.townshipCode,
        occurrence: `${p.planId}:${p.instalmentNo}`,
        planId: p.planId,
        missedInstalments: Number(seen?.n ?? 0) + 1,
      };
      const now = new Date();
      await openPlannedTasks(m, emit, p.caseId, planTasks('cases.instalment.missed', facts, now, sla), now);
    },
  });
export const interviewObligorWhenInstalmentIsMissed = interviewObligorWhenInstalmentIsMissedWith();
