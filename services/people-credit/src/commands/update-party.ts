import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { noteAuditChanges, sqlExec, sqlRow, type Emit } from '@zhiyuan/db';
import { auditChanges, errors, townshipOf, villageOf } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { PartyEntity } from '../entities';
import { requireMayUpdateParty, requirePartyWriter, requireSignedIn } from '../policy';
import { casesOfPartyIn } from '../queries/parties';
import type { CommandContext } from './shared/command-context';
import { address, divisionCode, name, phone, uuid } from './shared/fields';
import { homeNamesOf, partyPayload, requireHomeDivision } from './shared/parties';
import { reclassify } from './shared/profiles';

const partyChanges = z.object({
  name: name.nullish(),
  phone,
  address,
  homeDivisionCode: divisionCode.nullish(),
  legalRepresentative: name.nullish(),
  disability: z.boolean().nullish(),
  seriousIllness: z.boolean().nullish(),
  lowIncome: z.boolean().nullish(),
});
type PartyChanges = z.infer<typeof partyChanges>;

/** Circumstances are inputs of the capacity profile of an obligor. */
const CIRCUMSTANCES = ['disability', 'seriousIllness', 'lowIncome'];
const FIELDS = [
  'name',
  'phone',
  'address',
  'homeDivisionCode',
  'legalRepresentative',
  'disability',
  'seriousIllness',
  'lowIncome',
] as const;

/**
 * Changes a party's record: division staff within their divisions (the current home and a new one),
 * a judge the parties of the cases they judge. A new
 * home division moves its active listings to that division's board and is announced with
 * previousHomeDivisionCode; changed circumstances reclassify an obligor.
 */
export async function updateParty(ctx: CommandContext, rawId: unknown, raw: unknown): Promise<PartyEntity> {
  requireSignedIn(ctx.identity);
  const id = parseInput(uuid, rawId);
  const input = parseInput(partyChanges, raw);
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    const current = await m.findOneBy(PartyEntity, { id });
    if (!current) throw errors.notFound('Party', id);
    await requireMayUpdateParty(ctx.identity, current, casesOfPartyIn(m));
    if (input.homeDivisionCode) requirePartyWriter(ctx.identity, input.homeDivisionCode);
    const now = new Date();
    const before = { ...current } as Record<string, unknown>;
    const { party, changed } = await applyChanges(m, emit, id, input, now);
    noteAuditChanges(auditChanges(before, party as unknown as Record<string, unknown>, FIELDS));
    if (changed.some((c) => CIRCUMSTANCES.includes(c))) {
      const obligor = await sqlRow<{ one: number }>(
        m,
        `SELECT 1 AS one FROM people.case_projection WHERE obligor_ids @> ARRAY[$1::uuid] LIMIT 1`,
        [id],
      );
      if (obligor) await reclassify(m, emit, id, now);
    }
    return party;
  });
}

/** Applies changes; returns the party and the names of the fields that changed. */
async function applyChanges(
  manager: EntityManager,
  emit: Emit,
  id: string,
  changes: PartyChanges,
  now: Date,
): Promise<{ party: PartyEntity; changed: string[] }> {
  const party = await manager.findOne(PartyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!party) throw errors.notFound('Party', id);
  const previousHome = party.homeDivisionCode;
  if (changes.homeDivisionCode && changes.homeDivisionCode !== previousHome)
    await requireHomeDivision(manager, changes.homeDivisionCode, 'homeDivisionCode', party.kind);
  if (changes.legalRepresentative && party.kind !== 'ORGANIZATION')
    throw errors.validation('legalRepresentative', 'Only an organization has a legal representative');
  const changed: string[] = [];
  for (const key of FIELDS) {
    const v = changes[key];
    if (v === undefined || v === null) continue;
    if ((party as unknown as Record<string, unknown>)[key] !== v) {
      (party as unknown as Record<string, unknown>)[key] = v;
      changed.push(key);
    }
  }
  if (changed.length === 0) return { party, changed };
  party.updatedAt = now;
  await manager.save(PartyEntity, party);
  if (changed.includes('homeDivisionCode')) {
    // Active listings follow the obligor to the exposure board of the new home division.
    await sqlExec(
      manager,
      `UPDATE people.dishonest_listing SET village_code = $2, township_code = coalesce($3, township_code) WHERE party_id = $1 AND status = 'ACTIVE'`,
      [party.id, villageOf(party.homeDivisionCode), townshipOf(party.homeDivisionCode)],
    );
  }
  await emit(
    'people.party.updated',
    {
      ...partyPayload(party, await homeNamesOf(manager, party.homeDivisionCode)),
      previousHomeDivisionCode: changed.includes('homeDivisionCode') ? previousHome : null,
      changed,
    },
    { key: party.id },
  );
  return { party, changed };
}
