import type { CaseResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import { canSeeCase, canSeeTask, isCountyWide, isDivisionStaff } from '../access/scope';

async function caseVisible(caseId: string, { identity, loaders }: Context): Promise<boolean> {
  if (isCountyWide(identity)) return true;
  const [ref, parties] = await Promise.all([loaders.caseRef.load(caseId), loaders.partiesOfCase.load(caseId)]);
  return canSeeCase(identity, ref, parties.map((p) => p.partyId));
}

/** Fields this subgraph adds to a case; out-of-scope callers get empty lists rather than an error on the whole case. */
export const Case: CaseResolvers = {
  __resolveReference: (ref) => ref,
  tasks: async (c, _a, ctx) => (await ctx.loaders.tasksOfCase.load(c.id)).filter((t) => canSeeTask(ctx.identity, t)),
  messages: async (c, _a, ctx) => ((await caseVisible(c.id, ctx)) ? ctx.loaders.messagesOfCase.load(c.id) : []),
  unreadMessageCount: async (c, _a, ctx) => {
    if (!(await caseVisible(c.id, ctx))) return 0;
    const [messages, marker] = await Promise.all([ctx.loaders.messagesOfCase.load(c.id), ctx.loaders.readMarker.load(c.id)]);
    return messages.filter((m) => m.authorSub !== ctx.identity.sub && (!marker || m.createdAt > marker.lastReadAt)).length;
  },
  notifications: async (c, _a, ctx) => {
    const all = await ctx.loaders.notificationsOfCase.load(c.id);
    if (isCountyWide(ctx.identity) || (isDivisionStaff(ctx.identity) && (await caseVisible(c.id, ctx)))) return all;
    // A party sees the notices addressed to it.
    const me = ctx.identity.partyId;
    return me && ctx.identity.roles.includes('PARTY') ? all.filter((n) => n.recipientPartyId === me) : [];
  },
};
