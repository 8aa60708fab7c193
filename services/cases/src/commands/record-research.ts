import { z } from 'zod';
import { noteAuditChanges } from '@zhiyuan/db';
import { addMonths, auditChanges, courtDate, errors, uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { CaseEntity } from '../entities';
import { routeOfCase } from '../domain/case-rules';
import { CASE_WORKERS } from '../policy';
import { commandContext, onCaseWith } from './shared/on-case';
import { addTimeline } from './shared/timeline';

const recordResearchInput = z.object({
  caseId: uuidSchema,
  finding: z.string().trim().min(2, 'say what the re-search found').max(500),
});

/**
 * recordResearch: the officer did the periodic re-search of a case terminated for this round and
 * found nothing to reopen on; the next re-search falls due `CASES_RESEARCH_MONTHS` from today (court
 * calendar), so the case leaves the due list until then. A lead found is filed with reportAssetLead.
 */
export async function recordResearch(ctx: Context, args: unknown): Promise<CaseEntity> {
  return onCaseWith(ctx, args, recordResearchInput, CASE_WORKERS, async (i, c, manager, emit) => {
    if (c.state !== 'TERMINATED_THIS_ROUND')
      throw errors.rule('terminated-case', 'A re-search is recorded on a case terminated for this round');
    const { actor, now, settings } = commandContext(ctx);
    const previous = c.nextResearchDue;
    c.nextResearchDue = addMonths(courtDate(now), settings.researchMonths);
    c.updatedAt = now;
    await manager.update(CaseEntity, { id: c.id }, { nextResearchDue: c.nextResearchDue, updatedAt: now });
    await addTimeline(manager, c.id, 'RESEARCH_DONE', actor, now, {
      finding: i.finding,
      previousDue: previous,
      nextResearchDue: c.nextResearchDue,
    });
    await emit(
      'cases.research.recorded',
      {
        caseId: c.id,
        officerId: c.officerId,
        finding: i.finding,
        previousDue: previous,
        nextResearchDue: c.nextResearchDue,
        recordedBy: actor,
        recordedAt: now.toISOString(),
        ...routeOfCase(c),
      },
      { key: c.id },
    );
    noteAuditChanges(
      auditChanges({ nextResearchDue: previous }, { nextResearchDue: c.nextResearchDue }, ['nextResearchDue']),
    );
    return c;
  });
}
