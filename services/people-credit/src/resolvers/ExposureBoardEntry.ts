import { courtDate } from '@zhiyuan/kernel';
import type { ExposureBoardEntryResolvers, ListingGround } from '../generated/resolvers-types';
import { ageOn } from '../domain/identity-numbers';

export const ExposureBoardEntry: ExposureBoardEntryResolvers = {
  age: (e) => (e.birthDate ? ageOn(e.birthDate, new Date()) : null),
  performedFen: (e) =>
    e.amountOwedFen !== null && e.outstandingFen !== null ? Math.max(0, e.amountOwedFen - e.outstandingFen) : null,
  conduct: (e) => e.ground as ListingGround,
  // The day of listing as the court counts it (China Standard Time).
  listedDate: (e) => courtDate(e.listedAt),
};
