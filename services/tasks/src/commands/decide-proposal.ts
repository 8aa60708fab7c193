import { GRACE_REASON_CODES } from '@zhiyuan/events';
import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { ProposalEntity, TaskEntity } from '../entities';
import { decisionTransition } from '../domain/proposals';
import { isOpen } from '../domain/tasks';
import { canDecideProposal, deny } from '../policy';
import { optionalText, uuid } from './shared/input';
import { emitProposalStep, tellProposalStep } from './shared/proposals';
import { finishTask } from './shared/tasks';
import { lockProposal } from './respond-to-proposal';

const decideSchema = z.object({
  proposalId: uuid,
  decision: z.enum(['ACCEPT', 'REJECT']),
  reason: optionalText(1000),
  graceReasonCode: z.enum(GRACE_REASON_CODES).nullish(),
  graceMonths: z
    .number()
    .int()
    .min(1, 'a grace period is 1 to 3 months')
    .max(3, 'a grace period is 1 to 3 months')
    .nullish(),
});

/**
 * The court decides an obligor's proposal. Accepting a settlement or plan (after the rights holder
 * consented) publishes it for cases to record through its own agree-settlement rule; accepting a
 * grace request publishes the grace period, with its reason code, for the credit profile; accepting
 * a declared payment confirms it (the officer records the payment on the case) and completes the
 * confirmation task. A rejection needs a reason.
 */
export async function decideProposal(ctx: Context, input: unknown): Promise<ProposalEntity> {
  requireSignedIn(ctx.identity);
  const { proposalId } = parseInput(z.object({ proposalId: uuid }), { proposalId: (input as any)?.proposalId });
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const { p, ref, parties } = await lockProposal(m, proposalId);
    if (!canDecideProposal(ctx.identity, ref))
      deny('Only the court (the case judge or its enforcement officer) decides');
    const i = parseInput(
      decideSchema
        .refine((x) => x.decision === 'ACCEPT' || !!x.reason, {
          path: ['reason'],
          message: 'a rejection needs a reason',
        })
        .refine((x) => x.decision === 'REJECT' || p.intent !== 'REQUEST_GRACE' || !!x.graceReasonCode, {
          path: ['graceReasonCode'],
          message: 'a grace period needs its reason code',
        }),
      input,
    );
    const now = new Date();
    const status = decisionTransition(p.intent, p.status, i.decision);
    if (i.decision === 'ACCEPT' && ref.status !== 'OPEN')
      throw errors.rule('CASE_OPEN', 'The case is closed; a proposal on it can only be rejected');
    const before = { ...p };
    Object.assign(p, {
      status,
      decision: i.decision,
      decisionReason: i.reason ?? null,
      decidedBy: ctx.identity.sub,
      decidedAt: now,
      updatedAt: now,
      ...(p.intent === 'REQUEST_GRACE' && i.decision === 'ACCEPT'
        ? { graceReasonCode: i.graceReasonCode!, graceMonths: i.graceMonths ?? p.graceMonths }
        : {}),
    });
    await m.getRepository(ProposalEntity).save(p);
    noteAuditChanges(
      auditChanges(before, { ...p }, [
        'status',
        'decision',
        'decisionReason',
        'decidedBy',
        'decidedAt',
        'graceReasonCode',
        'graceMonths',
      ]),
    );
    if (p.taskId) {
      const task = await m
        .getRepository(TaskEntity)
        .findOne({ where: { id: p.taskId }, lock: { mode: 'pessimistic_write' } });
      if (task && isOpen(task))
        await finishTask(
          m,
          emit,
          task,
          i.decision === 'ACCEPT' ? 'DONE' : 'CANCELLED',
          i.decision === 'ACCEPT'
            ? { result: { outcome: 'ACCOMPLISHED', summary: i.reason ?? '已确认义务人申报的履行款项' } }
            : { cancelReason: `PROPOSAL_REJECTED:${i.reason}` },
          now,
        );
    }
    await tellProposalStep(m, 'DECIDED', p, ref, parties, now);
    await emitProposalStep(emit, 'DECIDED', p, ref);
    return p;
  });
}
