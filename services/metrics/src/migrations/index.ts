import { CreateMetricsSchema1732406400000 } from './1732406400000-CreateMetricsSchema';

/** In order; never edit a migration once merged, add a new one. */
export const migrations = [CreateMetricsSchema1732406400000];
