import { z } from 'zod';
import { hasRole } from '@zhiyuan/auth';
import { PARTNER_DEPARTMENTS, CREDIT_CLASSIFICATIONS } from '@zhiyuan/events';
import { canSeeDivision, errors, parseInput, requireDivision, requireRole } from '@zhiyuan/server';
import type { MutationResolvers, PartnerDepartment } from '../generated/resolvers-types';
import { requireCourt, requireSignedIn } from '../access';
import { CreditLinkChangeEntity, DishonestListingEntity, PartyEntity } from '../entities';
import { addListing, extendListing, LISTING_GROUNDS, removeListings } from '../model/listings';
import { registerOrganization, registerPerson, updateParty } from '../model/parties';
import { overrideProfile, reclassify } from '../model/profiles';
import { registerStaff, STAFF_ROLES, updateStaff } from '../model/staff';

const CIRCUMSTANCES = ['disability', 'seriousIllness', 'lowIncome'];

const name = z.string().trim().min(1, 'must not be empty').max(100);
const phone = z.string().trim().regex(/^\+?[0-9-]{7,20}$/, 'must be a phone number').nullish();
const address = z.string().trim().max(200).nullish();
const divisionCode = z.string().regex(/^\d{6}(\d{3}){0,2}$/, 'must be a 6, 9 or 12 digit division code');
const uuid = z.uuid('must be an id');

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
const organizationInput = z.object({
  name,
  creditCode: z.string().trim().min(1, 'must not be empty'),
  legalRepresentative: name,
  phone,
  address,
  registeredDivisionCode: divisionCode,
});
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
const staffInput = z.object({
  name,
  roles: z.array(z.enum(STAFF_ROLES)).min(1, 'needs at least one role'),
  divisionCode: divisionCode.nullish(),
  phone,
  department: z.enum(PARTNER_DEPARTMENTS).nullish(),
});
const staffChanges = z.object({
  name: name.nullish(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1, 'needs at least one role').nullish(),
  divisionCode: divisionCode.nullish(),
  phone,
  active: z.boolean().nullish(),
});
const overrideInput = z.object({
  classification: z.enum(CREDIT_CLASSIFICATIONS),
  reason: z.string().trim().min(1, 'an override needs a reason').max(500),
  graceMonths: z.number().int().min(1, 'a grace period is 1 to 3 months').max(3, 'a grace period is 1 to 3 months').nullish(),
});
const listingInput = z.object({
  partyId: uuid,
  caseId: uuid,
  ground: z.enum(LISTING_GROUNDS),
  applicantPartyId: uuid.nullish(),
  extensionYears: z.number().int().min(1, 'an extension is 1 to 3 years').max(3, 'an extension is 1 to 3 years').nullish(),
  extensionReason: z.string().trim().max(500).nullish(),
});
const removeInput = z.object({
  ground: z.enum(['RIGHTS_HOLDER_REQUEST', 'CORRECTION', 'SETTLED_AND_PERFORMED']),
  requestedByPartyId: uuid.nullish(),
  note: z.string().trim().max(500).nullish(),
});

/** Party records are kept by the court and by township and village staff for their own divisions. */
function requirePartyWriter(identity: Parameters<typeof requireRole>[0], homeDivisionCode: string): void {
  requireRole(identity, 'JUDGE', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
  requireDivision(identity, homeDivisionCode);
}

export const Mutation: MutationResolvers = {
  registerPerson: async (_p, args, { identity, runtime }) => {
    requireSignedIn(identity);
    const input = parseInput(personInput, args.input);
    requirePartyWriter(identity, input.homeDivisionCode);
    return runtime.messaging.transaction((m, emit) => registerPerson(m, emit, input));
  },

  registerOrganization: async (_p, args, { identity, runtime }) => {
    requireSignedIn(identity);
    const input = parseInput(organizationInput, args.input);
    requirePartyWriter(identity, input.registeredDivisionCode);
    return runtime.messaging.transaction((m, emit) => registerOrganization(m, emit, input));
  },

  updateParty: async (_p, args, { identity, runtime }) => {
    requireSignedIn(identity);
    const id = parseInput(uuid, args.id);
    const input = parseInput(partyChanges, args.input);
    return runtime.messaging.transaction(async (m, emit) => {
      const current = await m.findOneBy(PartyEntity, { id });
      if (!current) throw errors.notFound('Party', id);
      requirePartyWriter(identity, current.homeDivisionCode);
      if (input.homeDivisionCode) requirePartyWriter(identity, input.homeDivisionCode);
      const { party, changed } = await updateParty(m, emit, id, input);
      // Circumstances are inputs of the capacity profile of an obligor.
      if (changed.some((c) => CIRCUMSTANCES.includes(c))) {
        const [obligor] = await m.query(`SELECT 1 FROM people.case_projection WHERE obligor_ids @> ARRAY[$1::uuid] LIMIT 1`, [id]);
        if (obligor) await reclassify(m, emit, id, new Date());
      }
      return party;
    });
  },

  registerStaff: async (_p, args, { identity, runtime }) => {
    requireRole(identity, 'ADMIN');
    const input = parseInput(staffInput, args.input);
    const [s] = await runtime.messaging.transaction((m, emit) => registerStaff(m, emit, [input]));
    return s!;
  },

  updateStaff: async (_p, args, { identity, runtime }) => {
    requireRole(identity, 'ADMIN');
    const id = parseInput(uuid, args.id);
    const input = parseInput(staffChanges, args.input);
    return runtime.messaging.transaction((m, emit) => updateStaff(m, emit, id, input));
  },

  overrideCreditProfile: async (_p, args, { identity, runtime }) => {
    requireRole(identity, 'JUDGE');
    const partyId = parseInput(uuid, args.partyId);
    const input = parseInput(overrideInput, args.input);
    return runtime.messaging.transaction((m, emit) => overrideProfile(m, emit, partyId, input, identity.sub));
  },

  listDishonestObligor: async (_p, args, { identity, runtime }) => {
    requireCourt(identity);
    const input = parseInput(listingInput, args.input);
    return runtime.messaging.transaction(async (m, emit) => {
      const party = await m.findOneBy(PartyEntity, { id: input.partyId });
      if (party && !hasRole(identity, 'ADMIN', 'JUDGE')) requireDivision(identity, party.homeDivisionCode);
      return addListing(m, emit, input, identity.sub);
    });
  },

  extendListing: async (_p, args, { identity, runtime }) => {
    requireCourt(identity);
    const id = parseInput(uuid, args.id);
    return runtime.messaging.transaction(async (m) => {
      const l = await m.findOneBy(DishonestListingEntity, { id });
      if (l && !canSeeDivision(identity, l.villageCode ?? l.townshipCode)) throw errors.forbidden('This listing is outside your scope');
      return extendListing(m, id, args.years, args.reason);
    });
  },

  removeListing: async (_p, args, { identity, runtime }) => {
    requireCourt(identity);
    const id = parseInput(uuid, args.id);
    const input = parseInput(removeInput, args.input);
    if (input.ground === 'RIGHTS_HOLDER_REQUEST' && !input.requestedByPartyId) throw errors.validation('requestedByPartyId', 'Name the rights holder who asked for the deletion');
    return runtime.messaging.transaction(async (m, emit) => {
      const found = await m.findOneBy(DishonestListingEntity, { id });
      if (!found) throw errors.notFound('DishonestListing', id);
      // Party first, then the listing row: the same lock order as listing and the case handlers.
      await m.query(`SELECT id FROM people.party WHERE id = $1 FOR UPDATE`, [found.partyId]);
      const l = await m.findOneOrFail(DishonestListingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!canSeeDivision(identity, l.villageCode ?? l.townshipCode)) throw errors.forbidden('This listing is outside your scope');
      if (l.status !== 'ACTIVE') throw errors.invalidTransition(l.status, 'REMOVED');
      if (input.ground === 'RIGHTS_HOLDER_REQUEST') {
        const [c] = await m.query(`SELECT obligee_ids FROM people.case_projection WHERE case_id = $1`, [l.caseId]);
        if (!c || !(c.obligee_ids as string[]).includes(input.requestedByPartyId!)) throw errors.validation('requestedByPartyId', 'Only a rights holder of the case can ask for deletion');
      }
      await removeListings(m, emit, [l], input.ground, new Date(), { requestedBy: input.requestedByPartyId ?? null, note: input.note ?? null });
      return l;
    });
  },

  acknowledgeCreditChange: async (_p, args, { identity, runtime }) => {
    requireSignedIn(identity);
    const changeId = parseInput(uuid, args.changeId);
    return runtime.messaging.transaction(async (m, emit) => {
      const c = await m.findOne(CreditLinkChangeEntity, { where: { id: changeId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw errors.notFound('CreditLinkChange', changeId);
      const own = hasRole(identity, 'PARTNER') && identity.department === c.department;
      if (!own && !hasRole(identity, 'ADMIN')) throw errors.forbidden('Only the partner department of this change can acknowledge it');
      if (c.acknowledgedAt) return c;
      c.acknowledgedAt = new Date();
      c.acknowledgedBy = identity.sub;
      await m.update(CreditLinkChangeEntity, { id: c.id }, { acknowledgedAt: c.acknowledgedAt, acknowledgedBy: c.acknowledgedBy });
      await emit(
        'credit.partner.acknowledged',
        { changeId: c.id, department: c.department as PartnerDepartment, partyId: c.partyId, acknowledgedAt: c.acknowledgedAt.toISOString(), acknowledgedBy: identity.sub },
        { key: c.partyId },
      );
      return c;
    });
  },
};
