import { SCALARS } from '@zhiyuan/kernel';
import type { Resolvers } from '../generated/resolvers-types';
import { Case } from './Case';
import { Division } from './Division';
import { Mutation } from './Mutation';
import { Party } from './Party';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Settlement } from './Settlement';
import { Staff } from './Staff';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Case,
  Settlement,
  Party,
  Staff,
  Division,
  ...SCALARS,
};
