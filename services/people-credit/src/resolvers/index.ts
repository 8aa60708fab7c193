import { SCALARS } from '@zhiyuan/kernel';
import type { Resolvers } from '../generated/resolvers-types';
import { Case } from './Case';
import { CreditLink, CreditLinkChange } from './CreditLink';
import { CreditProfile } from './CreditProfile';
import { DishonestListing } from './DishonestListing';
import { Division } from './Division';
import { ExposureBoardEntry } from './ExposureBoardEntry';
import { Mutation } from './Mutation';
import { Party } from './Party';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Staff } from './Staff';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Division,
  Party,
  Staff,
  CreditProfile,
  DishonestListing,
  Case,
  CreditLink,
  CreditLinkChange,
  ExposureBoardEntry,
  ...SCALARS,
};
