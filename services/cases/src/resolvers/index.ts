import type { Resolvers } from '../generated/resolvers-types';
import { Case } from './Case';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Case };
