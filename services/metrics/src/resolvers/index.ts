import type { Resolvers } from '../generated/resolvers-types';
import { Division } from './Division';
import { DivisionStats } from './DivisionStats';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Division, DivisionStats };
