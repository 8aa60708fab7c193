import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { errors, uuidSchema } from '@zhiyuan/kernel';
import type { Context } from '../context';
import { AssetLeadEntity, CaseEntity } from '../entities';
import { routeOfCase } from '../domain/case-rules';
import { LEAD_REPORTERS } from '../policy';
import { commandContext, onCaseWith } from './shared/on-case';
import { addTimeline } from './shared/timeline';

const leadText = (max: number) => z.string().trim().min(2, 'say what was found').max(max);

const reportAssetLeadInput = z.object({
  caseId: uuidSchema,
  input: z.object({
    what: leadText(200),
    where: leadText(200),
    estimatedValueFen: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    source: leadText(200),
  }),
});

/**
 * reportAssetLead: the village (or township, or the court's own staff) found something to enforce on
 * for a case terminated for this round. Terminating does not end the village's part: a lead may come
 * at any time, it puts the case at the top of the re-search due list, and the officer is told
 * (tasks opens a task and sends the SMS from `cases.asset_lead.reported`).
 */
export async function reportAssetLead(ctx: Context, args: unknown): Promise<AssetLeadEntity> {
  return onCaseWith(ctx, args, reportAssetLeadInput, LEAD_REPORTERS, async ({ input }, c, manager, emit) => {
    if (c.state !== 'TERMINATED_THIS_ROUND')
      throw errors.rule('terminated-case', 'An asset lead is filed on a case terminated for this round');
    const { actor, now } = commandContext(ctx);
    const lead = manager.create(AssetLeadEntity, {
      id: randomUUID(),
      caseId: c.id,
      ...input,
      reportedBy: actor,
      reportedAt: now,
      reopenedBy: null,
      reopenedAt: null,
    });
    await manager.insert(AssetLeadEntity, lead);
    if (!c.openAssetLeadAt) {
      c.openAssetLeadAt = now;
      await manager.update(CaseEntity, { id: c.id }, { openAssetLeadAt: now, updatedAt: now });
    }
    await addTimeline(manager, c.id, 'ASSET_LEAD_REPORTED', actor, now, {
      leadId: lead.id,
      what: lead.what,
      where: lead.where,
      estimatedValueFen: lead.estimatedValueFen,
      source: lead.source,
    });
    await emit(
      'cases.asset_lead.reported',
      {
        caseId: c.id,
        leadId: lead.id,
        caseNumber: c.caseNumber,
        enforcementNumber: c.enforcementNumber,
        officerId: c.officerId,
        what: lead.what,
        where: lead.where,
        estimatedValueFen: lead.estimatedValueFen,
        source: lead.source,
        reportedBy: actor,
        reportedAt: now.toISOString(),
        obligorIds: c.obligorIds,
        ...routeOfCase(c),
      },
      { key: c.id },
    );
    return lead;
  });
}
