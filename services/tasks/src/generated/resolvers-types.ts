import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { TaskEntity, NotificationEntity, MeetingEntity, MeetingInviteeEntity, FormEntity, CaseMessageEntity, ObligorPlanEntity, HomeVisitEntity } from '../entities';
import { CaseRef, PartyRef, DivisionRef, StaffRef } from '../resolvers/refs';
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
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** An ISO-8601 date-time string. */
  DateTime: { input: string; output: Date | string; }
  /** An amount in fen (分), an integer sent as a JSON number. */
  Fen: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
};

export type AssetSighting = {
  __typename?: 'AssetSighting';
  note?: Maybe<Scalars['String']['output']>;
  seen: Scalars['Boolean']['output'];
};

export type AssetSightingInput = {
  note?: InputMaybe<Scalars['String']['input']>;
  seen: Scalars['Boolean']['input'];
};

export type AssetsSeen = {
  __typename?: 'AssetsSeen';
  business: AssetSighting;
  deposits: AssetSighting;
  /** Estimated total value, if the village could tell. */
  estimatedValueFen?: Maybe<Scalars['Fen']['output']>;
  realEstate: AssetSighting;
  vehicles: AssetSighting;
};

export type AssetsSeenInput = {
  business: AssetSightingInput;
  deposits: AssetSightingInput;
  estimatedValueFen?: InputMaybe<Scalars['Fen']['input']>;
  realEstate: AssetSightingInput;
  vehicles: AssetSightingInput;
};

export type Case = {
  __typename?: 'Case';
  id: Scalars['ID']['output'];
  /** The case's message thread, oldest first. */
  messages: Array<CaseMessage>;
  /** SMS notices sent on this case. */
  notifications: Array<Notification>;
  /** The assistance tasks opened on this case. */
  tasks: Array<Task>;
  /** Messages in the thread the caller has not read yet. */
  unreadMessageCount: Scalars['Int']['output'];
};

export type CaseMessage = {
  __typename?: 'CaseMessage';
  authorRole: Scalars['String']['output'];
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** True when the caller wrote it. */
  mine: Scalars['Boolean']['output'];
};

export type CompleteTaskInput = {
  contactMade?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
  outcome: TaskResultOutcome;
  summary: Scalars['String']['input'];
};

export type CreateTaskInput = {
  assigneeDepartment?: InputMaybe<Scalars['String']['input']>;
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  caseId: Scalars['ID']['input'];
  /** Must match the level: 6 digits county, 9 township, 12 village. */
  divisionCode: Scalars['ID']['input'];
  dueAt: Scalars['DateTime']['input'];
  level: TaskLevel;
  note?: InputMaybe<Scalars['String']['input']>;
  obligorId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
  type: TaskType;
};

export type DeclaredAsset = {
  __typename?: 'DeclaredAsset';
  description: Scalars['String']['output'];
  kind: DeclaredAssetKind;
  valueFen: Scalars['Fen']['output'];
};

export type DeclaredAssetInput = {
  description: Scalars['String']['input'];
  kind: DeclaredAssetKind;
  valueFen: Scalars['Fen']['input'];
};

export type DeclaredAssetKind =
  | 'BUSINESS'
  | 'DEPOSIT'
  | 'OTHER'
  | 'REAL_ESTATE'
  | 'VEHICLE';

export type Division = {
  __typename?: 'Division';
  code: Scalars['ID']['output'];
  /** Open and in-progress tasks of this division and the divisions under it, by due date. */
  openTasks: TaskConnection;
};


export type DivisionOpenTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A centralized enforcement meeting (集中执行大会) in a village. */
export type EnforcementMeeting = {
  __typename?: 'EnforcementMeeting';
  figures: MeetingFigures;
  heldAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  invitees: Array<MeetingInvitee>;
  scheduledAt: Scalars['DateTime']['output'];
  status: EnforcementMeetingStatus;
  title: Scalars['String']['output'];
  township?: Maybe<Division>;
  venue: Scalars['String']['output'];
  village: Division;
};

export type EnforcementMeetingConnection = {
  __typename?: 'EnforcementMeetingConnection';
  edges: Array<EnforcementMeetingEdge>;
  pageInfo: PageInfo;
};

export type EnforcementMeetingEdge = {
  __typename?: 'EnforcementMeetingEdge';
  cursor: Scalars['String']['output'];
  node: EnforcementMeeting;
};

export type EnforcementMeetingOutcome =
  | 'ABSENT'
  | 'DECLARATION_FILED'
  | 'INSTALMENT_AGREED'
  | 'PAID_IN_FULL'
  | 'REFUSED';

export type EnforcementMeetingStatus =
  | 'CANCELLED'
  | 'HELD'
  | 'SCHEDULED';

export type HomeVisit = {
  __typename?: 'HomeVisit';
  case?: Maybe<Case>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  party: Party;
  summary: Scalars['String']['output'];
  visitedOn: Scalars['Date']['output'];
};

export type HomeVisitInput = {
  caseId?: InputMaybe<Scalars['ID']['input']>;
  partyId: Scalars['ID']['input'];
  summary: Scalars['String']['input'];
  visitedOn: Scalars['Date']['input'];
};

export type MeetingFigures = {
  __typename?: 'MeetingFigures';
  amountPaidFen: Scalars['Fen']['output'];
  attended: Scalars['Int']['output'];
  instalmentPlans: Scalars['Int']['output'];
  invited: Scalars['Int']['output'];
  paidInFull: Scalars['Int']['output'];
};

export type MeetingInstalment = {
  __typename?: 'MeetingInstalment';
  amountFen: Scalars['Fen']['output'];
  dueDate: Scalars['Date']['output'];
};

export type MeetingInstalmentInput = {
  amountFen: Scalars['Fen']['input'];
  dueDate: Scalars['Date']['input'];
};

export type MeetingInvitee = {
  __typename?: 'MeetingInvitee';
  amountFen?: Maybe<Scalars['Fen']['output']>;
  attended?: Maybe<Scalars['Boolean']['output']>;
  case: Case;
  instalments?: Maybe<Array<MeetingInstalment>>;
  note?: Maybe<Scalars['String']['output']>;
  outcome?: Maybe<EnforcementMeetingOutcome>;
  party: Party;
  /** Name from the people directory, when known. */
  partyName?: Maybe<Scalars['String']['output']>;
};

export type MeetingOutcomeInput = {
  /** Required for PAID_IN_FULL. */
  amountFen?: InputMaybe<Scalars['Fen']['input']>;
  caseId: Scalars['ID']['input'];
  /** Required for INSTALMENT_AGREED. */
  instalments?: InputMaybe<Array<MeetingInstalmentInput>>;
  meetingId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  outcome: EnforcementMeetingOutcome;
  partyId: Scalars['ID']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  assignTask: Task;
  /** Calls off a meeting not yet held; nothing is published. */
  cancelMeeting: EnforcementMeeting;
  cancelTask: Task;
  /** Closes the meeting: invitees without an outcome count as ABSENT; publishes tasks.meeting.held. */
  closeMeeting: EnforcementMeeting;
  completeTask: Task;
  createTask: Task;
  fileDeclaration: PropertyDeclaration;
  logHomeVisit: HomeVisit;
  markCaseMessagesRead: Scalars['Int']['output'];
  /** Delivery receipt from the SMS gateway. */
  markNotificationDelivered: Notification;
  postCaseMessage: CaseMessage;
  recordMeetingOutcome: EnforcementMeeting;
  saveObligorPlan: ObligorPlan;
  /** Schedules a meeting; every obligor with an open case homed in the village is invited (and gets an SMS). */
  scheduleMeeting: EnforcementMeeting;
  startTask: Task;
  /** Files the whereabouts and property feedback form and completes its task. */
  submitWhereaboutsFeedback: WhereaboutsFeedback;
};


export type MutationAssignTaskArgs = {
  assigneeId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};


export type MutationCancelMeetingArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelTaskArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCloseMeetingArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCompleteTaskArgs = {
  input: CompleteTaskInput;
};


export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


export type MutationFileDeclarationArgs = {
  input: PropertyDeclarationInput;
};


export type MutationLogHomeVisitArgs = {
  input: HomeVisitInput;
};


export type MutationMarkCaseMessagesReadArgs = {
  caseId: Scalars['ID']['input'];
};


export type MutationMarkNotificationDeliveredArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPostCaseMessageArgs = {
  body: Scalars['String']['input'];
  caseId: Scalars['ID']['input'];
};


export type MutationRecordMeetingOutcomeArgs = {
  input: MeetingOutcomeInput;
};


export type MutationSaveObligorPlanArgs = {
  input: ObligorPlanInput;
};


export type MutationScheduleMeetingArgs = {
  input: ScheduleMeetingInput;
};


export type MutationStartTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSubmitWhereaboutsFeedbackArgs = {
  input: WhereaboutsFeedbackInput;
};

/** One SMS in the ledger (every notice sent is kept as evidence). */
export type Notification = {
  __typename?: 'Notification';
  attempts: Scalars['Int']['output'];
  body: Scalars['String']['output'];
  case?: Maybe<Case>;
  createdAt: Scalars['DateTime']['output'];
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  failedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  recipientParty?: Maybe<Party>;
  /** Masked (138****5678). */
  recipientPhone?: Maybe<Scalars['String']['output']>;
  /** OBLIGOR, OBLIGEE, INVITEE, ASSIGNEE or the staff role of the recipient. */
  recipientRole: Scalars['String']['output'];
  recipientStaff?: Maybe<Staff>;
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  status: NotificationStatus;
  template: NotificationTemplate;
  variables: Array<NotificationVariable>;
};

export type NotificationStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'QUEUED'
  | 'SENT';

export type NotificationTemplate =
  | 'MEETING_INVITATION'
  | 'TASK_ESCALATION'
  | 'TASK_REMINDER'
  | 'URGING_FEEDBACK_OBLIGEE'
  | 'URGING_FEEDBACK_VILLAGE_TEAM'
  | 'URGING_NOTICE';

export type NotificationVariable = {
  __typename?: 'NotificationVariable';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** One plan per obligor (一人一策), kept by the village mediation director. */
export type ObligorPlan = {
  __typename?: 'ObligorPlan';
  approach: Scalars['String']['output'];
  case?: Maybe<Case>;
  nextSteps: Array<Scalars['String']['output']>;
  owner?: Maybe<Staff>;
  party: Party;
  updatedAt: Scalars['DateTime']['output'];
};

export type ObligorPlanInput = {
  approach: Scalars['String']['input'];
  caseId?: InputMaybe<Scalars['ID']['input']>;
  nextSteps: Array<Scalars['String']['input']>;
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  partyId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Party = {
  __typename?: 'Party';
  /** Property and income declarations, newest first. */
  declarations: Array<PropertyDeclaration>;
  homeVisits: Array<HomeVisit>;
  id: Scalars['ID']['output'];
  plan?: Maybe<ObligorPlan>;
};

/** 《财产收入申报表》 filed by or for an obligor. */
export type PropertyDeclaration = {
  __typename?: 'PropertyDeclaration';
  assets: Array<DeclaredAsset>;
  case?: Maybe<Case>;
  debtsFen: Scalars['Fen']['output'];
  dependants: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  monthlyIncomeFen: Scalars['Fen']['output'];
  party: Party;
  signedOn: Scalars['Date']['output'];
  submittedAt: Scalars['DateTime']['output'];
};

export type PropertyDeclarationInput = {
  assets: Array<DeclaredAssetInput>;
  caseId?: InputMaybe<Scalars['ID']['input']>;
  debtsFen: Scalars['Fen']['input'];
  dependants: Scalars['Int']['input'];
  monthlyIncomeFen: Scalars['Fen']['input'];
  partyId: Scalars['ID']['input'];
  signedOn: Scalars['Date']['input'];
};

export type Query = {
  __typename?: 'Query';
  meeting?: Maybe<EnforcementMeeting>;
  /** Meetings of a village, newest first. */
  meetings: EnforcementMeetingConnection;
  /** Tasks assigned to the caller (or, for a county department, to the department). */
  myTasks: TaskConnection;
  task?: Maybe<Task>;
  taskCounts: TaskCounts;
  /** Tasks of a division and everything under it, by due date. */
  tasks: TaskConnection;
  whereaboutsFeedback?: Maybe<WhereaboutsFeedback>;
};


export type QueryMeetingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMeetingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<EnforcementMeetingStatus>;
  villageCode: Scalars['ID']['input'];
};


export type QueryMyTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<TaskStatus>>;
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTaskCountsArgs = {
  divisionCode: Scalars['ID']['input'];
};


export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: TaskFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWhereaboutsFeedbackArgs = {
  taskId: Scalars['ID']['input'];
};

export type ScheduleMeetingInput = {
  scheduledAt: Scalars['DateTime']['input'];
  title: Scalars['String']['input'];
  venue: Scalars['String']['input'];
  villageCode: Scalars['ID']['input'];
};

export type Staff = {
  __typename?: 'Staff';
  id: Scalars['ID']['output'];
};

/** An assistance task (协助任务) given to the county, a township or a village on a case. */
export type Task = {
  __typename?: 'Task';
  assignee?: Maybe<Staff>;
  /** County department the task is assigned to (COUNTY level). */
  assigneeDepartment?: Maybe<Scalars['String']['output']>;
  cancelReason?: Maybe<Scalars['String']['output']>;
  case?: Maybe<Case>;
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  division: Division;
  dueAt: Scalars['DateTime']['output'];
  /** The level the overdue task has been escalated to. */
  escalatedTo?: Maybe<TaskLevel>;
  id: Scalars['ID']['output'];
  level: TaskLevel;
  note?: Maybe<Scalars['String']['output']>;
  obligor?: Maybe<Party>;
  /** AUTO when a task rule opened it from a case event, MANUAL when a user did. */
  origin: TaskOrigin;
  /** True once the overdue sweep found it open past its due time. */
  overdue: Scalars['Boolean']['output'];
  overdueAt?: Maybe<Scalars['DateTime']['output']>;
  result?: Maybe<TaskResult>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: TaskStatus;
  title: Scalars['String']['output'];
  type: TaskType;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/** Counts for dashboards: a division and everything under it. */
export type TaskCounts = {
  __typename?: 'TaskCounts';
  byStatus: Array<TaskStatusCount>;
  divisionCode: Scalars['ID']['output'];
  escalatedToCounty: Scalars['Int']['output'];
  open: Scalars['Int']['output'];
  overdue: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

export type TaskFilter = {
  /** A division and everything under it. */
  divisionCode: Scalars['ID']['input'];
  escalatedTo?: InputMaybe<TaskLevel>;
  level?: InputMaybe<TaskLevel>;
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  status?: InputMaybe<Array<TaskStatus>>;
  type?: InputMaybe<TaskType>;
};

export type TaskLevel =
  | 'COUNTY'
  | 'TOWNSHIP'
  | 'VILLAGE';

export type TaskOrigin =
  | 'AUTO'
  | 'MANUAL';

export type TaskResult = {
  __typename?: 'TaskResult';
  contactMade?: Maybe<Scalars['Boolean']['output']>;
  /** The form that completed the task, if any. */
  formId?: Maybe<Scalars['ID']['output']>;
  outcome: TaskResultOutcome;
  summary: Scalars['String']['output'];
};

export type TaskResultOutcome =
  | 'ACCOMPLISHED'
  | 'NOT_ACCOMPLISHED'
  | 'PARTIAL';

export type TaskStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'OPEN';

export type TaskStatusCount = {
  __typename?: 'TaskStatusCount';
  count: Scalars['Int']['output'];
  status: TaskStatus;
};

export type TaskType =
  | 'FIND_ASSETS'
  | 'FOLLOW_UP_CALL'
  | 'HOME_VISIT'
  | 'INTERVIEW'
  | 'LOCATE_PERSON'
  | 'MEDIATE'
  | 'SERVE_DOCUMENT';

/** 《被执行人下落与财产情况反馈表》 returned by the village. */
export type WhereaboutsFeedback = {
  __typename?: 'WhereaboutsFeedback';
  assets: AssetsSeen;
  case?: Maybe<Case>;
  /** Masked unless the caller is in scope of the obligor's village. */
  contact?: Maybe<Scalars['String']['output']>;
  employment?: Maybe<Scalars['String']['output']>;
  found: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  notes?: Maybe<Scalars['String']['output']>;
  obligor: Party;
  submittedAt: Scalars['DateTime']['output'];
  task?: Maybe<Task>;
  whereabouts?: Maybe<Scalars['String']['output']>;
};

export type WhereaboutsFeedbackInput = {
  assets: AssetsSeenInput;
  contact?: InputMaybe<Scalars['String']['input']>;
  employment?: InputMaybe<Scalars['String']['input']>;
  found: Scalars['Boolean']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
  /** The LOCATE_PERSON or FIND_ASSETS task the form answers. */
  taskId: Scalars['ID']['input'];
  /** Required when found. */
  whereabouts?: InputMaybe<Scalars['String']['input']>;
};

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
  Task: Task;
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
  Task:
    ( { __typename: 'Task' }
    & GraphQLRecursivePick<FederationTypes['Task'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AssetSighting: ResolverTypeWrapper<AssetSighting>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AssetSightingInput: AssetSightingInput;
  AssetsSeen: ResolverTypeWrapper<AssetsSeen>;
  AssetsSeenInput: AssetsSeenInput;
  Case: ResolverTypeWrapper<CaseRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CaseMessage: ResolverTypeWrapper<CaseMessageEntity>;
  CompleteTaskInput: CompleteTaskInput;
  CreateTaskInput: CreateTaskInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeclaredAsset: ResolverTypeWrapper<DeclaredAsset>;
  DeclaredAssetInput: DeclaredAssetInput;
  DeclaredAssetKind: DeclaredAssetKind;
  Division: ResolverTypeWrapper<DivisionRef>;
  EnforcementMeeting: ResolverTypeWrapper<MeetingEntity>;
  EnforcementMeetingConnection: ResolverTypeWrapper<Omit<EnforcementMeetingConnection, 'edges'> & { edges: Array<ResolversTypes['EnforcementMeetingEdge']> }>;
  EnforcementMeetingEdge: ResolverTypeWrapper<Omit<EnforcementMeetingEdge, 'node'> & { node: ResolversTypes['EnforcementMeeting'] }>;
  EnforcementMeetingOutcome: EnforcementMeetingOutcome;
  EnforcementMeetingStatus: EnforcementMeetingStatus;
  Fen: ResolverTypeWrapper<Scalars['Fen']['output']>;
  HomeVisit: ResolverTypeWrapper<HomeVisitEntity>;
  HomeVisitInput: HomeVisitInput;
  MeetingFigures: ResolverTypeWrapper<MeetingFigures>;
  MeetingInstalment: ResolverTypeWrapper<MeetingInstalment>;
  MeetingInstalmentInput: MeetingInstalmentInput;
  MeetingInvitee: ResolverTypeWrapper<MeetingInviteeEntity>;
  MeetingOutcomeInput: MeetingOutcomeInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Notification: ResolverTypeWrapper<NotificationEntity>;
  NotificationStatus: NotificationStatus;
  NotificationTemplate: NotificationTemplate;
  NotificationVariable: ResolverTypeWrapper<NotificationVariable>;
  ObligorPlan: ResolverTypeWrapper<ObligorPlanEntity>;
  ObligorPlanInput: ObligorPlanInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Party: ResolverTypeWrapper<PartyRef>;
  PropertyDeclaration: ResolverTypeWrapper<FormEntity>;
  PropertyDeclarationInput: PropertyDeclarationInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ScheduleMeetingInput: ScheduleMeetingInput;
  Staff: ResolverTypeWrapper<StaffRef>;
  Task: ResolverTypeWrapper<TaskEntity>;
  TaskConnection: ResolverTypeWrapper<Omit<TaskConnection, 'edges'> & { edges: Array<ResolversTypes['TaskEdge']> }>;
  TaskCounts: ResolverTypeWrapper<TaskCounts>;
  TaskEdge: ResolverTypeWrapper<Omit<TaskEdge, 'node'> & { node: ResolversTypes['Task'] }>;
  TaskFilter: TaskFilter;
  TaskLevel: TaskLevel;
  TaskOrigin: TaskOrigin;
  TaskResult: ResolverTypeWrapper<TaskResult>;
  TaskResultOutcome: TaskResultOutcome;
  TaskStatus: TaskStatus;
  TaskStatusCount: ResolverTypeWrapper<TaskStatusCount>;
  TaskType: TaskType;
  WhereaboutsFeedback: ResolverTypeWrapper<FormEntity>;
  WhereaboutsFeedbackInput: WhereaboutsFeedbackInput;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AssetSighting: AssetSighting;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  AssetSightingInput: AssetSightingInput;
  AssetsSeen: AssetsSeen;
  AssetsSeenInput: AssetsSeenInput;
  Case: CaseRef;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  CaseMessage: CaseMessageEntity;
  CompleteTaskInput: CompleteTaskInput;
  CreateTaskInput: CreateTaskInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeclaredAsset: DeclaredAsset;
  DeclaredAssetInput: DeclaredAssetInput;
  Division: DivisionRef;
  EnforcementMeeting: MeetingEntity;
  EnforcementMeetingConnection: Omit<EnforcementMeetingConnection, 'edges'> & { edges: Array<ResolversParentTypes['EnforcementMeetingEdge']> };
  EnforcementMeetingEdge: Omit<EnforcementMeetingEdge, 'node'> & { node: ResolversParentTypes['EnforcementMeeting'] };
  Fen: Scalars['Fen']['output'];
  HomeVisit: HomeVisitEntity;
  HomeVisitInput: HomeVisitInput;
  MeetingFigures: MeetingFigures;
  MeetingInstalment: MeetingInstalment;
  MeetingInstalmentInput: MeetingInstalmentInput;
  MeetingInvitee: MeetingInviteeEntity;
  MeetingOutcomeInput: MeetingOutcomeInput;
  Mutation: Record<PropertyKey, never>;
  Notification: NotificationEntity;
  NotificationVariable: NotificationVariable;
  ObligorPlan: ObligorPlanEntity;
  ObligorPlanInput: ObligorPlanInput;
  PageInfo: PageInfo;
  Party: PartyRef;
  PropertyDeclaration: FormEntity;
  PropertyDeclarationInput: PropertyDeclarationInput;
  Query: Record<PropertyKey, never>;
  ScheduleMeetingInput: ScheduleMeetingInput;
  Staff: StaffRef;
  Task: TaskEntity;
  TaskConnection: Omit<TaskConnection, 'edges'> & { edges: Array<ResolversParentTypes['TaskEdge']> };
  TaskCounts: TaskCounts;
  TaskEdge: Omit<TaskEdge, 'node'> & { node: ResolversParentTypes['Task'] };
  TaskFilter: TaskFilter;
  TaskResult: TaskResult;
  TaskStatusCount: TaskStatusCount;
  WhereaboutsFeedback: FormEntity;
  WhereaboutsFeedbackInput: WhereaboutsFeedbackInput;
}>;

export type AssetSightingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AssetSighting'] = ResolversParentTypes['AssetSighting']> = ResolversObject<{
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seen?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type AssetsSeenResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AssetsSeen'] = ResolversParentTypes['AssetsSeen']> = ResolversObject<{
  business?: Resolver<ResolversTypes['AssetSighting'], ParentType, ContextType>;
  deposits?: Resolver<ResolversTypes['AssetSighting'], ParentType, ContextType>;
  estimatedValueFen?: Resolver<Maybe<ResolversTypes['Fen']>, ParentType, ContextType>;
  realEstate?: Resolver<ResolversTypes['AssetSighting'], ParentType, ContextType>;
  vehicles?: Resolver<ResolversTypes['AssetSighting'], ParentType, ContextType>;
}>;

export type CaseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case'], FederationReferenceType extends FederationReferenceTypes['Case'] = FederationReferenceTypes['Case']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Case']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messages?: Resolver<Array<ResolversTypes['CaseMessage']>, ParentType, ContextType>;
  notifications?: Resolver<Array<ResolversTypes['Notification']>, ParentType, ContextType>;
  tasks?: Resolver<Array<ResolversTypes['Task']>, ParentType, ContextType>;
  unreadMessageCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CaseMessageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CaseMessage'] = ResolversParentTypes['CaseMessage']> = ResolversObject<{
  authorRole?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mine?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeclaredAssetResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeclaredAsset'] = ResolversParentTypes['DeclaredAsset']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DeclaredAssetKind'], ParentType, ContextType>;
  valueFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
}>;

export type DivisionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Division'] = ResolversParentTypes['Division'], FederationReferenceType extends FederationReferenceTypes['Division'] = FederationReferenceTypes['Division']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Division']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openTasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, Partial<DivisionOpenTasksArgs>>;
}>;

export type EnforcementMeetingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EnforcementMeeting'] = ResolversParentTypes['EnforcementMeeting']> = ResolversObject<{
  figures?: Resolver<ResolversTypes['MeetingFigures'], ParentType, ContextType>;
  heldAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitees?: Resolver<Array<ResolversTypes['MeetingInvitee']>, ParentType, ContextType>;
  scheduledAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EnforcementMeetingStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  township?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
  venue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  village?: Resolver<ResolversTypes['Division'], ParentType, ContextType>;
}>;

export type EnforcementMeetingConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EnforcementMeetingConnection'] = ResolversParentTypes['EnforcementMeetingConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['EnforcementMeetingEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type EnforcementMeetingEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EnforcementMeetingEdge'] = ResolversParentTypes['EnforcementMeetingEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['EnforcementMeeting'], ParentType, ContextType>;
}>;

export interface FenScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Fen'], any> {
  name: 'Fen';
}

export type HomeVisitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['HomeVisit'] = ResolversParentTypes['HomeVisit']> = ResolversObject<{
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  visitedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type MeetingFiguresResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MeetingFigures'] = ResolversParentTypes['MeetingFigures']> = ResolversObject<{
  amountPaidFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  attended?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  instalmentPlans?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  invited?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidInFull?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MeetingInstalmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MeetingInstalment'] = ResolversParentTypes['MeetingInstalment']> = ResolversObject<{
  amountFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  dueDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type MeetingInviteeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MeetingInvitee'] = ResolversParentTypes['MeetingInvitee']> = ResolversObject<{
  amountFen?: Resolver<Maybe<ResolversTypes['Fen']>, ParentType, ContextType>;
  attended?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  case?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
  instalments?: Resolver<Maybe<Array<ResolversTypes['MeetingInstalment']>>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['EnforcementMeetingOutcome']>, ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  partyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  assignTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationAssignTaskArgs, 'assigneeId' | 'id'>>;
  cancelMeeting?: Resolver<ResolversTypes['EnforcementMeeting'], ParentType, ContextType, RequireFields<MutationCancelMeetingArgs, 'id'>>;
  cancelTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCancelTaskArgs, 'id' | 'reason'>>;
  closeMeeting?: Resolver<ResolversTypes['EnforcementMeeting'], ParentType, ContextType, RequireFields<MutationCloseMeetingArgs, 'id'>>;
  completeTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCompleteTaskArgs, 'input'>>;
  createTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCreateTaskArgs, 'input'>>;
  fileDeclaration?: Resolver<ResolversTypes['PropertyDeclaration'], ParentType, ContextType, RequireFields<MutationFileDeclarationArgs, 'input'>>;
  logHomeVisit?: Resolver<ResolversTypes['HomeVisit'], ParentType, ContextType, RequireFields<MutationLogHomeVisitArgs, 'input'>>;
  markCaseMessagesRead?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationMarkCaseMessagesReadArgs, 'caseId'>>;
  markNotificationDelivered?: Resolver<ResolversTypes['Notification'], ParentType, ContextType, RequireFields<MutationMarkNotificationDeliveredArgs, 'id'>>;
  postCaseMessage?: Resolver<ResolversTypes['CaseMessage'], ParentType, ContextType, RequireFields<MutationPostCaseMessageArgs, 'body' | 'caseId'>>;
  recordMeetingOutcome?: Resolver<ResolversTypes['EnforcementMeeting'], ParentType, ContextType, RequireFields<MutationRecordMeetingOutcomeArgs, 'input'>>;
  saveObligorPlan?: Resolver<ResolversTypes['ObligorPlan'], ParentType, ContextType, RequireFields<MutationSaveObligorPlanArgs, 'input'>>;
  scheduleMeeting?: Resolver<ResolversTypes['EnforcementMeeting'], ParentType, ContextType, RequireFields<MutationScheduleMeetingArgs, 'input'>>;
  startTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationStartTaskArgs, 'id'>>;
  submitWhereaboutsFeedback?: Resolver<ResolversTypes['WhereaboutsFeedback'], ParentType, ContextType, RequireFields<MutationSubmitWhereaboutsFeedbackArgs, 'input'>>;
}>;

export type NotificationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Notification'] = ResolversParentTypes['Notification']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  failedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recipientParty?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  recipientPhone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recipientRole?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recipientStaff?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType>;
  sentAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['NotificationStatus'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['NotificationTemplate'], ParentType, ContextType>;
  variables?: Resolver<Array<ResolversTypes['NotificationVariable']>, ParentType, ContextType>;
}>;

export type NotificationVariableResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NotificationVariable'] = ResolversParentTypes['NotificationVariable']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ObligorPlanResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ObligorPlan'] = ResolversParentTypes['ObligorPlan']> = ResolversObject<{
  approach?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  nextSteps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party'], FederationReferenceType extends FederationReferenceTypes['Party'] = FederationReferenceTypes['Party']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Party']> | FederationReferenceType, FederationReferenceType, ContextType>;
  declarations?: Resolver<Array<ResolversTypes['PropertyDeclaration']>, ParentType, ContextType>;
  homeVisits?: Resolver<Array<ResolversTypes['HomeVisit']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  plan?: Resolver<Maybe<ResolversTypes['ObligorPlan']>, ParentType, ContextType>;
}>;

export type PropertyDeclarationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PropertyDeclaration'] = ResolversParentTypes['PropertyDeclaration']> = ResolversObject<{
  assets?: Resolver<Array<ResolversTypes['DeclaredAsset']>, ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  debtsFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  dependants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  monthlyIncomeFen?: Resolver<ResolversTypes['Fen'], ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  signedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  meeting?: Resolver<Maybe<ResolversTypes['EnforcementMeeting']>, ParentType, ContextType, RequireFields<QueryMeetingArgs, 'id'>>;
  meetings?: Resolver<ResolversTypes['EnforcementMeetingConnection'], ParentType, ContextType, RequireFields<QueryMeetingsArgs, 'villageCode'>>;
  myTasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, Partial<QueryMyTasksArgs>>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'id'>>;
  taskCounts?: Resolver<ResolversTypes['TaskCounts'], ParentType, ContextType, RequireFields<QueryTaskCountsArgs, 'divisionCode'>>;
  tasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, RequireFields<QueryTasksArgs, 'filter'>>;
  whereaboutsFeedback?: Resolver<Maybe<ResolversTypes['WhereaboutsFeedback']>, ParentType, ContextType, RequireFields<QueryWhereaboutsFeedbackArgs, 'taskId'>>;
}>;

export type StaffResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Staff'] = ResolversParentTypes['Staff']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type TaskResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType>;
  assigneeDepartment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  division?: Resolver<ResolversTypes['Division'], ParentType, ContextType>;
  dueAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  escalatedTo?: Resolver<Maybe<ResolversTypes['TaskLevel']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['TaskLevel'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  obligor?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['TaskOrigin'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  overdueAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['TaskResult']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TaskType'], ParentType, ContextType>;
}>;

export type TaskConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TaskConnection'] = ResolversParentTypes['TaskConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['TaskEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TaskCountsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TaskCounts'] = ResolversParentTypes['TaskCounts']> = ResolversObject<{
  byStatus?: Resolver<Array<ResolversTypes['TaskStatusCount']>, ParentType, ContextType>;
  divisionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  escalatedToCounty?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TaskEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TaskEdge'] = ResolversParentTypes['TaskEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
}>;

export type TaskResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TaskResult'] = ResolversParentTypes['TaskResult']> = ResolversObject<{
  contactMade?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  formId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['TaskResultOutcome'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaskStatusCountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TaskStatusCount'] = ResolversParentTypes['TaskStatusCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
}>;

export type WhereaboutsFeedbackResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WhereaboutsFeedback'] = ResolversParentTypes['WhereaboutsFeedback']> = ResolversObject<{
  assets?: Resolver<ResolversTypes['AssetsSeen'], ParentType, ContextType>;
  case?: Resolver<Maybe<ResolversTypes['Case']>, ParentType, ContextType>;
  contact?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  employment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  found?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  obligor?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType>;
  whereabouts?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  AssetSighting?: AssetSightingResolvers<ContextType>;
  AssetsSeen?: AssetsSeenResolvers<ContextType>;
  Case?: CaseResolvers<ContextType>;
  CaseMessage?: CaseMessageResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeclaredAsset?: DeclaredAssetResolvers<ContextType>;
  Division?: DivisionResolvers<ContextType>;
  EnforcementMeeting?: EnforcementMeetingResolvers<ContextType>;
  EnforcementMeetingConnection?: EnforcementMeetingConnectionResolvers<ContextType>;
  EnforcementMeetingEdge?: EnforcementMeetingEdgeResolvers<ContextType>;
  Fen?: GraphQLScalarType;
  HomeVisit?: HomeVisitResolvers<ContextType>;
  MeetingFigures?: MeetingFiguresResolvers<ContextType>;
  MeetingInstalment?: MeetingInstalmentResolvers<ContextType>;
  MeetingInvitee?: MeetingInviteeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Notification?: NotificationResolvers<ContextType>;
  NotificationVariable?: NotificationVariableResolvers<ContextType>;
  ObligorPlan?: ObligorPlanResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  PropertyDeclaration?: PropertyDeclarationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Staff?: StaffResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  TaskConnection?: TaskConnectionResolvers<ContextType>;
  TaskCounts?: TaskCountsResolvers<ContextType>;
  TaskEdge?: TaskEdgeResolvers<ContextType>;
  TaskResult?: TaskResultResolvers<ContextType>;
  TaskStatusCount?: TaskStatusCountResolvers<ContextType>;
  WhereaboutsFeedback?: WhereaboutsFeedbackResolvers<ContextType>;
}>;

