import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { DivisionEntity, PartyEntity, StaffEntity, CreditProfileEntity, DishonestListingEntity, CreditLinkEntity, CreditLinkChangeEntity, ExposureBoardRow, CaseRef } from '../entities';
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
  /** An ISO-8601 instant. */
  DateTime: { input: Date | string; output: Date | string; }
  /** An amount in fen (分), an integer carried as a JSON number. */
  Fen: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
};

/** Extended with the listings made on the case. */
export type Case = {
  __typename?: 'Case';
  id: Scalars['ID']['output'];
  listings: Array<DishonestListing>;
};

export type CreditClassification =
  /** Performs or has nothing outstanding. */
  | 'COMPLIANT'
  /** Evades: recommend coercive measures. */
  | 'EVASIVE'
  /** Honest but in difficulty: a grace period of 1 to 3 months, during which nothing is published. */
  | 'HONEST_IN_DIFFICULTY'
  /** Truly unable (age, disability, illness): recommend relief or exit from enforcement. */
  | 'UNABLE';

/** The restriction status of a party for one partner department, with its change history. */
export type CreditLink = {
  __typename?: 'CreditLink';
  changedAt: Scalars['DateTime']['output'];
  department: PartnerDepartment;
  history: Array<CreditLinkChange>;
  status: CreditLinkStatus;
};

/** One change of a credit link as published to its partner department. */
export type CreditLinkChange = {
  __typename?: 'CreditLinkChange';
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  acknowledgedBy?: Maybe<Scalars['String']['output']>;
  changedAt: Scalars['DateTime']['output'];
  department: PartnerDepartment;
  id: Scalars['ID']['output'];
  idNumberMasked: Scalars['String']['output'];
  partyName: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  status: CreditLinkStatus;
};

export type CreditLinkChangeConnection = {
  __typename?: 'CreditLinkChangeConnection';
  edges: Array<CreditLinkChangeEdge>;
  nodes: Array<CreditLinkChange>;
  pageInfo: PageInfo;
};

export type CreditLinkChangeEdge = {
  __typename?: 'CreditLinkChangeEdge';
  cursor: Scalars['String']['output'];
  node: CreditLinkChange;
};

export type CreditLinkStatus =
  | 'CLEAR'
  | 'RESTRICTED';

/** One classification of an obligor's credit and capacity, with the reason codes that led to it. */
export type CreditProfile = {
  __typename?: 'CreditProfile';
  classification: CreditClassification;
  classifiedAt: Scalars['DateTime']['output'];
  graceUntil?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  overridden: Scalars['Boolean']['output'];
  overrideReason?: Maybe<Scalars['String']['output']>;
  party: Party;
  reasonCodes: Array<Scalars['String']['output']>;
};

/** An entry on the dishonest-debtor list (失信名单); always carries consumption restriction. */
export type DishonestListing = {
  __typename?: 'DishonestListing';
  case: Case;
  /** Null when the ground has no fixed term. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  extensionReason?: Maybe<Scalars['String']['output']>;
  extensionYears?: Maybe<Scalars['Int']['output']>;
  ground: ListingGround;
  id: Scalars['ID']['output'];
  listedAt: Scalars['DateTime']['output'];
  measures: Array<Scalars['String']['output']>;
  party: Party;
  removalGround?: Maybe<ListingRemovalGround>;
  removedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ListingStatus;
};

export type DishonestListingConnection = {
  __typename?: 'DishonestListingConnection';
  edges: Array<DishonestListingEdge>;
  nodes: Array<DishonestListing>;
  pageInfo: PageInfo;
};

export type DishonestListingEdge = {
  __typename?: 'DishonestListingEdge';
  cursor: Scalars['String']['output'];
  node: DishonestListing;
};

/** A county, township (street) or village (community), identified by its national division code. */
export type Division = {
  __typename?: 'Division';
  children: Array<Division>;
  code: Scalars['ID']['output'];
  /** The fixed court enforcement officer of a township (null for other levels or when none is assigned). */
  enforcementOfficer?: Maybe<Staff>;
  level: DivisionLevel;
  name: Scalars['String']['output'];
  parent?: Maybe<Division>;
  /** From the county down to this division. */
  path: Array<Division>;
  /** Active staff whose division is exactly this one. */
  staff: Array<Staff>;
};

export type DivisionConnection = {
  __typename?: 'DivisionConnection';
  edges: Array<DivisionEdge>;
  nodes: Array<Division>;
  pageInfo: PageInfo;
};

export type DivisionEdge = {
  __typename?: 'DivisionEdge';
  cursor: Scalars['String']['output'];
  node: Division;
};

export type DivisionLevel =
  | 'COUNTY'
  | 'TOWNSHIP'
  | 'VILLAGE';

export type ExposureBoard = {
  __typename?: 'ExposureBoard';
  divisionCode: Scalars['ID']['output'];
  divisionName: Scalars['String']['output'];
  edges: Array<ExposureBoardEdge>;
  level: DivisionLevel;
  nodes: Array<ExposureBoardEntry>;
  pageInfo: PageInfo;
};

export type ExposureBoardEdge = {
  __typename?: 'ExposureBoardEdge';
  cursor: Scalars['String']['output'];
  node: ExposureBoardEntry;
};

/** One entry of the public exposure board (失信曝光台): only what the law allows to publish, never address or phone. */
export type ExposureBoardEntry = {
  __typename?: 'ExposureBoardEntry';
  age?: Maybe<Scalars['Int']['output']>;
  amountOwedFen?: Maybe<Scalars['Fen']['output']>;
  caseNumber?: Maybe<Scalars['String']['output']>;
  conduct: ListingGround;
  court?: Maybe<Scalars['String']['output']>;
  gender?: Maybe<PartyGender>;
  /** Birth month and day hidden, e.g. 3305221990****1234. */
  idNumberMasked: Scalars['String']['output'];
  listedDate: Scalars['Date']['output'];
  listingId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  outstandingFen?: Maybe<Scalars['Fen']['output']>;
  performedFen?: Maybe<Scalars['Fen']['output']>;
};

export type ListDishonestObligorInput = {
  /** The rights holder on whose application the listing is made, if any. */
  applicantPartyId?: InputMaybe<Scalars['ID']['input']>;
  caseId: Scalars['ID']['input'];
  extensionReason?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 3 extra years on top of the 2-year term (violence or repeated conduct), with a reason. */
  extensionYears?: InputMaybe<Scalars['Int']['input']>;
  ground: ListingGround;
  partyId: Scalars['ID']['input'];
};

export type ListingGround =
  /** Able to perform but refuses (no fixed term). */
  | 'ABLE_BUT_REFUSES'
  | 'BREAKS_CONSUMPTION_RESTRICTION'
  | 'BREAKS_PROPERTY_REPORTING_DUTY'
  | 'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS'
  | 'OBSTRUCTS_BY_FORGERY_VIOLENCE_OR_THREATS'
  | 'REFUSES_SETTLEMENT_AGREEMENT';

export type ListingRemovalGround =
  | 'CASE_CLOSED'
  | 'CORRECTION'
  | 'EXPIRED'
  | 'FULL_PERFORMANCE'
  | 'RIGHTS_HOLDER_REQUEST'
  | 'SETTLED_AND_PERFORMED';

export type ListingStatus =
  | 'ACTIVE'
  | 'REMOVED';

/** Removal grounds a court user may apply by hand (the others follow from case events and the expiry sweep). */
export type ManualRemovalGround =
  | 'CORRECTION'
  | 'RIGHTS_HOLDER_REQUEST'
  | 'SETTLED_AND_PERFORMED';

export type Mutation = {
  __typename?: 'Mutation';
  /** A partner department acknowledges one credit-link change. */
  acknowledgeCreditChange: CreditLinkChange;
  extendListing: DishonestListing;
  listDishonestObligor: DishonestListing;
  overrideCreditProfile: CreditProfile;
  registerOrganization: Party;
  /** Registers a person; the same ID number again returns the existing party (or CONFLICT when the name differs). */
  registerPerson: Party;
  registerStaff: Staff;
  removeListing: DishonestListing;
  /** A new home division re-routes the party's open matters (people.party.updated). */
  updateParty: Party;
  updateStaff: Staff;
};


export type MutationAcknowledgeCreditChangeArgs = {
  changeId: Scalars['ID']['input'];
};


export type MutationExtendListingArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  years: Scalars['Int']['input'];
};


export type MutationListDishonestObligorArgs = {
  input: ListDishonestObligorInput;
};


export type MutationOverrideCreditProfileArgs = {
  input: OverrideCreditProfileInput;
  partyId: Scalars['ID']['input'];
};


export type MutationRegisterOrganizationArgs = {
  input: RegisterOrganizationInput;
};


export type MutationRegisterPersonArgs = {
  input: RegisterPersonInput;
};


export type MutationRegisterStaffArgs = {
  input: RegisterStaffInput;
};


export type MutationRemoveListingArgs = {
  id: Scalars['ID']['input'];
  input: RemoveListingInput;
};


export type MutationUpdatePartyArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePartyInput;
};


export type MutationUpdateStaffArgs = {
  id: Scalars['ID']['input'];
  input: UpdateStaffInput;
};

export type OverrideCreditProfileInput = {
  classification: CreditClassification;
  /** 1 to 3; required for HONEST_IN_DIFFICULTY. */
  graceMonths?: InputMaybe<Scalars['Int']['input']>;
  reason: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** What a partner department may know of a person: the restriction status for that department only, no case details. */
export type PartnerCreditStatus = {
  __typename?: 'PartnerCreditStatus';
  changedAt?: Maybe<Scalars['DateTime']['output']>;
  department: PartnerDepartment;
  idNumberMasked: Scalars['String']['output'];
  name: Scalars['String']['output'];
  status: CreditLinkStatus;
};

export type PartnerDepartment =
  /** 银行贷款 */
  | 'BANK_LOAN'
  /** 星级文明户 */
  | 'CIVILIZED_HOUSEHOLD'
  /** 入伍政审 */
  | 'ENLISTMENT'
  /** 入党考察 */
  | 'PARTY_MEMBERSHIP';

/**
 * A person or organization that is party to a case. ID number, phone and address are shown in full only
 * to callers whose scope covers the party's home division (or to the party itself); others get them masked or null.
 */
export type Party = {
  __typename?: 'Party';
  address?: Maybe<Scalars['String']['output']>;
  age?: Maybe<Scalars['Int']['output']>;
  birthDate?: Maybe<Scalars['Date']['output']>;
  creditLinks: Array<CreditLink>;
  /** The current credit and capacity profile (履行评估), if one was made. */
  creditProfile?: Maybe<CreditProfile>;
  creditProfileHistory: Array<CreditProfile>;
  disability: Scalars['Boolean']['output'];
  gender?: Maybe<PartyGender>;
  /** Household-registration village (person) or registered division (organization). */
  homeDivision?: Maybe<Division>;
  id: Scalars['ID']['output'];
  /** Resident ID number or unified social credit code; masked (birth month and day hidden) outside the caller's scope. */
  idNumber: Scalars['String']['output'];
  idNumberMasked: Scalars['String']['output'];
  kind: PartyKind;
  /** Legal representative of an organization. */
  legalRepresentative?: Maybe<Scalars['String']['output']>;
  listings: Array<DishonestListing>;
  lowIncome: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  phone?: Maybe<Scalars['String']['output']>;
  seriousIllness: Scalars['Boolean']['output'];
};


/**
 * A person or organization that is party to a case. ID number, phone and address are shown in full only
 * to callers whose scope covers the party's home division (or to the party itself); others get them masked or null.
 */
export type PartyListingsArgs = {
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type PartyConnection = {
  __typename?: 'PartyConnection';
  edges: Array<PartyEdge>;
  nodes: Array<Party>;
  pageInfo: PageInfo;
};

export type PartyEdge = {
  __typename?: 'PartyEdge';
  cursor: Scalars['String']['output'];
  node: Party;
};

export type PartyGender =
  | 'FEMALE'
  | 'MALE';

export type PartyKind =
  | 'ORGANIZATION'
  | 'PERSON';

export type Query = {
  __typename?: 'Query';
  division?: Maybe<Division>;
  /** Divisions whose name contains the text, optionally of one level. */
  divisions: DivisionConnection;
  /** The fixed enforcement officer who handles a township. */
  enforcementOfficerOf?: Maybe<Staff>;
  /** The public exposure board of a village or township (or the whole county): readable without login. */
  exposureBoard: ExposureBoard;
  listing?: Maybe<DishonestListing>;
  listings: DishonestListingConnection;
  parties: PartyConnection;
  /** For a partner account: the status of a person for its own department, looked up by ID number. */
  partnerCreditStatus: PartnerCreditStatus;
  party?: Maybe<Party>;
  partyByIdNumber?: Maybe<Party>;
  staff?: Maybe<Staff>;
  staffMembers: StaffConnection;
  /** Changes a partner has not acknowledged; with olderThanWorkingDays, only those older than that many working days. */
  unacknowledgedCreditChanges: CreditLinkChangeConnection;
};


export type QueryDivisionArgs = {
  code: Scalars['ID']['input'];
};


export type QueryDivisionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<DivisionLevel>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEnforcementOfficerOfArgs = {
  townshipCode: Scalars['ID']['input'];
};


export type QueryExposureBoardArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  divisionCode: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryListingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryListingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ListingStatus>;
};


export type QueryPartiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPartnerCreditStatusArgs = {
  department?: InputMaybe<PartnerDepartment>;
  idNumber: Scalars['String']['input'];
};


export type QueryPartyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPartyByIdNumberArgs = {
  idNumber: Scalars['String']['input'];
};


export type QueryStaffArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStaffMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<Scalars['String']['input']>;
};


export type QueryUnacknowledgedCreditChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  department?: InputMaybe<PartnerDepartment>;
  first?: InputMaybe<Scalars['Int']['input']>;
  olderThanWorkingDays?: InputMaybe<Scalars['Int']['input']>;
};

export type RegisterOrganizationInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  /** 18-character unified social credit code (GB 32100). */
  creditCode: Scalars['String']['input'];
  legalRepresentative: Scalars['String']['input'];
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  registeredDivisionCode: Scalars['ID']['input'];
};

export type RegisterPersonInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  disability?: InputMaybe<Scalars['Boolean']['input']>;
  /** Household-registration village (12 digits). */
  homeDivisionCode: Scalars['ID']['input'];
  /** 18-digit resident ID number (GB 11643). */
  idNumber: Scalars['String']['input'];
  lowIncome?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  seriousIllness?: InputMaybe<Scalars['Boolean']['input']>;
};

export type RegisterStaffInput = {
  department?: InputMaybe<PartnerDepartment>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  roles: Array<Scalars['String']['input']>;
};

export type RemoveListingInput = {
  ground: ManualRemovalGround;
  note?: InputMaybe<Scalars['String']['input']>;
  /** For RIGHTS_HOLDER_REQUEST: the rights holder who asked. */
  requestedByPartyId?: InputMaybe<Scalars['ID']['input']>;
};

/** A court, county, township or village user of the platform, or a partner department account. */
export type Staff = {
  __typename?: 'Staff';
  active: Scalars['Boolean']['output'];
  department?: Maybe<PartnerDepartment>;
  division?: Maybe<Division>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Masked for callers who are not admins and not in the staff member's division. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Roles such as JUDGE, ENFORCEMENT_OFFICER, TOWNSHIP_LIAISON, VILLAGE_CADRE, VILLAGE_SECRETARY, MEDIATION_DIRECTOR, COUNTY_DEPARTMENT, PARTNER, ADMIN. */
  roles: Array<Scalars['String']['output']>;
};

export type StaffConnection = {
  __typename?: 'StaffConnection';
  edges: Array<StaffEdge>;
  nodes: Array<Staff>;
  pageInfo: PageInfo;
};

export type StaffEdge = {
  __typename?: 'StaffEdge';
  cursor: Scalars['String']['output'];
  node: Staff;
};

export type UpdatePartyInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  disability?: InputMaybe<Scalars['Boolean']['input']>;
  homeDivisionCode?: InputMaybe<Scalars['ID']['input']>;
  legalRepresentative?: InputMaybe<Scalars['String']['input']>;
  lowIncome?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  seriousIllness?: InputMaybe<Scalars['Boolean']['input']>;
};

export type UpdateStaffInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  divisionCode?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  roles?: InputMaybe<Array<Scalars['String']['input']>>;
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
  Case: ResolverTypeWrapper<CaseRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreditClassification: CreditClassification;
  CreditLink: ResolverTypeWrapper<CreditLinkEntity>;
  CreditLinkChange: ResolverTypeWrapper<CreditLinkChangeEntity>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CreditLinkChangeConnection: ResolverTypeWrapper<Omit<CreditLinkChangeConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['CreditLinkChangeEdge']>, nodes: Array<ResolversTypes['CreditLinkChange']> }>;
  CreditLinkChangeEdge: ResolverTypeWrapper<Omit<CreditLinkChangeEdge, 'node'> & { node: ResolversTypes['CreditLinkChange'] }>;
  CreditLinkStatus: CreditLinkStatus;
  CreditProfile: ResolverTypeWrapper<CreditProfileEntity>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DishonestListing: ResolverTypeWrapper<DishonestListingEntity>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DishonestListingConnection: ResolverTypeWrapper<Omit<DishonestListingConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['DishonestListingEdge']>, nodes: Array<ResolversTypes['DishonestListing']> }>;
  DishonestListingEdge: ResolverTypeWrapper<Omit<DishonestListingEdge, 'node'> & { node: ResolversTypes['DishonestListing'] }>;
  Division: ResolverTypeWrapper<DivisionEntity>;
  DivisionConnection: ResolverTypeWrapper<Omit<DivisionConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['DivisionEdge']>, nodes: Array<ResolversTypes['Division']> }>;
  DivisionEdge: ResolverTypeWrapper<Omit<DivisionEdge, 'node'> & { node: ResolversTypes['Division'] }>;
  DivisionLevel: DivisionLevel;
  ExposureBoard: ResolverTypeWrapper<Omit<ExposureBoard, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ExposureBoardEdge']>, nodes: Array<ResolversTypes['ExposureBoardEntry']> }>;
  ExposureBoardEdge: ResolverTypeWrapper<Omit<ExposureBoardEdge, 'node'> & { node: ResolversTypes['ExposureBoardEntry'] }>;
  ExposureBoardEntry: ResolverTypeWrapper<ExposureBoardRow>;
  Fen: ResolverTypeWrapper<Scalars['Fen']['output']>;
  ListDishonestObligorInput: ListDishonestObligorInput;
  ListingGround: ListingGround;
  ListingRemovalGround: ListingRemovalGround;
  ListingStatus: ListingStatus;
  ManualRemovalGround: ManualRemovalGround;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OverrideCreditProfileInput: OverrideCreditProfileInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PartnerCreditStatus: ResolverTypeWrapper<PartnerCreditStatus>;
  PartnerDepartment: PartnerDepartment;
  Party: ResolverTypeWrapper<PartyEntity>;
  PartyConnection: ResolverTypeWrapper<Omit<PartyConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['PartyEdge']>, nodes: Array<ResolversTypes['Party']> }>;
  PartyEdge: ResolverTypeWrapper<Omit<PartyEdge, 'node'> & { node: ResolversTypes['Party'] }>;
  PartyGender: PartyGender;
  PartyKind: PartyKind;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterOrganizationInput: RegisterOrganizationInput;
  RegisterPersonInput: RegisterPersonInput;
  RegisterStaffInput: RegisterStaffInput;
  RemoveListingInput: RemoveListingInput;
  Staff: ResolverTypeWrapper<StaffEntity>;
  StaffConnection: ResolverTypeWrapper<Omit<StaffConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['StaffEdge']>, nodes: Array<ResolversTypes['Staff']> }>;
  StaffEdge: ResolverTypeWrapper<Omit<StaffEdge, 'node'> & { node: ResolversTypes['Staff'] }>;
  UpdatePartyInput: UpdatePartyInput;
  UpdateStaffInput: UpdateStaffInput;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Case: CaseRef;
  ID: Scalars['ID']['output'];
  CreditLink: CreditLinkEntity;
  CreditLinkChange: CreditLinkChangeEntity;
  String: Scalars['String']['output'];
  CreditLinkChangeConnection: Omit<CreditLinkChangeConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['CreditLinkChangeEdge']>, nodes: Array<ResolversParentTypes['CreditLinkChange']> };
  CreditLinkChangeEdge: Omit<CreditLinkChangeEdge, 'node'> & { node: ResolversParentTypes['CreditLinkChange'] };
  CreditProfile: CreditProfileEntity;
  Boolean: Scalars['Boolean']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DishonestListing: DishonestListingEntity;
  Int: Scalars['Int']['output'];
  DishonestListingConnection: Omit<DishonestListingConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['DishonestListingEdge']>, nodes: Array<ResolversParentTypes['DishonestListing']> };
  DishonestListingEdge: Omit<DishonestListingEdge, 'node'> & { node: ResolversParentTypes['DishonestListing'] };
  Division: DivisionEntity;
  DivisionConnection: Omit<DivisionConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['DivisionEdge']>, nodes: Array<ResolversParentTypes['Division']> };
  DivisionEdge: Omit<DivisionEdge, 'node'> & { node: ResolversParentTypes['Division'] };
  ExposureBoard: Omit<ExposureBoard, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ExposureBoardEdge']>, nodes: Array<ResolversParentTypes['ExposureBoardEntry']> };
  ExposureBoardEdge: Omit<ExposureBoardEdge, 'node'> & { node: ResolversParentTypes['ExposureBoardEntry'] };
  ExposureBoardEntry: ExposureBoardRow;
  Fen: Scalars['Fen']['output'];
  ListDishonestObligorInput: ListDishonestObligorInput;
  Mutation: Record<PropertyKey, never>;
  OverrideCreditProfileInput: OverrideCreditProfileInput;
  PageInfo: PageInfo;
  PartnerCreditStatus: PartnerCreditStatus;
  Party: PartyEntity;
  PartyConnection: Omit<PartyConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['PartyEdge']>, nodes: Array<ResolversParentTypes['Party']> };
  PartyEdge: Omit<PartyEdge, 'node'> & { node: ResolversParentTypes['Party'] };
  Query: Record<PropertyKey, never>;
  RegisterOrganizationInput: RegisterOrganizationInput;
  RegisterPersonInput: RegisterPersonInput;
  RegisterStaffInput: RegisterStaffInput;
  RemoveListingInput: RemoveListingInput;
  Staff: StaffEntity;
  StaffConnection: Omit<StaffConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['StaffEdge']>, nodes: Array<ResolversParentTypes['Staff']> };
  StaffEdge: Omit<StaffEdge, 'node'> & { node: ResolversParentTypes['Staff'] };
  UpdatePartyInput: UpdatePartyInput;
  UpdateStaffInput: UpdateStaffInput;
}>;

export type CaseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Case'] = ResolversParentTypes['Case'], FederationReferenceType extends FederationReferenceTypes['Case'] = FederationReferenceTypes['Case']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Case']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  listings?: Resolver<Array<ResolversTypes['DishonestListing']>, ParentType, ContextType>;
}>;

export type CreditLinkResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditLink'] = ResolversParentTypes['CreditLink']> = ResolversObject<{
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['PartnerDepartment'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['CreditLinkChange']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CreditLinkStatus'], ParentType, ContextType>;
}>;

export type CreditLinkChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditLinkChange'] = ResolversParentTypes['CreditLinkChange']> = ResolversObject<{
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acknowledgedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['PartnerDepartment'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumberMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  partyName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CreditLinkStatus'], ParentType, ContextType>;
}>;

export type CreditLinkChangeConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditLinkChangeConnection'] = ResolversParentTypes['CreditLinkChangeConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CreditLinkChangeEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['CreditLinkChange']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type CreditLinkChangeEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditLinkChangeEdge'] = ResolversParentTypes['CreditLinkChangeEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CreditLinkChange'], ParentType, ContextType>;
}>;

export type CreditProfileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditProfile'] = ResolversParentTypes['CreditProfile']> = ResolversObject<{
  classification?: Resolver<ResolversTypes['CreditClassification'], ParentType, ContextType>;
  classifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  graceUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  overridden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  overrideReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  reasonCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DishonestListingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DishonestListing'] = ResolversParentTypes['DishonestListing']> = ResolversObject<{
  case?: Resolver<ResolversTypes['Case'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  extensionReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  extensionYears?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  ground?: Resolver<ResolversTypes['ListingGround'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  listedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  measures?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  party?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
  removalGround?: Resolver<Maybe<ResolversTypes['ListingRemovalGround']>, ParentType, ContextType>;
  removedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ListingStatus'], ParentType, ContextType>;
}>;

export type DishonestListingConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DishonestListingConnection'] = ResolversParentTypes['DishonestListingConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DishonestListingEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['DishonestListing']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type DishonestListingEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DishonestListingEdge'] = ResolversParentTypes['DishonestListingEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DishonestListing'], ParentType, ContextType>;
}>;

export type DivisionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Division'] = ResolversParentTypes['Division'], FederationReferenceType extends FederationReferenceTypes['Division'] = FederationReferenceTypes['Division']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Division']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Division']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  enforcementOfficer?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['DivisionLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['Division']>, ParentType, ContextType>;
  staff?: Resolver<Array<ResolversTypes['Staff']>, ParentType, ContextType>;
}>;

export type DivisionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DivisionConnection'] = ResolversParentTypes['DivisionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DivisionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Division']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type DivisionEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DivisionEdge'] = ResolversParentTypes['DivisionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Division'], ParentType, ContextType>;
}>;

export type ExposureBoardResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExposureBoard'] = ResolversParentTypes['ExposureBoard']> = ResolversObject<{
  divisionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  divisionName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  edges?: Resolver<Array<ResolversTypes['ExposureBoardEdge']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['DivisionLevel'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['ExposureBoardEntry']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ExposureBoardEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExposureBoardEdge'] = ResolversParentTypes['ExposureBoardEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ExposureBoardEntry'], ParentType, ContextType>;
}>;

export type ExposureBoardEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExposureBoardEntry'] = ResolversParentTypes['ExposureBoardEntry']> = ResolversObject<{
  age?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  amountOwedFen?: Resolver<Maybe<ResolversTypes['Fen']>, ParentType, ContextType>;
  caseNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  conduct?: Resolver<ResolversTypes['ListingGround'], ParentType, ContextType>;
  court?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['PartyGender']>, ParentType, ContextType>;
  idNumberMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  listedDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  listingId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outstandingFen?: Resolver<Maybe<ResolversTypes['Fen']>, ParentType, ContextType>;
  performedFen?: Resolver<Maybe<ResolversTypes['Fen']>, ParentType, ContextType>;
}>;

export interface FenScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Fen'], any> {
  name: 'Fen';
}

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acknowledgeCreditChange?: Resolver<ResolversTypes['CreditLinkChange'], ParentType, ContextType, RequireFields<MutationAcknowledgeCreditChangeArgs, 'changeId'>>;
  extendListing?: Resolver<ResolversTypes['DishonestListing'], ParentType, ContextType, RequireFields<MutationExtendListingArgs, 'id' | 'reason' | 'years'>>;
  listDishonestObligor?: Resolver<ResolversTypes['DishonestListing'], ParentType, ContextType, RequireFields<MutationListDishonestObligorArgs, 'input'>>;
  overrideCreditProfile?: Resolver<ResolversTypes['CreditProfile'], ParentType, ContextType, RequireFields<MutationOverrideCreditProfileArgs, 'input' | 'partyId'>>;
  registerOrganization?: Resolver<ResolversTypes['Party'], ParentType, ContextType, RequireFields<MutationRegisterOrganizationArgs, 'input'>>;
  registerPerson?: Resolver<ResolversTypes['Party'], ParentType, ContextType, RequireFields<MutationRegisterPersonArgs, 'input'>>;
  registerStaff?: Resolver<ResolversTypes['Staff'], ParentType, ContextType, RequireFields<MutationRegisterStaffArgs, 'input'>>;
  removeListing?: Resolver<ResolversTypes['DishonestListing'], ParentType, ContextType, RequireFields<MutationRemoveListingArgs, 'id' | 'input'>>;
  updateParty?: Resolver<ResolversTypes['Party'], ParentType, ContextType, RequireFields<MutationUpdatePartyArgs, 'id' | 'input'>>;
  updateStaff?: Resolver<ResolversTypes['Staff'], ParentType, ContextType, RequireFields<MutationUpdateStaffArgs, 'id' | 'input'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PartnerCreditStatusResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PartnerCreditStatus'] = ResolversParentTypes['PartnerCreditStatus']> = ResolversObject<{
  changedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['PartnerDepartment'], ParentType, ContextType>;
  idNumberMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CreditLinkStatus'], ParentType, ContextType>;
}>;

export type PartyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Party'] = ResolversParentTypes['Party'], FederationReferenceType extends FederationReferenceTypes['Party'] = FederationReferenceTypes['Party']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Party']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  age?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  creditLinks?: Resolver<Array<ResolversTypes['CreditLink']>, ParentType, ContextType>;
  creditProfile?: Resolver<Maybe<ResolversTypes['CreditProfile']>, ParentType, ContextType>;
  creditProfileHistory?: Resolver<Array<ResolversTypes['CreditProfile']>, ParentType, ContextType>;
  disability?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['PartyGender']>, ParentType, ContextType>;
  homeDivision?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  idNumberMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PartyKind'], ParentType, ContextType>;
  legalRepresentative?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  listings?: Resolver<Array<ResolversTypes['DishonestListing']>, ParentType, ContextType, RequireFields<PartyListingsArgs, 'activeOnly'>>;
  lowIncome?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seriousIllness?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PartyConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PartyConnection'] = ResolversParentTypes['PartyConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PartyEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Party']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type PartyEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PartyEdge'] = ResolversParentTypes['PartyEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Party'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  division?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType, RequireFields<QueryDivisionArgs, 'code'>>;
  divisions?: Resolver<ResolversTypes['DivisionConnection'], ParentType, ContextType, Partial<QueryDivisionsArgs>>;
  enforcementOfficerOf?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType, RequireFields<QueryEnforcementOfficerOfArgs, 'townshipCode'>>;
  exposureBoard?: Resolver<ResolversTypes['ExposureBoard'], ParentType, ContextType, RequireFields<QueryExposureBoardArgs, 'divisionCode'>>;
  listing?: Resolver<Maybe<ResolversTypes['DishonestListing']>, ParentType, ContextType, RequireFields<QueryListingArgs, 'id'>>;
  listings?: Resolver<ResolversTypes['DishonestListingConnection'], ParentType, ContextType, Partial<QueryListingsArgs>>;
  parties?: Resolver<ResolversTypes['PartyConnection'], ParentType, ContextType, Partial<QueryPartiesArgs>>;
  partnerCreditStatus?: Resolver<ResolversTypes['PartnerCreditStatus'], ParentType, ContextType, RequireFields<QueryPartnerCreditStatusArgs, 'idNumber'>>;
  party?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType, RequireFields<QueryPartyArgs, 'id'>>;
  partyByIdNumber?: Resolver<Maybe<ResolversTypes['Party']>, ParentType, ContextType, RequireFields<QueryPartyByIdNumberArgs, 'idNumber'>>;
  staff?: Resolver<Maybe<ResolversTypes['Staff']>, ParentType, ContextType, RequireFields<QueryStaffArgs, 'id'>>;
  staffMembers?: Resolver<ResolversTypes['StaffConnection'], ParentType, ContextType, Partial<QueryStaffMembersArgs>>;
  unacknowledgedCreditChanges?: Resolver<ResolversTypes['CreditLinkChangeConnection'], ParentType, ContextType, Partial<QueryUnacknowledgedCreditChangesArgs>>;
}>;

export type StaffResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Staff'] = ResolversParentTypes['Staff'], FederationReferenceType extends FederationReferenceTypes['Staff'] = FederationReferenceTypes['Staff']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Staff']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['PartnerDepartment']>, ParentType, ContextType>;
  division?: Resolver<Maybe<ResolversTypes['Division']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type StaffConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StaffConnection'] = ResolversParentTypes['StaffConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['StaffEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Staff']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type StaffEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StaffEdge'] = ResolversParentTypes['StaffEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Staff'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Case?: CaseResolvers<ContextType>;
  CreditLink?: CreditLinkResolvers<ContextType>;
  CreditLinkChange?: CreditLinkChangeResolvers<ContextType>;
  CreditLinkChangeConnection?: CreditLinkChangeConnectionResolvers<ContextType>;
  CreditLinkChangeEdge?: CreditLinkChangeEdgeResolvers<ContextType>;
  CreditProfile?: CreditProfileResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DishonestListing?: DishonestListingResolvers<ContextType>;
  DishonestListingConnection?: DishonestListingConnectionResolvers<ContextType>;
  DishonestListingEdge?: DishonestListingEdgeResolvers<ContextType>;
  Division?: DivisionResolvers<ContextType>;
  DivisionConnection?: DivisionConnectionResolvers<ContextType>;
  DivisionEdge?: DivisionEdgeResolvers<ContextType>;
  ExposureBoard?: ExposureBoardResolvers<ContextType>;
  ExposureBoardEdge?: ExposureBoardEdgeResolvers<ContextType>;
  ExposureBoardEntry?: ExposureBoardEntryResolvers<ContextType>;
  Fen?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PartnerCreditStatus?: PartnerCreditStatusResolvers<ContextType>;
  Party?: PartyResolvers<ContextType>;
  PartyConnection?: PartyConnectionResolvers<ContextType>;
  PartyEdge?: PartyEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Staff?: StaffResolvers<ContextType>;
  StaffConnection?: StaffConnectionResolvers<ContextType>;
  StaffEdge?: StaffEdgeResolvers<ContextType>;
}>;

