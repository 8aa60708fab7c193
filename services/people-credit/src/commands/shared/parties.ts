import type { EntityManager } from 'typeorm';
import { sqlRows, type Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { errors, maskIdNumber, townshipOf, villageOf } from '@zhiyuan/kernel';
import { DivisionEntity, PartyEntity } from '../../entities';

export const ID_PROBLEMS: Record<string, string> = {
  LENGTH: 'A resident ID number has 18 characters',
  FORMAT: 'A resident ID number is 17 digits and a digit or X',
  BIRTH_DATE: 'The birth date in the ID number is not a real past date',
  CHECK_DIGIT: 'The check digit of the ID number is wrong (GB 11643)',
};

export const CODE_PROBLEMS: Record<string, string> = {
  LENGTH: 'A unified social credit code has 18 characters',
  FORMAT:
    'A unified social credit code uses digits and capital letters except I, O, Z, S, V, with a 6-digit division code in positions 3 to 8',
  CHECK_CHARACTER: 'The check character of the unified social credit code is wrong (GB 32100)',
};

/** The names of a party's home village and township, for the texts of the services that hear of it. */
export interface HomeNames {
  villageName: string | null;
  townshipName: string | null;
}

export async function homeNamesOf(manager: EntityManager, homeDivisionCode: string): Promise<HomeNames> {
  const village = villageOf(homeDivisionCode);
  const township = townshipOf(homeDivisionCode);
  const rows = await sqlRows<{ code: string; name: string }>(
    manager,
    `SELECT code, name FROM people.division WHERE code = ANY($1::text[])`,
    [[village, township].filter((c): c is string => c !== null)],
  );
  const name = (code: string | null) => rows.find((r) => r.code === code)?.name ?? null;
  return { villageName: name(village), townshipName: name(township) };
}

export function partyPayload(
  p: PartyEntity,
  names: HomeNames = { villageName: null, townshipName: null },
): EventPayload<'people.party.registered'> {
  return {
    partyId: p.id,
    kind: p.kind,
    name: p.name,
    idNumberMasked: maskIdNumber(p.idNumber),
    phone: p.phone,
    birthDate: p.birthDate,
    homeDivisionCode: p.homeDivisionCode,
    villageCode: villageOf(p.homeDivisionCode),
    townshipCode: townshipOf(p.homeDivisionCode),
    ...names,
  };
}

/** The home division must exist; a person lives in a village or community. */
export async function requireHomeDivision(
  manager: EntityManager,
  code: string,
  field: string,
  kind: 'PERSON' | 'ORGANIZATION',
): Promise<void> {
  const d = await manager.findOneBy(DivisionEntity, { code });
  if (!d) throw errors.validation(field, `There is no division ${code}`);
  if (d.retiredOn) throw errors.validation(field, `Division ${code} was re-coded on ${d.retiredOn}; use its new code`);
  if (kind === 'PERSON' && d.level !== 'VILLAGE')
    throw errors.validation(field, 'A person is registered in a village or community (a 12-digit code)');
}

/** An existing party with the same number is returned as it is when the name matches; otherwise it is a conflict. */
export async function existingParty(
  manager: EntityManager,
  idNumber: string,
  name: string,
): Promise<PartyEntity | null> {
  const found = await manager.findOneBy(PartyEntity, { idNumber });
  if (!found) return null;
  if (found.name !== name)
    throw errors.conflict(`A party with this ID number is already registered under another name`, {
      partyId: found.id,
    });
  return found;
}

/** Inserts a new party and emits people.party.registered; a concurrent registration of the same number loses on the unique index instead of duplicating. */
export async function insertParty(manager: EntityManager, emit: Emit, party: PartyEntity): Promise<PartyEntity> {
  const inserted: unknown[] = await manager
    .createQueryBuilder()
    .insert()
    .into(PartyEntity)
    .values(party)
    .orIgnore()
    .returning('id')
    .execute()
    .then((r) => r.raw as unknown[]);
  if (inserted.length === 0) {
    const other = await manager.findOneByOrFail(PartyEntity, { idNumber: party.idNumber });
    if (other.name !== party.name)
      throw errors.conflict('A party with this ID number is already registered under another name', {
        partyId: other.id,
      });
    return other;
  }
  await emit('people.party.registered', partyPayload(party, await homeNamesOf(manager, party.homeDivisionCode)), {
    key: party.id,
  });
  return party;
}

/** Locks a party's row: listings, removals and reclassifications of one obligor serialize on it. */
export async function lockParty(manager: EntityManager, partyId: string): Promise<void> {
  await sqlRows<{ id: string }>(manager, `SELECT id FROM people.party WHERE id = $1 FOR UPDATE`, [partyId]);
}

/** Of the given ids, those of parties registered here, in id order (the order their rows are locked in). */
export async function knownPartyIds(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    manager,
    `SELECT id FROM people.party WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [ids],
  );
  return rows.map((r) => r.id);
}
