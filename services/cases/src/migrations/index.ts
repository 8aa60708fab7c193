import { CreateCasesSchema1732406400000 } from './1732406400000-CreateCasesSchema';

/** In order; never edit a migration once merged, add a new one. */
export const migrations = [CreateCasesSchema1732406400000];
