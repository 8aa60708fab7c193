import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { errors, maskIdNumber } from '@zhiyuan/server';
import { checkCreditCode, parseResidentId } from '../domain/identity-numbers';
import { DivisionEntity, PartyEntity } from '../entities';
import { townshipOf, villageOf } from './routing';

export interface PersonInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  address?: string | null;
  homeDivisionCode: string;
  disability?: boolean | null;
  seriousIllness?: boolean | null;
  lowIncome?: boolean | null;
}

export interface OrganizationInput {
  name: string;
  creditCode: string;
  legalRepresentative: string;
  phone?: string | null;
  address?: string | null;
  registeredDivisionCode: string;
}

export interface PartyChanges {
  name?: string | null;
  phone?: string | null;
  address?: string | null;
  homeDivisionCode?: string | null;
  legalRepresentative?: string | null;
  disability?: boolean | null;
  seriousIllness?: boolean | null;
  lowIncome?: boolean | null;
}

const ID_PROBLEMS: Record<string, string> = {
  LENGTH: 'A resident ID number has 18 characters',
  FORMAT: 'A resident ID number is 17 digits and a digit or X',
  BIRTH_DATE: 'The birth date in the ID number is not a real past date',
  CHECK_DIGIT: 'The check digit of the ID number is wrong (GB 11643)',
};

const CODE_PROBLEMS: Record<string, string> = {
  LENGTH: 'A unified social credit code has 18 characters',
  FORMAT: 'A unified social credit code uses digits and capital letters except I, O, Z, S, V, with a 6-digit division code in positions 3 to 8',
  CHECK_CHARACTER: 'The check character of the unified social credit code is wrong (GB 32100)',
};

export function partyPayload(p: PartyEntity): EventPayload<'people.party.registered'> {
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
  };
}

async function requireHomeDivision(manager: EntityManager, code: string, field: string, kind: 'PERSON' | 'ORGANIZATION'): Promise<void> {
  const d = await manager.findOneBy(DivisionEntity, { code });
  if (!d) throw errors.validation(field, `There is no division ${code}`);
  if (kind === 'PERSON' && d.level !== 'VILLAGE') throw errors.validation(field, 'A person is registered in a village or community (a 12-digit code)');
}

/** An existing party with the same number is returned as it is when the name matches; otherwise it is a conflict. */
async function existing(manager: EntityManager, idNumber: string, name: string): Promise<PartyEntity | null> {
  const found = await manager.findOneBy(PartyEntity, { idNumber });
  if (!found) return null;
  if (found.name !== name) throw errors.conflict(`A party with this ID number is already registered under another name`, { partyId: found.id });
  return found;
}

export async function registerPerson(manager: EntityManager, emit: Emit, input: PersonInput, now = new Date()): Promise<PartyEntity> {
  const idNumber = input.idNumber.trim().toUpperCase();
  const parsed = parseResidentId(idNumber, now);
  if (!parsed.ok) throw errors.validation('idNumber', ID_PROBLEMS[parsed.problem]!);
  const found = await existing(manager, idNumber, input.name);
  if (found) return found;
  await requireHomeDivision(manager, input.homeDivisionCode, 'homeDivisionCode', 'PERSON');
  const party = manager.create(PartyEntity, {
    id: randomUUID(),
    kind: 'PERSON',
    name: input.name,
    idNumber,
    homeDivisionCode: input.homeDivisionCode,
    birthDate: parsed.value.birthDate,
    gender: parsed.value.gender,
    phone: input.phone ?? null,
    address: input.address ?? null,
    legalRepresentative: null,
    disability: input.disability ?? false,
    seriousIllness: input.seriousIllness ?? false,
    lowIncome: input.lowIncome ?? false,
    createdAt: now,
    updatedAt: now,
  });
  return insertParty(manager, emit, party);
}

export async function registerOrganization(manager: EntityManager, emit: Emit, input: OrganizationInput, now = new Date()): Promise<PartyEntity> {
  const checked = checkCreditCode(input.creditCode);
  if (!checked.ok) throw errors.validation('creditCode', CODE_PROBLEMS[checked.problem]!);
  const found = await existing(manager, checked.value, input.name);
  if (found) return found;
  await requireHomeDivision(manager, input.registeredDivisionCode, 'registeredDivisionCode', 'ORGANIZATION');
  const party = manager.create(PartyEntity, {
    id: randomUUID(),
    kind: 'ORGANIZATION',
    name: input.name,
    idNumber: checked.value,
    homeDivisionCode: input.registeredDivisionCode,
    birthDate: null,
    gender: null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    legalRepresentative: input.legalRepresentative,
    disability: false,
    seriousIllness: false,
    lowIncome: false,
    createdAt: now,
    updatedAt: now,
  });
  return insertParty(manager, emit, party);
}

async function insertParty(manager: EntityManager, emit: Emit, party: PartyEntity): Promise<PartyEntity> {
  // A concurrent registration of the same number loses on the unique index instead of duplicating.
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
    if (other.name !== party.name) throw errors.conflict('A party with this ID number is already registered under another name', { partyId: other.id });
    return other;
  }
  await emit('people.party.registered', partyPayload(party), { key: party.id });
  return party;
}

/** Applies changes; returns the party and the names of the fields that changed. */
export async function updateParty(manager: EntityManager, emit: Emit, id: string, changes: PartyChanges, now = new Date()): Promise<{ party: PartyEntity; changed: string[] }> {
  const party = await manager.findOne(PartyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!party) throw errors.notFound('Party', id);
  const previousHome = party.homeDivisionCode;
  if (changes.homeDivisionCode && changes.homeDivisionCode !== previousHome) await requireHomeDivision(manager, changes.homeDivisionCode, 'homeDivisionCode', party.kind);
  if (changes.legalRepresentative && party.kind !== 'ORGANIZATION') throw errors.validation('legalRepresentative', 'Only an organization has a legal representative');
  const changed: string[] = [];
  for (const key of ['name', 'phone', 'address', 'homeDivisionCode', 'legalRepresentative', 'disability', 'seriousIllness', 'lowIncome'] as const) {
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
    await manager.query(
      `UPDATE people.dishonest_listing SET village_code = $2, township_code = coalesce($3, township_code) WHERE party_id = $1 AND status = 'ACTIVE'`,
      [party.id, villageOf(party.homeDivisionCode), townshipOf(party.homeDivisionCode)],
    );
  }
  await emit(
    'people.party.updated',
    { ...partyPayload(party), previousHomeDivisionCode: changed.includes('homeDivisionCode') ? previousHome : null, changed },
    { key: party.id },
  );
  return { party, changed };
}
