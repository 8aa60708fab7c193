import { requireSignedIn, requireUuid } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { ProposalEntity } from '../entities';
import { canSeeCase, deny } from '../policy';

/** Whether the caller sees the proposals of a case: its staff and its parties (as the thread). */
async function proposalsVisible(ctx: Context, caseId: string): Promise<boolean> {
  const [ref, parties] = await Promise.all([ctx.loaders.caseRef.load(caseId), ctx.loaders.partiesOfCase.load(caseId)]);
  return canSeeCase(
    ctx.identity,
    ref,
    parties.map((p) => p.partyId),
  );
}

/** `proposal(id)`: null when unknown; FORBIDDEN for a caller not on its case. */
export async function proposalById(ctx: Context, id: string): Promise<ProposalEntity | null> {
  requireSignedIn(ctx.identity);
  const p = await ctx.loaders.proposal.load(requireUuid('id', id));
  if (!p) return null;
  if (!(await proposalsVisible(ctx, p.caseId))) deny('You are not on this case');
  return p;
}

/** `Case.proposals`: newest first; nothing for a caller not on the case. */
export async function proposalsOfCase(ctx: Context, caseId: string): Promise<ProposalEntity[]> {
  return (await proposalsVisible(ctx, caseId)) ? ctx.loaders.proposalsOfCase.load(caseId) : [];
}
