import { errors } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { MeRef, PartyEntity } from '../entities';
import { requireOwnMe } from '../policy';
import { party } from './parties';

/** The signed-in party's view: a party token only. */
export function me(ctx: Context): MeRef {
  return { partyId: requireOwnMe(ctx.identity) };
}

/** Another subgraph's `Me` reference resolves only for the party itself. */
export function meReference(ctx: Context, ref: { partyId: string }): MeRef {
  return { partyId: requireOwnMe(ctx.identity, ref.partyId) };
}

export async function meParty(ctx: Context, m: MeRef): Promise<PartyEntity> {
  const found = await party(ctx, m.partyId);
  if (!found) throw errors.notFound('Party', m.partyId);
  return found;
}
