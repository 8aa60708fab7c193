import type { CaseResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import { canSeeCase, canSeeCaseAsStaff, canSeeTask, isAdmin, isJudge } from '../access/scope';
import { isUuid } from '../domain/keys';

async function caseVisible(caseId: string, { identity, loaders }: Context): Promise<boolean> {
  if (isAdmin(identity)) return true;
  const [ref, parties] = await Promise.all([loaders.caseRef.load(caseId), loaders.partiesOfCase.load(caseId)]);
  return canSeeCase(identity, ref, parties.map((p) => p.partyId));
}

/** Fields this subgraph adds to a case; out-of-scope callers get empty lists rather than an error on the whole case. */
export const Case: CaseResolvers = {
  // A malformed id is no case (cases are keyed by uuid); its fields would otherwise fail the batch in SQL.
  __resolveReference: (ref) => (isUuid(ref.id) ? ref : null),
  tasks: async (c, _a, ctx) => {
    const tasks = await ctx.loaders.tasksOfCase.load(c.id);
    const judgeId = isJudge(ctx.identity) ? (await ctx.loaders.caseRef.load(c.id))?.judgeId : null;
    return tasks.filter((t) => canSeeTask(ctx.identity, t, judgeId));
  },
  messages: async (c, _a, ctx) => ((await caseVisible(c.id, ctx)) ? ctx.loaders.messagesOfCase.load(c.id) : []),
  unreadMessageCount: async (c, _a, ctx) => {
    if (!(await caseVisible(c.id, ctx))) return 0;
    const [messages, marker] = await Promise.all([ctx.loaders.messagesOfCase.load(c.id), ctx.loaders.readMarker.load(c.id)]);
    return messages.filter((m) => m.authorSub !== ctx.identity.sub && (!marker || m.createdAt > marker.lastReadAt)).length;
  },
  notifications: async (c, _a, ctx) => {
    const all = await ctx.loaders.notificationsOfCase.load(c.id);
    if (isAdmin(ctx.identity) || canSeeCaseAsStaff(ctx.identity, await ctx.loaders.caseRef.load(c.id))) return all;
    // A party sees the notices addressed to it.
    const me = ctx.identity.partyId;
    return me && ctx.identity.roles.includes('PARTY') ? all.filter((n) => n.recipientPartyId === me) : [];
  },
};
