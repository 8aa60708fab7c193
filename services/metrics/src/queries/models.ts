import type { PerformanceRuleSetEntity } from '../entities';
import type { Period } from '../projection/period';
import type { score } from '../projection/scores';

/** Entities owned elsewhere: metrics knows only their keys. */
export interface DivisionRef {
  code: string;
}
export interface StaffRef {
  id: string;
}

export type JudgePerformanceModel = ReturnType<typeof score> & {
  judgeId: string;
  period: Period;
  ruleSet: PerformanceRuleSetEntity;
};
export interface JudgeScoreComparisonModel {
  judgeId: string;
  rawCount: number;
  activeScore: number;
  draftScore: number;
  difference: number;
}
export interface JudgeScoreModel {
  judgeId: string;
  rawCount: number;
  weightedScore: number;
}
export interface RankingEntryModel {
  rank: number;
  code: string;
  value: number | null;
}
