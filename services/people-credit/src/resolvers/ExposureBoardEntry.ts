import type { ExposureBoardEntryResolvers, ListingGround } from '../generated/resolvers-types';
import { ageOn } from '../domain/identity-numbers';

export const ExposureBoardEntry: ExposureBoardEntryResolvers = {
  age: (e) => (e.birthDate ? ageOn(e.birthDate, new Date()) : null),
  performedFen: (e) => (e.amountOwedFen !== null && e.outstandingFen !== null ? Math.max(0, e.amountOwedFen - e.outstandingFen) : null),
  conduct: (e) => e.ground as ListingGround,
  listedDate: (e) => e.listedAt.toISOString().slice(0, 10),
};
