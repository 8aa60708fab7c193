import type { Resolvers } from '../generated/resolvers-types';
import { Division } from './Division';
import { Party } from './Party';
import { Query } from './Query';
import { Staff } from './Staff';

export const resolvers: Resolvers = { Query, Division, Party, Staff };
