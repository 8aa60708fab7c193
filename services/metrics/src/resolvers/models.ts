/**
 * The models the generated resolver types map GraphQL types to (codegen.ts names this file and
 * audit-log.ts as the mappers' home); they are defined with the read paths that build them.
 */
export type {
  DivisionRef,
  StaffRef,
  JudgePerformanceModel,
  JudgeScoreComparisonModel,
  JudgeScoreModel,
  RankingEntryModel,
} from '../queries/models';
