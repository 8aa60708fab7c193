import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { DivisionRef, StaffRef, JudgePerformanceModel, JudgeScoreComparisonModel, JudgeScoreModel, RankingEntryModel } from '../resolvers/models';
import { DivisionStatsModel } from '../projection/kpis';
import { PerformanceRuleSetEntity, WarningRuleEntity, WarningEntity, JudicialSuggestionEntity } from '../entities';
import { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar day, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** An instant, ISO-8601 with offset. */
  DateTime: { input: string; output: Date | string; }
  /** An integer amount in fen (分). */
  Fen: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
};

export type AssistanceCount = {
  __typename?: 'AssistanceCount';
  completed: Scalars['Int']['output'];
  created: Scalars['Int']['output'];
  level: MetricsDivisionLevel;
  taskType: Scalars['String']['output'];
};

export type CreateJudicialSuggestionInput = {
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  figures: Array<SuggestionFigureInput>;
  finding: Scalars['String']['input'];
  targetDepartment: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

export type CreatePerformanceRuleSetInput = {
  effectiveFrom: Scalars['Date']['input'];
  name: Scalars['String']['input'];
  weights: Array<PerformanceWeightInput>;
};

/** Judgments that became effective in a period, by cause category (dispute analysis). */
export type DisputeCauseStat = {
  __typename?: 'DisputeCauseStat';
  amountOwedFen: Scalars['Fen']['output'];
  cases: Scalars['Int']['output'];
  causeCategory: Scalars['String']['output'];
};

export type DisputeSeriesPoint = {
  __typename?: 'DisputeSeriesPoint';
  cases: Scalars['Int']['output'];
  causeCategory: Scalars['String']['output'];
  start: Scalars['Date']['output'];
};

/** A county, township or village; metrics adds its cockpit figures and warnings. */
export type Division = {
  __typename?: 'Division';
  code: Scalars['ID']['output'];
  /** Cockpit figures of this division for a period (null with an error when outside the caller's scope). */
  stats?: Maybe<DivisionStats>;
  /** Early warnings of this division, newest first (at most 100). */
  warnings: Array<Warning>;
};


/** A county, township or village; metrics adds its cockpit figures and warnings. */
export type DivisionStatsArgs = {
  period: MetricsPeriodInput;
};


/** A county, township or village; metrics adds its cockpit figures and warnings. */
export type DivisionWarningsArgs = {
  status?: InputMaybe<WarningStatus>;
};

/** State of a division now. */
export type DivisionCurrentStats = {
  __typename?: 'DivisionCurrentStats';
  activeListings: Scalars['Int']['output'];
  /** listedObligors ÷ obligorsWithOpenCases. */
  dishonestyRate?: Maybe<Scalars['Float']['output']>;
  listedObligors: Scalars['Int']['output'];
  obligorsWithOpenCases: Scalars['Int']['output'];
  openCases: Scalars['Int']['output'];
  openTasks: Scalars['Int']['output'];
  overdueTasks: Scalars['Int']['output'];
};

/** Cockpit figures of a division over a period, summed from daily read models (definitions in docs/metrics.md). */
export type DivisionStats = {
  __typename?: 'DivisionStats';
  /** (completed + performed after urging + settled) ÷ closedCases. */
  actualEnforcementRate?: Maybe<Scalars['Float']['output']>;
  amountAppliedFen: Scalars['Fen']['output'];
  amountRecoveredFen: Scalars['Fen']['output'];
  /** amountRecoveredFen ÷ amountAppliedFen. */
  amountRecoveredRate?: Maybe<Scalars['Float']['output']>;
  assistance: Array<AssistanceCount>;
  attendanceRate?: Maybe<Scalars['Float']['output']>;
  averageDaysToClose?: Maybe<Scalars['Float']['output']>;
  closedCases: Scalars['Int']['output'];
  completedCases: Scalars['Int']['output'];
  /** completedCases ÷ closedCases. */
  completionRate?: Maybe<Scalars['Float']['output']>;
  /** Current state, not summed over the period. */
  current: DivisionCurrentStats;
  divisionCode: Scalars['ID']['output'];
  judgmentsEffective: Scalars['Int']['output'];
  level: MetricsDivisionLevel;
  listingsAdded: Scalars['Int']['output'];
  listingsRemoved: Scalars['Int']['output'];
  medianDaysToClose?: Maybe<Scalars['Float']['output']>;
  meetingAttended: Scalars['Int']['output'];
  meetingInstalmentPlans: Scalars['Int']['output'];
  meetingInvited: Scalars['Int']['output'];
  meetingPaidInFull: Scalars['Int']['output'];
  meetingsHeld: Scalars['Int']['output'];
  oldCasesAmountFen: Scalars['Fen']['output'];
  oldCasesResolved: Scalars['Int']['output'];
  outcomes: Array<OutcomeCount>;
  performedAfterUrging: Scalars['Int']['output'];
  performedWithoutEnforcement: Scalars['Int']['output'];
  period: MetricsPeriod;
  repaymentsAfterExposure: Scalars['Int']['output'];
  repaymentsAfterExposureFen: Scalars['Fen']['output'];
  settledCases: Scalars['Int']['output'];
  tasksCompleted: Scalars['Int']['output'];
  tasksCreated: Scalars['Int']['output'];
  tasksOverdue: Scalars['Int']['output'];
  urgingsPerformed: Scalars['Int']['output'];
  urgingsStarted: Scalars['Int']['output'];
  /** performedWithoutEnforcement ÷ judgmentsEffective; null when no judgment became effective. */
  voluntaryPerformanceRate?: Maybe<Scalars['Float']['output']>;
};

export type JudgeOutcomeCount = {
  __typename?: 'JudgeOutcomeCount';
  count: Scalars['Int']['output'];
  outcome: MetricsCaseOutcome;
  weight: Scalars['Float']['output'];
  weighted: Scalars['Float']['output'];
};

export type JudgePerformance = {
  __typename?: 'JudgePerformance';
  byOutcome: Array<JudgeOutcomeCount>;
  judge: Staff;
  period: MetricsPeriod;
  rawCount: Scalars['Int']['output'];
  ruleSet: PerformanceRuleSet;
  weightedScore: Scalars['Float']['output'];
};

export type JudgeScore = {
  __typename?: 'JudgeScore';
  judge: Staff;
  rawCount: Scalars['Int']['output'];
  weightedScore: Scalars['Float']['output'];
};

/** One judge's score under the active rule set and under a draft. */
export type JudgeScoreComparison = {
  __typename?: 'JudgeScoreComparison';
  activeScore: Scalars['Float']['output'];
  difference: Scalars['Float']['output'];
  draftScore: Scalars['Float']['output'];
  judge: Staff;
  rawCount: Scalars['Int']['output'];
};

export type JudgeScoring =
  /** Under the rule set active now. */
  | 'ACTIVE'
  /** Under the rule set that was in force at the end of the period. */
  | 'IN_FORCE_THEN';

/** A judicial suggestion (司法建议) sent to a department, with the figures that support its finding. */
export type JudicialSuggestion = {
  __typename?: 'JudicialSuggestion';
  answer?: Maybe<Scalars['String']['output']>;
  answeredAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  division?: Maybe<Division>;
  figures: Array<SuggestionFigure>;
  finding: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  status: JudicialSuggestionStatus;
  targetDepartment: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

export type JudicialSuggestionConnection = {
  __typename?: 'JudicialSuggestionConnection';
  edges: Array<JudicialSuggestionEdge>;
  nodes: Array<JudicialSuggestion>;
  pageInfo: PageInfo;
};

export type JudicialSuggestionEdge = {
  __typename?: 'JudicialSuggestionEdge';
  cursor: Scalars['String']['output'];
  node: JudicialSuggestion;
};

export type JudicialSuggestionStatus =
  | 'ANSWERED'
  | 'DRAFT'
  | 'SENT';

export type MetricsCaseOutcome =
  | 'COMPLETED'
  | 'EXITED'
  | 'PERFORMED_AFTER_URGING'
  | 'SETTLED_AND_PERFORMED'
  | 'TERMINATED_THIS_ROUND'
  | 'WITHDRAWN';

export type MetricsDivisionLevel =
  | 'COUNTY'
  | 'TOWNSHIP'
  | 'VILLAGE';

export type MetricsGranularity =
  | 'DAY'
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

export type MetricsKpi =
  | 'ACTUAL_ENFORCEMENT_RATE'
  | 'AMOUNT_RECOVERED_FEN'
  | 'AMOUNT_RECOVERED_RATE'
  | 'AVERAGE_DAYS_TO_CLOSE'
  | 'CLOSED_CASES'
  | 'COMPLETION_RATE'
  | 'JUDGMENTS_EFFECTIVE'
  | 'LISTINGS_ADDED'
  | 'MEETINGS_HELD'
  | 'OLD_CASES_RESOLVED'
  | 'REPAYMENTS_AFTER_EXPOSURE'
  | 'URGINGS_PERFORMED'
  | 'URGINGS_STARTED'
  | 'VOLUNTARY_PERFORMANCE_RATE';

export type MetricsPeriod = {
  __typename?: 'MetricsPeriod';
  from: Scalars['Date']['output'];
  kind: MetricsPeriodKind;
  to: Scalars['Date']['output'];
};

/** A period: DAY, MONTH, QUARTER or YEAR around `date`, or CUSTOM from `from` to `to` (inclusive). */
export type MetricsPeriodInput = {
  date?: InputMaybe<Scalars['Date']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  kind: MetricsPeriodKind;
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type MetricsPeriodKind =
  | 'CUSTOM'
  | 'DAY'
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

export type MetricsRankingEntry = {
  __typename?: 'MetricsRankingEntry';
  division: Division;
  rank: Scalars['Int']['output'];
  value?: Maybe<Scalars['Float']['output']>;
};

export type MetricsSeriesPoint = {
  __typename?: 'MetricsSeriesPoint';
  /** First day of the bucket. */
  start: Scalars['Date']['output'];
  value?: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Activates a DRAFT rule set, retires the active one and recomputes every judge score from the facts. */
  activatePerformanceRuleSet: PerformanceRuleSet;
  answerJudicialSuggestion: JudicialSuggestion;
  createJudicialSuggestion: JudicialSuggestion;
  /** Creates a DRAFT rule set; it changes no score until activated. */
  createPerformanceRuleSet: PerformanceRuleSet;
  createWarningRule: WarningRule;
  sendJudicialSuggestion: JudicialSuggestion;
  /** Changes a rule; its open warnings are re-evaluated (resolved if disabled). */
  updateWarningRule: WarningRule;
};


export type MutationActivatePerformanceRuleSetArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationAnswerJudicialSuggestionArgs = {
  answer: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


export type MutationCreateJudicialSuggestionArgs = {
  input: CreateJudicialSuggestionInput;
};


export type MutationCreatePerformanceRuleSetArgs = {
  input: CreatePerformanceRuleSetInput;
};


export type MutationCreateWarningRuleArgs = {
  input: WarningRuleInput;
};


export type MutationSendJudicialSuggestionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateWarningRuleArgs = {
  id: Scalars['ID']['input'];
  input: WarningRuleInput;
};

export type OutcomeCount = {
  __typename?: 'OutcomeCount';
  amountRecoveredFen: Scalars['Fen']['output'];
  count: Scalars['Int']['output'];
  outcome: MetricsCaseOutcome;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A versioned list of weights by outcome for the judge assessment. */
export type PerformanceRuleSet = {
  __typename?: 'PerformanceRuleSet';
  activatedAt?: Maybe<Scalars['DateTime']['output']>;
  activatedBy?: Maybe<Scalars['String']['output']>;
  activationReason?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  effectiveFrom: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  retiredAt?: Maybe<Scalars['DateTime']['output']>;
  status: PerformanceRuleSetStatus;
  version: Scalars['Int']['output'];
  weights: Array<PerformanceWeight>;
};

export type PerformanceRuleSetStatus =
  | 'ACTIVE'
  | 'DRAFT'
  | 'RETIRED';

export type PerformanceWeight = {
  __typename?: 'PerformanceWeight';
  outcome: MetricsCaseOutcome;
  weight: Scalars['Float']['output'];
};

export type PerformanceWeightInput = {
  outcome: MetricsCaseOutcome;
  weight: Scalars['Float']['input'];
};

export type Query = {
  __typename?: 'Query';
  activePerformanceRuleSet: PerformanceRuleSet;
  /** Judgments effective by cause category over time. */
  disputeSeries: Array<DisputeSeriesPoint>;
  /** Judgments effective by cause category in a division and period. */
  disputeStats: Array<DisputeCauseStat>;
  /** Townships of a county, or villages of a township, ranked by a KPI over a period (highest first). */
  divisionRanking: Array<MetricsRankingEntry>;
  /** A KPI of a division over time, one point per bucket (for charts). */
  divisionSeries: Array<MetricsSeriesPoint>;
  /** Cockpit figures of one division for a period. */
  divisionStats: DivisionStats;
  /** All-time judge scores under the active rule set, highest first. */
  judgeScores: Array<JudgeScore>;
  judicialSuggestion?: Maybe<JudicialSuggestion>;
  judicialSuggestions: JudicialSuggestionConnection;
  performanceRuleSet?: Maybe<PerformanceRuleSet>;
  performanceRuleSets: Array<PerformanceRuleSet>;
  /** Per-judge scores under a rule set next to the active one; changes nothing. */
  simulatePerformanceRuleSet: Array<JudgeScoreComparison>;
  warningRules: Array<WarningRule>;
  warnings: WarningConnection;
};


export type QueryDisputeSeriesArgs = {
  code: Scalars['ID']['input'];
  from: Scalars['Date']['input'];
  granularity?: InputMaybe<MetricsGranularity>;
  to: Scalars['Date']['input'];
};


export type QueryDisputeStatsArgs = {
  code: Scalars['ID']['input'];
  period: MetricsPeriodInput;
};


export type QueryDivisionRankingArgs = {
  kpi: MetricsKpi;
  parentCode: Scalars['ID']['input'];
  period: MetricsPeriodInput;
};


export type QueryDivisionSeriesArgs = {
  code: Scalars['ID']['input'];
  from: Scalars['Date']['input'];
  granularity?: InputMaybe<MetricsGranularity>;
  kpi: MetricsKpi;
  to: Scalars['Date']['input'];
};


export type QueryDivisionStatsArgs = {
  code: Scalars['ID']['input'];
  period: MetricsPeriodInput;
};


export type QueryJudgeScoresArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryJudicialSuggestionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJudicialSuggestionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<JudicialSuggestionStatus>;
};


export type QueryPerformanceRuleSetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPerformanceRuleSetsArgs = {
  status?: InputMaybe<PerformanceRuleSetStatus>;
};


export type QuerySimulatePerformanceRuleSetArgs = {
  id: Scalars['ID']['input'];
  period?: InputMaybe<MetricsPeriodInput>;
};


export type QueryWarningsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<WarningStatus>;
};

/** A judge or other staff member; metrics adds the judge's performance score. */
export type Staff = {
  __typename?: 'Staff';
  id: Scalars['ID']['output'];
  /** Raw and weighted closed-case counts of a judge over a period. */
  performance?: Maybe<JudgePerformance>;
};


/** A judge or other staff member; metrics adds the judge's performance score. */
export type StaffPerformanceArgs = {
  period: MetricsPeriodInput;
  ruleSetId?: InputMaybe<Scalars['ID']['input']>;
  scoring?: InputMaybe<JudgeScoring>;
};

export type SuggestionFigure = {
  __typename?: 'SuggestionFigure';
  label: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type SuggestionFigureInput = {
  label: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type Warning = {
  __typename?: 'Warning';
  division: Division;
  id: Scalars['ID']['output'];
  lastCheckedAt: Scalars['DateTime']['output'];
  lastValue: Scalars['Float']['output'];
  metric: WarningMetric;
  raisedAt: Scalars['DateTime']['output'];
  raisedValue: Scalars['Float']['output'];
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  resolvedValue?: Maybe<Scalars['Float']['output']>;
  rule: WarningRule;
  status: WarningStatus;
  threshold: Scalars['Float']['output'];
};

export type WarningComparison =
  | 'GT'
  | 'GTE'
  | 'LT'
  | 'LTE';

export type WarningConnection = {
  __typename?: 'WarningConnection';
  edges: Array<WarningEdge>;
  nodes: Array<Warning>;
  pageInfo: PageInfo;
};

export type WarningEdge = {
  __typename?: 'WarningEdge';
  cursor: Scalars['String']['output'];
  node: Warning;
};

export type WarningMetric =
  | 'ACTUAL_ENFORCEMENT_RATE'
  | 'COMPLETION_RATE'
  | 'DISHONESTY_RATE'
  | 'LISTINGS_RISING'
  | 'OVERDUE_TASKS'
  | 'PARTNER_ACKS_OVERDUE';

/** A tunable early-warning rule: raise when metric (comparison) threshold for a division of the level, over the window. */
export type WarningRule = {
  __typename?: 'WarningRule';
  comparison: WarningComparison;
  divisionLevel: MetricsDivisionLevel;
  enabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  metric: WarningMetric;
  name: Scalars['String']['output'];
  threshold: Scalars['Float']['output'];
  updatedAt: Scalars['DateTime']['output'];
  updatedBy: Scalars['String']['output'];
  windowDays: Scalars['Int']['output'];
};

export type WarningRuleInput = {
  comparison: WarningComparison;
  divisionLevel: MetricsDivisionLevel;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  metric: WarningMetric;
  name: Scalars['String']['input'];
  threshold: Scalars['Float']['input'];
  windowDays: Scalars['Int']['input'];
};

export type WarningStatus =
  | 'OPEN'
  | 'RESOLVED';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Division: Division;
  Staff: Staff;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Division:
    ( { __typename: 'Division' }
    & GraphQLRecursivePick<FederationTypes['Division'], {"code":true}> );
  Staff:
    ( { __typename: 'Staff' }
    & GraphQLRecursivePick<FederationTypes['Staff'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AssistanceCount: ResolverTypeWrapper<AssistanceCount>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CreateJudicialSuggestionInput: CreateJudicialSuggestionInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreatePerformanceRuleSetInput: CreatePerformanceRuleSetInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DisputeCauseStat: ResolverTypeWrapper<DisputeCauseStat>;
  DisputeSeriesPoint: ResolverTypeWrapper<DisputeSeriesPoint>;
  Division: ResolverTypeWrapper<DivisionRef>;
  DivisionCurrentStats: ResolverTypeWrapper<DivisionCurrentStats>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DivisionStats: ResolverTypeWrapper<DivisionStatsModel>;
  Fen: ResolverTypeWrapper<Scalars['Fen']['output']>;
  JudgeOutcomeCount: ResolverTypeWrapper<JudgeOutcomeCount>;
  JudgePerformance: ResolverTypeWrapper<JudgePerformanceModel>;
  JudgeScore: ResolverTypeWrapper<JudgeScoreModel>;
  JudgeScoreComparison: ResolverTypeWrapper<JudgeScoreComparisonModel>;
  JudgeScoring: JudgeScoring;
  JudicialSuggestion: ResolverTypeWrapper<JudicialSuggestionEntity>;
  JudicialSuggestionConnection: ResolverTypeWrapper<Omit<JudicialSuggestionConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['JudicialSuggestionEdge']>, nodes: Array<ResolversTypes['JudicialSuggestion']> }>;
  JudicialSuggestionEdge: ResolverTypeWrapper<Omit<JudicialSuggestionEdge, 'node'> & { node: ResolversTypes['JudicialSuggestion'] }>;
  JudicialSuggestionStatus: JudicialSuggestionStatus;
  MetricsCaseOutcome: MetricsCaseOutcome;
  MetricsDivisionLevel: MetricsDivisionLevel;
  MetricsGranularity: MetricsGranularity;
  MetricsKpi: MetricsKpi;
  MetricsPeriod: ResolverTypeWrapper<MetricsPeriod>;
  MetricsPeriodInput: MetricsPeriodInput;
  MetricsPeriodKind: MetricsPeriodKind;
  MetricsRankingEntry: ResolverTypeWrapper<RankingEntryModel>;
  MetricsSeriesPoint: ResolverTypeWrapper<MetricsSeriesPoint>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OutcomeCount: ResolverTypeWrapper<OutcomeCount>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PerformanceRuleSet: ResolverTypeWrapper<PerformanceRuleSetEntity>;
  PerformanceRuleSetStatus: PerformanceRuleSetStatus;
  PerformanceWeight: ResolverTypeWrapper<PerformanceWeight>;
  PerformanceWeightInput: PerformanceWeightInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Staff: ResolverTypeWrapper<StaffRef>;
  SuggestionFigure: ResolverTypeWrapper<SuggestionFigure>;
  SuggestionFigureInput: SuggestionFigureInput;
  Warning: ResolverTypeWrapper<WarningEntity>;
  WarningComparison: WarningComparison;
  WarningConnection: ResolverTypeWrapper<Omit<WarningConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['WarningEdge']>, nodes: Array<ResolversTypes['Warning']> }>;
  WarningEdge: ResolverTypeWrapper<Omit<WarningEdge, 'node'> & { node: ResolversTypes['Warning'] }>;
  WarningMetric: WarningMetric;
  WarningRule: ResolverTypeWrapper<WarningRuleEntity>;
  WarningRuleInput: WarningRuleInput;
  WarningStatus: WarningStatus;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AssistanceCount: AssistanceCount;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  CreateJudicialSuggestionInput: CreateJudicialSuggestionInput;
  ID: Scalars['ID']['output'];
  CreatePerformanceRuleSetInput: CreatePerformanceRuleSetInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DisputeCauseStat: DisputeCauseStat;
  DisputeSeriesPoint: DisputeSeriesPoint;
  Division: DivisionRef;
  DivisionCurrentStats: DivisionCurrentStats;
  Float: Scalars['Float']['output'];
  DivisionStats: DivisionStatsModel;
  Fen: Scalars['Fen']['output'];
  JudgeOutcomeCount: JudgeOutcomeCount;
  JudgePerformance: JudgePerformanceModel;
  JudgeScore: JudgeScoreModel;
  JudgeScoreComparison: JudgeScoreComparisonModel;
  JudicialSuggestion: JudicialSuggestionEntity;
  JudicialSuggestionConnection: Omit<JudicialSuggestionConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['JudicialSuggestionEdge']>, nodes: Array<ResolversParentTypes['JudicialSuggestion']> };
  JudicialSuggestionEdge: Omit<JudicialSuggestionEdge, 'node'> & { node: ResolversParentTypes['JudicialSuggestion'] };
  MetricsPeriod: MetricsPeriod;
  MetricsPeriodInput: MetricsPeriodInput;
  MetricsRankingEntry: RankingEntryModel;
  MetricsSeriesPoint: MetricsSeriesPoint;
  Mutation: Record<PropertyKey, never>;
  OutcomeCount: OutcomeCount;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PerformanceRuleSet: PerformanceRuleSetEntity;
  PerformanceWeight: PerformanceWeight;
  PerformanceWeightInput: PerformanceWeightInput;
  Query: Record<PropertyKey, never>;
  Staff: StaffRef;
  SuggestionFigure: SuggestionFigure;
  SuggestionFigureInput: SuggestionFigureInput;
  Warning: WarningEntity;
  WarningConnection: Omit<WarningConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['WarningEdge']>, nodes: Array<ResolversParentTypes['Warning']> };
  WarningEdge: Omit<WarningEdge, 'node'> & { node: ResolversParentTypes['Warning'] };
  WarningRule: WarningRuleEntity;
  WarningRuleInput: WarningRuleInput;
}>;

export type AssistanceCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AssistanceCount'] = ResolversParentTypes['AssistanceCount']> = ResolversObject<{
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['MetricsDivisionLevel'], ParentType, ContextType>;
  taskType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DisputeCauseStatResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DisputeCauseStat'] = ResolversParentTypes['DisputeCauseStat']> = ResolversObject<{
  amountOwedFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  cases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  causeCategory?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DisputeSeriesPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DisputeSeriesPoint'] = ResolversParentTypes['DisputeSeriesPoint']> = ResolversObject<{
  cases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  causeCategory?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type DivisionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Division'] = ResolversParentTypes['Division'], FederationReferenceType extends FederationReferenceTypes['Division'] = FederationReferenceTypes['Division']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Division']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stats?: Resolver<Maybe<ResolversTypes['DivisionStats']>, ParentType, ContextType, RequireFields<DivisionStatsArgs, 'period'>>;
  warnings?: Resolver<Array<ResolversTypes['Warning']>, ParentType, ContextType, Partial<DivisionWarningsArgs>>;
}>;

export type DivisionCurrentStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DivisionCurrentStats'] = ResolversParentTypes['DivisionCurrentStats']> = ResolversObject<{
  activeListings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dishonestyRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  listedObligors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  obligorsWithOpenCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  openCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  openTasks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  overdueTasks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DivisionStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DivisionStats'] = ResolversParentTypes['DivisionStats']> = ResolversObject<{
  actualEnforcementRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  amountAppliedFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  amountRecoveredFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  amountRecoveredRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  assistance?: Resolver<Array<ResolversTypes['AssistanceCount']>, ParentType, ContextType>;
  attendanceRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  averageDaysToClose?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  closedCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  completedCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  completionRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  current?: Resolver<ResolversTypes['DivisionCurrentStats'], ParentType, ContextType>;
  divisionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  judgmentsEffective?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['MetricsDivisionLevel'], ParentType, ContextType>;
  listingsAdded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  listingsRemoved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  medianDaysToClose?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meetingAttended?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meetingInstalmentPlans?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meetingInvited?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meetingPaidInFull?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meetingsHeld?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  oldCasesAmountFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  oldCasesResolved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcomes?: Resolver<Array<ResolversTypes['OutcomeCount']>, ParentType, ContextType>;
  performedAfterUrging?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  performedWithoutEnforcement?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['MetricsPeriod'], ParentType, ContextType>;
  repaymentsAfterExposure?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  repaymentsAfterExposureFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  settledCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tasksCompleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tasksCreated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tasksOverdue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  urgingsPerformed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  urgingsStarted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  voluntaryPerformanceRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export interface FenScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Fen'], any> {
  name: 'Fen';
}

export type JudgeOutcomeCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudgeOutcomeCount'] = ResolversParentTypes['JudgeOutcomeCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['MetricsCaseOutcome'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  weighted?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type JudgePerformanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudgePerformance'] = ResolversParentTypes['JudgePerformance']> = ResolversObject<{
  byOutcome?: Resolver<Array<ResolversTypes['JudgeOutcomeCount']>, ParentType, ContextType>;
  judge?: Resolver<ResolversTypes['Staff'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['MetricsPeriod'], ParentType, ContextType>;
  rawCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ruleSet?: Resolver<ResolversTypes['PerformanceRuleSet'], ParentType, ContextType>;
  weightedScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type JudgeScoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudgeScore'] = ResolversParentTypes['JudgeScore']> = ResolversObject<{
  judge?: Resolver<ResolversTypes['Staff'], ParentType, ContextType>;
  rawCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weightedScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type JudgeScoreComparisonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudgeScoreComparison'] = ResolversParentTypes['JudgeScoreComparison']> = ResolversObject<{
  activeScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  difference?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  draftScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  judge?: Resolver<ResolversTypes['Staff'], ParentType, ContextType>;
  rawCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type JudicialSuggestionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudicialSuggestion'] = ResolversParentTypes['JudicialSuggestion']> = ResolversObject<{
  answer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  answeredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  division?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
  figures?: Resolver<Array<ResolversTypes['SuggestionFigure']>, ParentType, ContextType>;
  finding?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sentAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JudicialSuggestionStatus'], ParentType, ContextType>;
  targetDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type JudicialSuggestionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudicialSuggestionConnection'] = ResolversParentTypes['JudicialSuggestionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['JudicialSuggestionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['JudicialSuggestion']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type JudicialSuggestionEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudicialSuggestionEdge'] = ResolversParentTypes['JudicialSuggestionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['JudicialSuggestion'], ParentType, ContextType>;
}>;

export type MetricsPeriodResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MetricsPeriod'] = ResolversParentTypes['MetricsPeriod']> = ResolversObject<{
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MetricsPeriodKind'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type MetricsRankingEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MetricsRankingEntry'] = ResolversParentTypes['MetricsRankingEntry']> = ResolversObject<{
  division?: Resolver<ResolversTypes['Division'], ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type MetricsSeriesPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MetricsSeriesPoint'] = ResolversParentTypes['MetricsSeriesPoint']> = ResolversObject<{
  start?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  activatePerformanceRuleSet?: Resolver<ResolversTypes['PerformanceRuleSet'], ParentType, ContextType, RequireFields<MutationActivatePerformanceRuleSetArgs, 'id' | 'reason'>>;
  answerJudicialSuggestion?: Resolver<ResolversTypes['JudicialSuggestion'], ParentType, ContextType, RequireFields<MutationAnswerJudicialSuggestionArgs, 'answer' | 'id'>>;
  createJudicialSuggestion?: Resolver<ResolversTypes['JudicialSuggestion'], ParentType, ContextType, RequireFields<MutationCreateJudicialSuggestionArgs, 'input'>>;
  createPerformanceRuleSet?: Resolver<ResolversTypes['PerformanceRuleSet'], ParentType, ContextType, RequireFields<MutationCreatePerformanceRuleSetArgs, 'input'>>;
  createWarningRule?: Resolver<ResolversTypes['WarningRule'], ParentType, ContextType, RequireFields<MutationCreateWarningRuleArgs, 'input'>>;
  sendJudicialSuggestion?: Resolver<ResolversTypes['JudicialSuggestion'], ParentType, ContextType, RequireFields<MutationSendJudicialSuggestionArgs, 'id'>>;
  updateWarningRule?: Resolver<ResolversTypes['WarningRule'], ParentType, ContextType, RequireFields<MutationUpdateWarningRuleArgs, 'id' | 'input'>>;
}>;

export type OutcomeCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OutcomeCount'] = ResolversParentTypes['OutcomeCount']> = ResolversObject<{
  amountRecoveredFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['MetricsCaseOutcome'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PerformanceRuleSetResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PerformanceRuleSet'] = ResolversParentTypes['PerformanceRuleSet']> = ResolversObject<{
  activatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  activatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  activationReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  effectiveFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PerformanceRuleSetStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weights?: Resolver<Array<ResolversTypes['PerformanceWeight']>, ParentType, ContextType>;
}>;

export type PerformanceWeightResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PerformanceWeight'] = ResolversParentTypes['PerformanceWeight']> = ResolversObject<{
  outcome?: Resolver<ResolversTypes['MetricsCaseOutcome'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  activePerformanceRuleSet?: Resolver<ResolversTypes['PerformanceRuleSet'], ParentType, ContextType>;
  disputeSeries?: Resolver<Array<ResolversTypes['DisputeSeriesPoint']>, ParentType, ContextType, RequireFields<QueryDisputeSeriesArgs, 'code' | 'from' | 'granularity' | 'to'>>;
  disputeStats?: Resolver<Array<ResolversTypes['DisputeCauseStat']>, ParentType, ContextType, RequireFields<QueryDisputeStatsArgs, 'code' | 'period'>>;
  divisionRanking?: Resolver<Array<ResolversTypes['MetricsRankingEntry']>, ParentType, ContextType, RequireFields<QueryDivisionRankingArgs, 'kpi' | 'parentCode' | 'period'>>;
  divisionSeries?: Resolver<Array<ResolversTypes['MetricsSeriesPoint']>, ParentType, ContextType, RequireFields<QueryDivisionSeriesArgs, 'code' | 'from' | 'granularity' | 'kpi' | 'to'>>;
  divisionStats?: Resolver<ResolversTypes['DivisionStats'], ParentType, ContextType, RequireFields<QueryDivisionStatsArgs, 'code' | 'period'>>;
  judgeScores?: Resolver<Array<ResolversTypes['JudgeScore']>, ParentType, ContextType, RequireFields<QueryJudgeScoresArgs, 'first'>>;
  judicialSuggestion?: Resolver<Maybe<ResolversTypes['JudicialSuggestion']>, ParentType, ContextType, RequireFields<QueryJudicialSuggestionArgs, 'id'>>;
  judicialSuggestions?: Resolver<ResolversTypes['JudicialSuggestionConnection'], ParentType, ContextType, Partial<QueryJudicialSuggestionsArgs>>;
  performanceRuleSet?: Resolver<Maybe<ResolversTypes['PerformanceRuleSet']>, ParentType, ContextType, RequireFields<QueryPerformanceRuleSetArgs, 'id'>>;
  performanceRuleSets?: Resolver<Array<ResolversTypes['PerformanceRuleSet']>, ParentType, ContextType, Partial<QueryPerformanceRuleSetsArgs>>;
  simulatePerformanceRuleSet?: Resolver<Array<ResolversTypes['JudgeScoreComparison']>, ParentType, ContextType, RequireFields<QuerySimulatePerformanceRuleSetArgs, 'id'>>;
  warningRules?: Resolver<Array<ResolversTypes['WarningRule']>, ParentType, ContextType>;
  warnings?: Resolver<ResolversTypes['WarningConnection'], ParentType, ContextType, Partial<QueryWarningsArgs>>;
}>;

export type StaffResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Staff'] = ResolversParentTypes['Staff'], FederationReferenceType extends FederationReferenceTypes['Staff'] = FederationReferenceTypes['Staff']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Staff']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  performance?: Resolver<Maybe<ResolversTypes['JudgePerformance']>, ParentType, ContextType, RequireFields<StaffPerformanceArgs, 'period' | 'scoring'>>;
}>;

export type SuggestionFigureResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SuggestionFigure'] = ResolversParentTypes['SuggestionFigure']> = ResolversObject<{
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WarningResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Warning'] = ResolversParentTypes['Warning']> = ResolversObject<{
  division?: Resolver<ResolversTypes['Division'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastCheckedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lastValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['WarningMetric'], ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  raisedValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  resolvedValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['WarningRule'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WarningStatus'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type WarningConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WarningConnection'] = ResolversParentTypes['WarningConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WarningEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Warning']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type WarningEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WarningEdge'] = ResolversParentTypes['WarningEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Warning'], ParentType, ContextType>;
}>;

export type WarningRuleResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WarningRule'] = ResolversParentTypes['WarningRule']> = ResolversObject<{
  comparison?: Resolver<ResolversTypes['WarningComparison'], ParentType, ContextType>;
  divisionLevel?: Resolver<ResolversTypes['MetricsDivisionLevel'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['WarningMetric'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  windowDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  AssistanceCount?: AssistanceCountResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DisputeCauseStat?: DisputeCauseStatResolvers<ContextType>;
  DisputeSeriesPoint?: DisputeSeriesPointResolvers<ContextType>;
  Division?: DivisionResolvers<ContextType>;
  DivisionCurrentStats?: DivisionCurrentStatsResolvers<ContextType>;
  DivisionStats?: DivisionStatsResolvers<ContextType>;
  Fen?: GraphQLScalarType;
  JudgeOutcomeCount?: JudgeOutcomeCountResolvers<ContextType>;
  JudgePerformance?: JudgePerformanceResolvers<ContextType>;
  JudgeScore?: JudgeScoreResolvers<ContextType>;
  JudgeScoreComparison?: JudgeScoreComparisonResolvers<ContextType>;
  JudicialSuggestion?: JudicialSuggestionResolvers<ContextType>;
  JudicialSuggestionConnection?: JudicialSuggestionConnectionResolvers<ContextType>;
  JudicialSuggestionEdge?: JudicialSuggestionEdgeResolvers<ContextType>;
  MetricsPeriod?: MetricsPeriodResolvers<ContextType>;
  MetricsRankingEntry?: MetricsRankingEntryResolvers<ContextType>;
  MetricsSeriesPoint?: MetricsSeriesPointResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OutcomeCount?: OutcomeCountResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PerformanceRuleSet?: PerformanceRuleSetResolvers<ContextType>;
  PerformanceWeight?: PerformanceWeightResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Staff?: StaffResolvers<ContextType>;
  SuggestionFigure?: SuggestionFigureResolvers<ContextType>;
  Warning?: WarningResolvers<ContextType>;
  WarningConnection?: WarningConnectionResolvers<ContextType>;
  WarningEdge?: WarningEdgeResolvers<ContextType>;
  WarningRule?: WarningRuleResolvers<ContextType>;
}>;

