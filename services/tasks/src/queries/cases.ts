import type { Context } from '../context';
import type { CaseMessageEntity, NotificationEntity } from '../entities';
import { canSeeCase, isAdmin, visibleNotifications } from '../policy';

/** Whether the caller sees a case's thread: its staff and its parties. */
async function caseVisible(ctx: Context, caseId: string): Promise<boolean> {
  const { identity, loaders } = ctx;
  if (isAdmin(identity)) return true;
  const [ref, parties] = await Promise.all([loaders.caseRef.load(caseId), loaders.partiesOfCase.load(caseId)]);
  return canSeeCase(
    identity,
    ref,
    parties.map((p) => p.partyId),
  );
}

/** `Case.messages`: the thread, or nothing for a caller not on the case. */
export async function messagesOfCase(ctx: Context, caseId: string): Promise<CaseMessageEntity[]> {
  return (await caseVisible(ctx, caseId)) ? ctx.loaders.messagesOfCase.load(caseId) : [];
}

/** `Case.unreadMessageCount`: others' messages after the caller's read marker. */
export async function unreadMessageCount(ctx: Context, caseId: string): Promise<number> {
  if (!(await caseVisible(ctx, caseId))) return 0;
  const [messages, marker] = await Promise.all([
    ctx.loaders.messagesOfCase.load(caseId),
    ctx.loaders.readMarker.load(caseId),
  ]);
  return messages.filter((m) => m.authorSub !== ctx.identity.sub && (!marker || m.createdAt > marker.lastReadAt))
    .length;
}

/** `Case.notifications`: the ledger of a case for its staff, a party's own notices for a party. */
export async function notificationsOfCase(ctx: Context, caseId: string): Promise<NotificationEntity[]> {
  const all = await ctx.loaders.notificationsOfCase.load(caseId);
  if (isAdmin(ctx.identity)) return all;
  return visibleNotifications(ctx.identity, await ctx.loaders.caseRef.load(caseId), all);
}
