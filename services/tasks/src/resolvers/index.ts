import type { Resolvers } from '../generated/resolvers-types';
import { Case } from './Case';
import { Query } from './Query';
import { Task } from './Task';

export const resolvers: Resolvers = { Query, Task, Case };
