import { maskIdNumber } from '@zhiyuan/kernel';
import { ageOn } from '../domain/identity-numbers';
import type { PartyResolvers } from '../generated/resolvers-types';
import {
  partyAddress,
  partyBirthDate,
  partyCreditLinks,
  partyCreditProfile,
  partyCreditProfileHistory,
  partyIdNumber,
  partyListings,
  partyPhone,
  partyReference,
} from '../queries/parties';

export const Party: PartyResolvers = {
  __resolveReference: (ref, ctx) => partyReference(ctx, ref.id),
  idNumber: (p, _a, ctx) => partyIdNumber(ctx, p),
  idNumberMasked: (p) => maskIdNumber(p.idNumber),
  birthDate: (p, _a, ctx) => partyBirthDate(ctx, p),
  age: (p) => (p.birthDate ? ageOn(p.birthDate, new Date()) : null),
  phone: (p, _a, ctx) => partyPhone(ctx, p),
  address: (p, _a, ctx) => partyAddress(ctx, p),
  homeDivision: (p, _a, { loaders }) => loaders.division.load(p.homeDivisionCode),
  creditProfile: (p, _a, ctx) => partyCreditProfile(ctx, p),
  creditProfileHistory: (p, _a, ctx) => partyCreditProfileHistory(ctx, p),
  listings: (p, { activeOnly }, ctx) => partyListings(ctx, p, activeOnly),
  creditLinks: (p, _a, ctx) => partyCreditLinks(ctx, p),
};
