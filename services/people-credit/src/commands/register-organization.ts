import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { checkCreditCode } from '../domain/identity-numbers';
import { PartyEntity } from '../entities';
import { requirePartyWriter, requireSignedIn } from '../policy';
import type { CommandContext } from './shared/command-context';
import { address, divisionCode, name, phone } from './shared/fields';
import { CODE_PROBLEMS, existingParty, insertParty, requireHomeDivision } from './shared/parties';

const organizationInput = z.object({
  name,
  creditCode: z.string().trim().min(1, 'must not be empty'),
  legalRepresentative: name,
  phone,
  address,
  registeredDivisionCode: divisionCode,
});
export type OrganizationInput = z.infer<typeof organizationInput>;

/** Registers an organization by unified social credit code; the same code again returns the existing party, a different name is CONFLICT. */
export async function registerOrganization(ctx: CommandContext, raw: unknown): Promise<PartyEntity> {
  requireSignedIn(ctx.identity);
  const input = parseInput(organizationInput, raw);
  requirePartyWriter(ctx.identity, input.registeredDivisionCode);
  return ctx.runtime.messaging.transaction((m, emit) => addOrganization(m, emit, input));
}

async function addOrganization(
  manager: EntityManager,
  emit: Emit,
  input: OrganizationInput,
  now = new Date(),
): Promise<PartyEntity> {
  const checked = checkCreditCode(input.creditCode);
  if (!checked.ok) throw errors.validation('creditCode', CODE_PROBLEMS[checked.problem]!);
  const found = await existingParty(manager, checked.value, input.name);
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
