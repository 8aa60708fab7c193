import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, chinaCalendar, errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { ProposalEntity } from '../entities';
import { answerTransition, expiryOf } from '../domain/proposals';
import { requireObligeeParty } from '../policy';
import { lockCase, requireCase } from './shared/cases';
import { optionalText, uuid } from './shared/input';
import { emitProposalStep, tellProposalStep } from './shared/proposals';

const respondSchema = z
  .object({ proposalId: uuid, answer: z.enum(['ACCEPT', 'DECLINE']), reason: optionalText(1000) })
  .refine((i) => i.answer === 'ACCEPT' || !!i.reason, { path: ['reason'], message: 'a decline needs a reason' });

/** Loads a proposal and locks its case; NOT_FOUND when there is none. */
export async function lockProposal(m: Parameters<typeof lockCase>[0], id: string) {
  const found = await m.getRepository(ProposalEntity).findOneBy({ id });
  if (!found) throw errors.notFound('Proposal', id);
  await lockCase(m, found.caseId);
  const p = await m.getRepository(ProposalEntity).findOneByOrFail({ id });
  return { p, ...(await requireCase(m, p.caseId)) };
}

/**
 * A rights holder of the case answers an obligor's settlement or instalment proposal: consent (the
 * court then has its own working days to decide) or a decline with a reason, which ends it.
 */
export async function respondToProposal(ctx: Context, input: unknown): Promise<ProposalEntity> {
  requireSignedIn(ctx.identity);
  const { proposalId } = parseInput(z.object({ proposalId: uuid }), { proposalId: (input as any)?.proposalId });
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const { p, ref, parties } = await lockProposal(m, proposalId);
    const obligeeId = requireObligeeParty(ctx.identity, parties);
    const i = parseInput(respondSchema, input);
    const now = new Date();
    const status = answerTransition(p.intent, p.status, i.answer);
    const before = { ...p };
    Object.assign(p, {
      status,
      obligeeId,
      answer: i.answer,
      answerReason: i.reason ?? null,
      answeredAt: now,
      updatedAt: now,
      ...(status === 'CONSENTED'
        ? { expiresAt: expiryOf(chinaCalendar, now, ctx.settings.proposalExpiryWorkingDays) }
        : {}),
    });
    await m.getRepository(ProposalEntity).save(p);
    noteAuditChanges(
      auditChanges(before, { ...p }, ['status', 'obligeeId', 'answer', 'answerReason', 'answeredAt', 'expiresAt']),
    );
    await tellProposalStep(m, 'ANSWERED', p, ref, parties, now);
    await emitProposalStep(emit, 'ANSWERED', p, ref);
    return p;
  });
}
