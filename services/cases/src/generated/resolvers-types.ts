import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { CaseEntity, PerformanceEntity, SettlementEntity, InstalmentEntity, TimelineEntryEntity } from '../entities';
import { CauseOfActionModel } from '../domain/causes';
import { PartyRef, StaffRef, DivisionRef, CaseConnectionModel, PaymentResultModel, JudgmentImportResultModel } from '../resolvers/refs';
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
  DateTime: { input: Date | string; output: Date | string; }
  /** An amount in fen (分), an integer sent as a JSON number. */
  Fen: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
};

export type AgreeSettlementInput = {
  caseId: Scalars['ID']['input'];
  instalments: Array<InstalmentInput>;
  kind: SettlementKind;
  terms: Scalars['String']['input'];
};

/** A judgment and, once filed, its enforcement case: one entity from effective judgment to close. */
export type Case = {
  __typename?: 'Case';
  amountAppliedFen?: Maybe<Scalars['Fen']['output']>;
  amountOwedFen: Scalars['Fen']['output'];
  /** The judgment's case number, e.g. (2024)浙0522民初1234号. */
  caseNumber: Scalars['String']['output'];
  cause: CauseOfAction;
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  costsFen: Scalars['Fen']['output'];
  court: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Days from the effective date to close (or to today while open). */
  daysOpen: Scalars['Int']['output'];
  effectiveDate: Scalars['Date']['output'];
  /** The enforcement case number once filed, e.g. (2024)浙0522执1234号. */
  enforcementNumber?: Maybe<Scalars['String']['output']>;
  enforcementOfficer?: Maybe<Staff>;
  filedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  interestFen: Scalars['Fen']['output'];
  judge?: Maybe<Staff>;
  needsService: Scalars['Boolean']['output'];
  /** For a case terminated for this round: when the next asset re-search is due. */
  nextResearchDue?: Maybe<Scalars['Date']['output']>;
  obligees: Array<Party>;
  /** Obligors in the judgment's order; the first is primary and decides the routing. */
  obligors: Array<Party>;
  /** Set once the case is closed (or terminated for this round). */
  outcome?: Maybe<CaseOutcome>;
  outstandingFen: Scalars['Fen']['output'];
  /** Open, with a balance, and past its performance (or urging) deadline. */
  overdue: Scalars['Boolean']['output'];
  paidFen: Scalars['Fen']['output'];
  performanceDeadline?: Maybe<Scalars['Date']['output']>;
  performances: Array<Performance>;
  primaryObligor: Party;
  principalFen: Scalars['Fen']['output'];
  settlements: Array<Settlement>;
  state: CaseState;
  /** Every change of the case, oldest first. */
  timeline: Array<CaseTimelineEntry>;
  township?: Maybe<Division>;
  /** Whether pre-enforcement urging ever ran on this case. */
  urged: Scalars['Boolean']['output'];
  urging?: Maybe<Urging>;
  /** The primary obligor's home village; null until the party is known. */
  village?: Maybe<Division>;
};

export type CaseConnection = {
  __typename?: 'CaseConnection';
  edges: Array<CaseEdge>;
  nodes: Array<Case>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CaseEdge = {
  __typename?: 'CaseEdge';
  cursor: Scalars['String']['output'];
  node: Case;
};

export type CaseFilter = {
  causeCategory?: InputMaybe<CauseCategory>;
  causeCode?: InputMaybe<Scalars['ID']['input']>;
  /** A county (6 digits), township (9) or village (12) code. */
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  judgeId?: InputMaybe<Scalars['ID']['input']>;
  maxAgeDays?: InputMaybe<Scalars['Int']['input']>;
  maxOutstandingFen?: InputMaybe<Scalars['Fen']['input']>;
  /** Days since the effective date. */
  minAgeDays?: InputMaybe<Scalars['Int']['input']>;
  minOutstandingFen?: InputMaybe<Scalars['Fen']['input']>;
  officerId?: InputMaybe<Scalars['ID']['input']>;
  /** Only open (true) or closed (false) cases. */
  open?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only cases that are (or are not) overdue. */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  partyId?: InputMaybe<Scalars['ID']['input']>;
  partyRole?: InputMaybe<CasePartyRole>;
  states?: InputMaybe<Array<CaseState>>;
};

export enum CaseOutcome {
  Completed = 'COMPLETED',
  Exited = 'EXITED',
  PerformedAfterUrging = 'PERFORMED_AFTER_URGING',
  SettledAndPerformed = 'SETTLED_AND_PERFORMED',
  TerminatedThisRound = 'TERMINATED_THIS_ROUND',
  Withdrawn = 'WITHDRAWN'
}

export enum CasePartyRole {
  Any = 'ANY',
  Obligee = 'OBLIGEE',
  Obligor = 'OBLIGOR'
}

export enum CaseState {
  Completed = 'COMPLETED',
  Effective = 'EFFECTIVE',
  EnforcementFiled = 'ENFORCEMENT_FILED',
  Exited = 'EXITED',
  InProgress = 'IN_PROGRESS',
  PerformedAfterUrging = 'PERFORMED_AFTER_URGING',
  Settled = 'SETTLED',
  TerminatedThisRound = 'TERMINATED_THIS_ROUND',
  Urging = 'URGING',
  Withdrawn = 'WITHDRAWN'
}

export type CaseTimelineEntry = {
  __typename?: 'CaseTimelineEntry';
  /** Who made the change: a user id, system:sweep, or the event or meeting that caused it. */
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  kind: Scalars['String']['output'];
  summary: Scalars['String']['output'];
};

export enum CauseCategory {
  Contract = 'CONTRACT',
  Family = 'FAMILY',
  Labour = 'LABOUR',
  Loan = 'LOAN',
  Other = 'OTHER',
  Property = 'PROPERTY',
  Tort = 'TORT'
}

/** A cause of action (案由) from the court's controlled list. */
export type CauseOfAction = {
  __typename?: 'CauseOfAction';
  category: CauseCategory;
  code: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type Division = {
  __typename?: 'Division';
  /** Cases routed to this division (a county lists all of its townships and villages). */
  cases: CaseConnection;
  code: Scalars['ID']['output'];
};


export type DivisionCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type FileEnforcementInput = {
  /** Defaults to the outstanding balance. */
  amountAppliedFen?: InputMaybe<Scalars['Fen']['input']>;
  caseId: Scalars['ID']['input'];
  enforcementNumber: Scalars['String']['input'];
  needsService?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Instalment = {
  __typename?: 'Instalment';
  amountFen: Scalars['Fen']['output'];
  dueDate: Scalars['Date']['output'];
  no: Scalars['Int']['output'];
  paidFen: Scalars['Fen']['output'];
  status: InstalmentStatus;
};

export type InstalmentInput = {
  amountFen: Scalars['Fen']['input'];
  dueDate: Scalars['Date']['input'];
};

export enum InstalmentStatus {
  Due = 'DUE',
  Missed = 'MISSED',
  Paid = 'PAID'
}

export type JudgmentImportResult = {
  __typename?: 'JudgmentImportResult';
  cases: Array<Case>;
  imported: Scalars['Int']['output'];
  rejected: Array<JudgmentReject>;
  skipped: Scalars['Int']['output'];
};

export type JudgmentInput = {
  caseNumber: Scalars['String']['input'];
  causeCode: Scalars['ID']['input'];
  costsFen?: InputMaybe<Scalars['Fen']['input']>;
  court: Scalars['String']['input'];
  effectiveDate: Scalars['Date']['input'];
  interestFen?: InputMaybe<Scalars['Fen']['input']>;
  judgeId?: InputMaybe<Scalars['ID']['input']>;
  obligeeIds: Array<Scalars['ID']['input']>;
  obligorIds: Array<Scalars['ID']['input']>;
  performanceDeadline?: InputMaybe<Scalars['Date']['input']>;
  principalFen: Scalars['Fen']['input'];
};

export type JudgmentReject = {
  __typename?: 'JudgmentReject';
  field: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  /** 0-based position in the input list. */
  row: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  agreeSettlement: Case;
  /** Manual transitions: IN_PROGRESS (start or reopen), TERMINATED_THIS_ROUND, EXITED, WITHDRAWN (the rights holder withdraws). */
  changeCaseState: Case;
  fileEnforcement: Case;
  /** Takes in a small batch; rows already taken in are skipped, bad rows rejected with the reason. */
  importJudgments: JudgmentImportResult;
  reassignOfficer: Case;
  recordPayment: PaymentResult;
  startUrging: Case;
  /** Takes in an effective judgment; urging starts at once when the court's urging mode is AUTO. */
  takeInJudgment: Case;
};


export type MutationAgreeSettlementArgs = {
  input: AgreeSettlementInput;
};


export type MutationChangeCaseStateArgs = {
  caseId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  to: CaseState;
};


export type MutationFileEnforcementArgs = {
  input: FileEnforcementInput;
};


export type MutationImportJudgmentsArgs = {
  judgments: Array<JudgmentInput>;
};


export type MutationReassignOfficerArgs = {
  caseId: Scalars['ID']['input'];
  officerId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRecordPaymentArgs = {
  input: RecordPaymentInput;
};


export type MutationStartUrgingArgs = {
  caseId: Scalars['ID']['input'];
  deadline?: InputMaybe<Scalars['Date']['input']>;
};


export type MutationTakeInJudgmentArgs = {
  input: JudgmentInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Party = {
  __typename?: 'Party';
  /** Cases of this party as obligor, obligee or either. */
  cases: CaseConnection;
  id: Scalars['ID']['output'];
};


export type PartyCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<CasePartyRole>;
};

export type PaymentResult = {
  __typename?: 'PaymentResult';
  case: Case;
  performance: Performance;
};

export enum PaymentSource {
  Enforced = 'ENFORCED',
  Meeting = 'MEETING',
  Settlement = 'SETTLEMENT',
  Urged = 'URGED',
  Voluntary = 'VOLUNTARY'
}

/** A payment on a case (履行记录). */
export type Performance = {
  __typename?: 'Performance';
  amountFen: Scalars['Fen']['output'];
  channel: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  outstandingAfterFen: Scalars['Fen']['output'];
  paidOn: Scalars['Date']['output'];
  recordedAt: Scalars['DateTime']['output'];
  source: PaymentSource;
};

export type Query = {
  __typename?: 'Query';
  case?: Maybe<Case>;
  /** By judgment or enforcement case number. */
  caseByNumber?: Maybe<Case>;
  cases: CaseConnection;
  causesOfAction: Array<CauseOfAction>;
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCaseByNumberArgs = {
  caseNumber: Scalars['String']['input'];
};


export type QueryCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RecordPaymentInput = {
  amountFen: Scalars['Fen']['input'];
  caseId: Scalars['ID']['input'];
  channel: Scalars['String']['input'];
  paidOn: Scalars['Date']['input'];
  /** Defaults from the state: URGED while urging, SETTLEMENT under a settlement, VOLUNTARY otherwise. */
  source?: InputMaybe<PaymentSource>;
};

/** An enforcement settlement (执行和解) or instalment plan (分期履行). */
export type Settlement = {
  __typename?: 'Settlement';
  agreedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  instalments: Array<Instalment>;
  kind: SettlementKind;
  paidFen: Scalars['Fen']['output'];
  status: SettlementStatus;
  terms: Scalars['String']['output'];
  totalFen: Scalars['Fen']['output'];
};

export enum SettlementKind {
  InstalmentPlan = 'INSTALMENT_PLAN',
  Settlement = 'SETTLEMENT'
}

export enum SettlementStatus {
  Active = 'ACTIVE',
  Broken = 'BROKEN',
  Performed = 'PERFORMED'
}

export type Staff = {
  __typename?: 'Staff';
  /** Cases where this staff member is the presiding judge or the enforcement officer. */
  cases: CaseConnection;
  id: Scalars['ID']['output'];
};


export type StaffCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Pre-enforcement urging (执前督促). */
export type Urging = {
  __typename?: 'Urging';
  deadline: Scalars['Date']['output'];
  endReason?: Maybe<UrgingEndReason>;
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  startedAt: Scalars['DateTime']['output'];
};

export enum UrgingEndReason {
  Cancelled = 'CANCELLED',
  DeadlinePassed = 'DEADLINE_PASSED',
  EnforcementApplied = 'ENFORCEMENT_APPLIED',
  Performed = 'PERFORMED'
}

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
  Case: Case;
  Division: Division;
  Party: Party;
  Staff: Staff;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Case:
    ( { __typename: 'Case' }
    & GraphQLRecursivePick<FederationTypes['Case'], {"id":true}> );
  Division:
    ( { __typename: 'Division' }
    & GraphQLRecursivePick<FederationTypes['Division'], {"code":true}> );
  Party:
    ( { __typename: 'Party' }
    & GraphQLRecursivePick<FederationTypes['Party'], {"id":true}> );
  Staff:
    ( { __typename: 'Staff' }
    & GraphQLRecursivePick<FederationTypes['Staff'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AgreeSettlementInput: AgreeSettlementInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Case: ResolverTypeWrapper<CaseEntity>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CaseConnection: ResolverTypeWrapper<CaseConnectionModel>;
  CaseEdge: ResolverTypeWrapper<Omit<CaseEdge, 'node'> & { node: ResolversTypes['Case'] }>;
  CaseFilter: CaseFilter;
  CaseOutcome: CaseOutcome;
  CasePartyRole: CasePartyRole;
  CaseState: CaseState;
  CaseTimelineEntry: ResolverTypeWrapper<TimelineEntryEntity>;
  CauseCategory: CauseCategory;
  CauseOfAction: ResolverTypeWrapper<CauseOfActionModel>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Division: ResolverTypeWrapper<DivisionRef>;
  Fen: ResolverTypeWrapper<Scalars['Fen']['output']>;
  FileEnforcementInput: FileEnforcementInput;
  Instalment: ResolverTypeWrapper<InstalmentEntity>;
  InstalmentInput: InstalmentInput;
  InstalmentStatus: InstalmentStatus;
  JudgmentImportResult: ResolverTypeWrapper<JudgmentImportResultModel>;
  JudgmentInput: JudgmentInput;
  JudgmentReject: ResolverTypeWrapper<JudgmentReject>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Party: ResolverTypeWrapper<PartyRef>;
  PaymentResult: ResolverTypeWrapper<PaymentResultModel>;
  PaymentSource: PaymentSource;
  Performance: ResolverTypeWrapper<PerformanceEntity>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordPaymentInput: RecordPaymentInput;
  Settlement: ResolverTypeWrapper<SettlementEntity>;
  SettlementKind: SettlementKind;
  SettlementStatus: SettlementStatus;
  Staff: ResolverTypeWrapper<StaffRef>;
  Urging: ResolverTypeWrapper<Urging>;
  UrgingEndReason: UrgingEndReason;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AgreeSettlementInput: AgreeSettlementInput;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Case: CaseEntity;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  CaseConnection: CaseConnectionModel;
  CaseEdge: Omit<CaseEdge, 'node'> & { node: ResolversParentTypes['Case'] };
  CaseFilter: CaseFilter;
  CaseTimelineEntry: TimelineEntryEntity;
  CauseOfAction: CauseOfActionModel;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Division: DivisionRef;
  Fen: Scalars['Fen']['output'];
  FileEnforcementInput: FileEnforcementInput;
  Instalment: InstalmentEntity;
  InstalmentInput: InstalmentInput;
  JudgmentImportResult: JudgmentImportResultModel;
  JudgmentInput: JudgmentInput;
  JudgmentReject: JudgmentReject;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Party: PartyRef;
  PaymentResult: PaymentResultModel;
  Performance: PerformanceEntity;
  Query: Record<PropertyKey, never>;
  RecordPaymentInput: RecordPaymentInput;
  Settlement: SettlementEntity;
  Staff: StaffRef;
  Urging: Urging;
}>;

export type CaseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case'], FederationReferenceType extends FederationReferenceTypes['Case'] = FederationReferenceTypes['Case']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Case']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amountAppliedFen?: Resolver<Maybe<ResolversTypes['Fen']>, ParentType, ContextType>;
  amountOwedFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  caseNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cause?: Resolver<ResolversTypes['CauseOfAction'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  costsFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  court?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  daysOpen?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  effectiveDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  enforcementNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enforcementOfficer?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType>;
  filedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  interestFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  judge?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType>;
  needsService?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nextResearchDue?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  obligees?: Resolver<Array<ResolversTypes['Party']>, ParentType, ContextType>;
  obligors?: Resolver<Array<ResolversTypes['Party']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['CaseOutcome']>, ParentType, ContextType>;
  outstandingFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  paidFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  performanceDeadline?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  performances?: Resolver<Array<ResolversTypes['Performance']>, ParentType, ContextType>;
  primaryObligor?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  principalFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  settlements?: Resolver<Array<ResolversTypes['Settlement']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['CaseState'], ParentType, ContextType>;
  timeline?: Resolver<Array<ResolversTypes['CaseTimelineEntry']>, ParentType, ContextType>;
  township?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
  urged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  urging?: Resolver<Maybe<ResolversTypes['Urging']>, ParentType, ContextType>;
  village?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
}>;

export type CaseConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CaseConnection'] = ResolversParentTypes['CaseConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CaseEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Case']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CaseEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CaseEdge'] = ResolversParentTypes['CaseEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
}>;

export type CaseTimelineEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CaseTimelineEntry'] = ResolversParentTypes['CaseTimelineEntry']> = ResolversObject<{
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CauseOfActionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CauseOfAction'] = ResolversParentTypes['CauseOfAction']> = ResolversObject<{
  category?: Resolver<ResolversTypes['CauseCategory'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DivisionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Division'] = ResolversParentTypes['Division'], FederationReferenceType extends FederationReferenceTypes['Division'] = FederationReferenceTypes['Division']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Division']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cases?: Resolver<ResolversTypes['CaseConnection'], ParentType, ContextType, Partial<DivisionCasesArgs>>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface FenScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Fen'], any> {
  name: 'Fen';
}

export type InstalmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Instalment'] = ResolversParentTypes['Instalment']> = ResolversObject<{
  amountFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  dueDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  no?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InstalmentStatus'], ParentType, ContextType>;
}>;

export type JudgmentImportResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudgmentImportResult'] = ResolversParentTypes['JudgmentImportResult']> = ResolversObject<{
  cases?: Resolver<Array<ResolversTypes['Case']>, ParentType, ContextType>;
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<Array<ResolversTypes['JudgmentReject']>, ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type JudgmentRejectResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JudgmentReject'] = ResolversParentTypes['JudgmentReject']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  agreeSettlement?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationAgreeSettlementArgs, 'input'>>;
  changeCaseState?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationChangeCaseStateArgs, 'caseId' | 'reason' | 'to'>>;
  fileEnforcement?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationFileEnforcementArgs, 'input'>>;
  importJudgments?: Resolver<ResolversTypes['JudgmentImportResult'], ParentType, ContextType, RequireFields<MutationImportJudgmentsArgs, 'judgments'>>;
  reassignOfficer?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationReassignOfficerArgs, 'caseId' | 'officerId' | 'reason'>>;
  recordPayment?: Resolver<ResolversTypes['PaymentResult'], ParentType, ContextType, RequireFields<MutationRecordPaymentArgs, 'input'>>;
  startUrging?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationStartUrgingArgs, 'caseId'>>;
  takeInJudgment?: Resolver<ResolversTypes['Case'], ParentType, ContextType, RequireFields<MutationTakeInJudgmentArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party'], FederationReferenceType extends FederationReferenceTypes['Party'] = FederationReferenceTypes['Party']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Party']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cases?: Resolver<ResolversTypes['CaseConnection'], ParentType, ContextType, RequireFields<PartyCasesArgs, 'role'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PaymentResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PaymentResult'] = ResolversParentTypes['PaymentResult']> = ResolversObject<{
  case?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
  performance?: Resolver<ResolversTypes['Performance'], ParentType, ContextType>;
}>;

export type PerformanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Performance'] = ResolversParentTypes['Performance']> = ResolversObject<{
  amountFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outstandingAfterFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  paidOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['PaymentSource'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType, RequireFields<QueryCaseArgs, 'id'>>;
  caseByNumber?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType, RequireFields<QueryCaseByNumberArgs, 'caseNumber'>>;
  cases?: Resolver<ResolversTypes['CaseConnection'], ParentType, ContextType, Partial<QueryCasesArgs>>;
  causesOfAction?: Resolver<Array<ResolversTypes['CauseOfAction']>, ParentType, ContextType>;
}>;

export type SettlementResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Settlement'] = ResolversParentTypes['Settlement']> = ResolversObject<{
  agreedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  instalments?: Resolver<Array<ResolversTypes['Instalment']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SettlementKind'], ParentType, ContextType>;
  paidFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SettlementStatus'], ParentType, ContextType>;
  terms?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totalFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
}>;

export type StaffResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Staff'] = ResolversParentTypes['Staff'], FederationReferenceType extends FederationReferenceTypes['Staff'] = FederationReferenceTypes['Staff']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Staff']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cases?: Resolver<ResolversTypes['CaseConnection'], ParentType, ContextType, Partial<StaffCasesArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type UrgingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Urging'] = ResolversParentTypes['Urging']> = ResolversObject<{
  deadline?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  endReason?: Resolver<Maybe<ResolversTypes['UrgingEndReason']>, ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Case?: CaseResolvers<ContextType>;
  CaseConnection?: CaseConnectionResolvers<ContextType>;
  CaseEdge?: CaseEdgeResolvers<ContextType>;
  CaseTimelineEntry?: CaseTimelineEntryResolvers<ContextType>;
  CauseOfAction?: CauseOfActionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Division?: DivisionResolvers<ContextType>;
  Fen?: GraphQLScalarType;
  Instalment?: InstalmentResolvers<ContextType>;
  JudgmentImportResult?: JudgmentImportResultResolvers<ContextType>;
  JudgmentReject?: JudgmentRejectResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  PaymentResult?: PaymentResultResolvers<ContextType>;
  Performance?: PerformanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Settlement?: SettlementResolvers<ContextType>;
  Staff?: StaffResolvers<ContextType>;
  Urging?: UrgingResolvers<ContextType>;
}>;

