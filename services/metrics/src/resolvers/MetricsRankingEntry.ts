import type { MetricsRankingEntryResolvers } from '../generated/resolvers-types';

export const MetricsRankingEntry: MetricsRankingEntryResolvers = { division: (e) => ({ code: e.code }) };
