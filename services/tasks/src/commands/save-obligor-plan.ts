import { noteAuditChanges, sqlExec } from '@zhiyuan/db';
import { auditChanges, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { ObligorPlanEntity } from '../entities';
import { requireObligorCase } from './shared/cases';
import { text, uuid } from './shared/input';
import { requirePartyInScope } from './shared/parties';
import { requireActiveStaff } from './shared/staff';

const planSchema = z.object({
  partyId: uuid,
  caseId: uuid.nullish(),
  approach: text(2000),
  nextSteps: z.array(text(500)).max(50),
  ownerId: uuid.nullish(),
});

/** What saving a plan may change: the fields its audit entry compares before and after. */
const PLAN_AUDIT_FIELDS = ['caseId', 'approach', 'nextSteps', 'ownerStaffId'] as const;

/** One plan per obligor (一人一策): written anew each time, kept by staff of the party's home division. */
export async function saveObligorPlan(ctx: Context, input: unknown): Promise<ObligorPlanEntity> {
  requireSignedIn(ctx.identity);
  const i = parseInput(planSchema, input);
  return ctx.runtime.messaging.transaction(async (m) => {
    await requirePartyInScope(m, ctx.identity, i.partyId);
    await requireObligorCase(m, i.partyId, i.caseId);
    if (i.ownerId) await requireActiveStaff(m, i.ownerId, 'ownerId');
    const plans = m.getRepository(ObligorPlanEntity);
    // The row is locked so that two saves of one plan are told apart in their audit entries.
    const before = await plans.findOne({ where: { partyId: i.partyId }, lock: { mode: 'pessimistic_write' } });
    await sqlExec(
      m,
      `INSERT INTO tasks.obligor_plan (party_id, case_id, approach, next_steps, owner_staff_id, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (party_id) DO UPDATE SET case_id = EXCLUDED.case_id, approach = EXCLUDED.approach, next_steps = EXCLUDED.next_steps,
           owner_staff_id = EXCLUDED.owner_staff_id, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [i.partyId, i.caseId ?? null, i.approach, JSON.stringify(i.nextSteps), i.ownerId ?? null, ctx.identity.sub],
    );
    const after = await plans.findOneByOrFail({ partyId: i.partyId });
    // A first plan has nothing before it: every field it sets is listed with `before` null.
    noteAuditChanges(auditChanges({ ...before }, { ...after }, PLAN_AUDIT_FIELDS));
    return after;
  });
}
