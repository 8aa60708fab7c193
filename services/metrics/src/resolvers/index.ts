import type { Resolvers } from '../generated/resolvers-types';
import { Division } from './Division';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { DateScalar, DateTime, Fen } from './scalars';
import { Staff } from './Staff';
import { JudgePerformance, JudgeScore, JudgeScoreComparison, JudicialSuggestion, MetricsRankingEntry, PerformanceRuleSet, Warning } from './types';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Division,
  Staff,
  PerformanceRuleSet,
  Warning,
  JudicialSuggestion,
  JudgePerformance,
  JudgeScoreComparison,
  JudgeScore,
  MetricsRankingEntry,
  DateTime,
  Date: DateScalar,
  Fen,
};
