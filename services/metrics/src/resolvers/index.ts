import { JSONScalar, SCALARS } from '@zhiyuan/kernel';
import type { Resolvers } from '../generated/resolvers-types';
import { Division } from './Division';
import { JudgePerformance } from './JudgePerformance';
import { JudgeScore } from './JudgeScore';
import { JudgeScoreComparison } from './JudgeScoreComparison';
import { JudicialSuggestion } from './JudicialSuggestion';
import { MetricsRankingEntry } from './MetricsRankingEntry';
import { Mutation } from './Mutation';
import { PerformanceRuleSet } from './PerformanceRuleSet';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { Staff } from './Staff';
import { Warning } from './Warning';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Division,
  Staff,
  PerformanceRuleSet,
  Warning,
  JudicialSuggestion,
  JudgePerformance,
  JudgeScoreComparison,
  JudgeScore,
  MetricsRankingEntry,
  ...SCALARS,
  JSON: JSONScalar,
};
