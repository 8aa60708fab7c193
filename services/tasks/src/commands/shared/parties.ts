import type { Identity } from '@zhiyuan/auth';
import { errors } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import { PartyRefEntity } from '../../entities';
import { requirePartyStaff } from '../../policy';

/** A party whose plan or visit log the caller keeps: it exists here and lies in the caller's scope. */
export async function requirePartyInScope(
  m: EntityManager,
  identity: Identity,
  partyId: string,
): Promise<PartyRefEntity> {
  const party = await m.getRepository(PartyRefEntity).findOneBy({ partyId });
  if (!party) throw errors.notFound('Party', partyId);
  requirePartyStaff(identity, party.homeDivisionCode);
  return party;
}
