import { z } from 'zod';
import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, errors, requireRole, uuidSchema } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import type { Context } from '../context';
import { AssetLeadEntity, CaseEntity } from '../entities';
import { routeOfCase } from '../domain/case-rules';
import { CASE_WORKERS } from '../policy';
import { moveCase } from './shared/lifecycle';
import { commandContext, onCase } from './shared/on-case';
import { addTimeline } from './shared/timeline';

const reopenInput = z.object({ leadId: uuidSchema });

/**
 * reopenFromAssetLead: the officer (or the judge) acts on a lead in one step: the case terminated for
 * this round goes back to IN_PROGRESS, the lead is marked acted on, and the timeline carries the lead
 * itself (`REOPENED_FROM_ASSET_LEAD`) rather than a bare state change. Other leads still open on the
 * case are acted on by the same reopening.
 */
export async function reopenFromAssetLead(ctx: Context, args: unknown): Promise<CaseEntity> {
  requireRole(ctx.identity, ...CASE_WORKERS);
  const { leadId } = parseInput(reopenInput, args);
  const found = await ctx.runtime.ds.getRepository(AssetLeadEntity).findOneBy({ id: leadId });
  if (!found) throw errors.notFound('AssetLead', leadId);
  return onCase(ctx, found.caseId, CASE_WORKERS, async (c, manager, emit) => {
    const cmd = commandContext(ctx);
    const lead = await manager.findOneByOrFail(AssetLeadEntity, { id: leadId });
    if (lead.reopenedAt) throw errors.conflict('This lead has been acted on already', { leadId });
    if (c.state !== 'TERMINATED_THIS_ROUND')
      throw errors.rule('terminated-case', 'Only a case terminated for this round is reopened from a lead');
    const before = { state: c.state, outcome: c.outcome, closedAt: c.closedAt };
    await moveCase(manager, emit, c, 'IN_PROGRESS', { ...cmd, reason: 'asset lead', announce: false });
    await manager
      .createQueryBuilder()
      .update(AssetLeadEntity)
      .set({ reopenedBy: cmd.actor, reopenedAt: cmd.now })
      .where('case_id = :caseId AND reopened_at IS NULL', { caseId: c.id })
      .execute();
    c.openAssetLeadAt = null;
    await manager.update(CaseEntity, { id: c.id }, { openAssetLeadAt: null });
    await addTimeline(manager, c.id, 'REOPENED_FROM_ASSET_LEAD', cmd.actor, cmd.now, {
      leadId: lead.id,
      what: lead.what,
      where: lead.where,
      estimatedValueFen: lead.estimatedValueFen,
      source: lead.source,
      reportedBy: lead.reportedBy,
      reportedAt: lead.reportedAt.toISOString(),
    });
    const route = routeOfCase(c);
    const at = cmd.now.toISOString();
    await emit(
      'cases.case.transitioned',
      { caseId: c.id, from: 'TERMINATED_THIS_ROUND', to: 'IN_PROGRESS', reason: 'asset lead', at, ...route },
      { key: c.id },
    );
    await emit(
      'cases.case.revived',
      {
        caseId: c.id,
        leadId: lead.id,
        officerId: c.officerId,
        judgeId: c.judgeId,
        estimatedValueFen: lead.estimatedValueFen,
        paidFen: c.paidFen,
        outstandingFen: c.amountOwedFen - c.paidFen,
        revivedAt: at,
        ...route,
      },
      { key: c.id },
    );
    noteAuditChanges(
      auditChanges(before, { state: c.state, outcome: c.outcome, closedAt: c.closedAt }, [
        'state',
        'outcome',
        'closedAt',
      ]),
    );
    return c;
  });
}
