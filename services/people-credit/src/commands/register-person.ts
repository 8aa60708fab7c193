import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { parseResidentId } from '../domain/identity-numbers';
import { PartyEntity } from '../entities';
import { requirePartyWriter, requireSignedIn } from '../policy';
import type { CommandContext } from './shared/command-context';
import { address, divisionCode, name, phone } from './shared/fields';
import { ID_PROBLEMS, existingParty, insertParty, requireHomeDivision } from './shared/parties';

const personInput = z.object({
  name,
  idNumber: z.string().trim().min(1, 'must not be empty'),
  phone,
  address,
  homeDivisionCode: divisionCode,
  disability: z.boolean().nullish(),
  seriousIllness: z.boolean().nullish(),
  lowIncome: z.boolean().nullish(),
});
export type PersonInput = z.infer<typeof personInput>;

/** Registers a person by resident ID number; the same number again returns the existing party, a different name is CONFLICT. */
export async function registerPerson(ctx: CommandContext, raw: unknown): Promise<PartyEntity> {
  requireSignedIn(ctx.identity);
  const input = parseInput(personInput, raw);
  requirePartyWriter(ctx.identity, input.homeDivisionCode);
  return ctx.runtime.messaging.transaction((m, emit) => addPerson(m, emit, input));
}

async function addPerson(
  manager: EntityManager,
  emit: Emit,
  input: PersonInput,
  now = new Date(),
): Promise<PartyEntity> {
  const idNumber = input.idNumber.trim().toUpperCase();
  const parsed = parseResidentId(idNumber, now);
  if (!parsed.ok) throw errors.validation('idNumber', ID_PROBLEMS[parsed.problem]!);
  const found = await existingParty(manager, idNumber, input.name);
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
