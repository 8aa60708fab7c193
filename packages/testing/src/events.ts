import { randomUUID } from 'node:crypto';
import {
  allContracts,
  contractFor,
  createEvent,
  EventValidationError,
  subjectFor,
  type EventBus,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '@zhiyuan/events';
import { waitFor } from './wait';

/** Changxing county, 虹星桥镇 and its 港口村: the divisions test events default to. */
export const TEST_COUNTY = '330522';
export const TEST_TOWNSHIP = '330522104';
export const TEST_VILLAGE = '330522104201';

const COURT = '长兴县人民法院';
const routing = { villageCode: TEST_VILLAGE, townshipCode: TEST_TOWNSHIP };
const now = () => new Date().toISOString();
let serial = 0;
const next = () => ++serial;

/**
 * A valid payload for every event type of the catalogue (the mapped type makes a new contract fail to
 * compile here until it has one); ids are fresh on every call.
 */
const DEFAULTS: { [T in EventType]: () => EventPayload<T> } = {
  'cases.judgment.effective': () => ({
    caseId: randomUUID(),
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    court: COURT,
    causeCode: 'LOAN',
    causeCategory: '民间借贷纠纷',
    judgeId: null,
    effectiveDate: '2024-07-01',
    performanceDeadline: '2024-07-15',
    obligorIds: [randomUUID()],
    obligeeIds: [randomUUID()],
    amountOwedFen: 1_250_000,
    ...routing,
  }),
  'cases.urging.started': () => ({
    caseId: randomUUID(),
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    court: COURT,
    judgeId: null,
    obligorIds: [randomUUID()],
    obligeeIds: [randomUUID()],
    amountOwedFen: 1_250_000,
    deadline: '2024-07-15',
    startedAt: now(),
    ...routing,
  }),
  'cases.urging.ended': () => ({ caseId: randomUUID(), reason: 'PERFORMED', endedAt: now() }),
  'cases.enforcement.filed': () => ({
    caseId: randomUUID(),
    enforcementNumber: `(2024)浙0522执${next()}号`,
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    judgeId: null,
    officerId: null,
    obligorIds: [randomUUID()],
    obligeeIds: [randomUUID()],
    amountAppliedFen: 1_250_000,
    needsService: true,
    filedAt: now(),
    ...routing,
  }),
  'cases.performance.recorded': () => ({
    caseId: randomUUID(),
    performanceId: randomUUID(),
    amountFen: 100_000,
    source: 'VOLUNTARY',
    paidOn: '2024-08-01',
    outstandingFen: 0,
    totalPaidFen: 100_000,
    obligorIds: [randomUUID()],
    recordedAt: now(),
  }),
  'cases.performance.reversed': () => ({
    caseId: randomUUID(),
    reversalId: randomUUID(),
    performanceId: randomUUID(),
    amountFen: 100_000,
    source: 'VOLUNTARY',
    paidOn: '2024-08-01',
    recordedAt: now(),
    reason: '误录',
    outstandingFen: 100_000,
    totalPaidFen: 0,
    reopened: false,
    state: 'IN_PROGRESS',
    obligorIds: [randomUUID()],
    reversedAt: now(),
    ...routing,
  }),
  'cases.instalment.missed': () => ({
    caseId: randomUUID(),
    planId: randomUUID(),
    instalmentNo: 1,
    dueDate: '2024-09-01',
    amountFen: 50_000,
    obligorIds: [randomUUID()],
  }),
  'cases.case.closed': () => ({
    caseId: randomUUID(),
    caseNumber: `(2024)浙0522执${next()}号`,
    outcome: 'COMPLETED',
    judgeId: null,
    officerId: null,
    causeCode: 'LOAN',
    causeCategory: '民间借贷纠纷',
    urged: false,
    enforcementFiled: true,
    effectiveDate: '2024-07-01',
    closedAt: now(),
    daysOpen: 30,
    amountAppliedFen: 1_250_000,
    amountRecoveredFen: 1_250_000,
    obligorIds: [randomUUID()],
    ...routing,
  }),
  'cases.case.rerouted': () => ({
    caseId: randomUUID(),
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    partyId: randomUUID(),
    previousVillageCode: null,
    previousTownshipCode: null,
    officerId: null,
    reroutedAt: now(),
    ...routing,
  }),
  'cases.officer.assigned': () => ({
    caseId: randomUUID(),
    officerId: randomUUID(),
    previousOfficerId: null,
    reason: 'ROUTED',
    assignedAt: now(),
    ...routing,
  }),
  'cases.case.transitioned': () => ({
    caseId: randomUUID(),
    from: 'FILED',
    to: 'IN_PROGRESS',
    reason: null,
    at: now(),
    ...routing,
  }),
  'cases.asset_lead.reported': () => ({
    caseId: randomUUID(),
    leadId: randomUUID(),
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    enforcementNumber: `(2024)浙0522执${1000 + next()}号`,
    officerId: randomUUID(),
    what: '新购轿车一辆',
    where: '港口村',
    estimatedValueFen: 8_000_000,
    source: '村民反映',
    reportedBy: randomUUID(),
    reportedAt: now(),
    obligorIds: [randomUUID()],
    ...routing,
  }),
  'cases.case.revived': () => ({
    caseId: randomUUID(),
    leadId: randomUUID(),
    officerId: randomUUID(),
    judgeId: null,
    estimatedValueFen: 8_000_000,
    paidFen: 0,
    outstandingFen: 1_000_000,
    revivedAt: now(),
    ...routing,
  }),
  'cases.research.recorded': () => ({
    caseId: randomUUID(),
    officerId: randomUUID(),
    finding: '未发现可供执行财产',
    previousDue: '2024-07-01',
    nextResearchDue: '2025-01-01',
    recordedBy: randomUUID(),
    recordedAt: now(),
    ...routing,
  }),
  'cases.research.due': () => ({
    caseId: randomUUID(),
    caseNumber: `(2024)浙0522民初${1000 + next()}号`,
    enforcementNumber: `(2024)浙0522执${1000 + next()}号`,
    officerId: randomUUID(),
    dueDate: '2025-01-06',
    obligorIds: [randomUUID()],
    announcedAt: now(),
    ...routing,
  }),
  'cases.settlement.agreed': () => ({
    caseId: randomUUID(),
    settlementId: randomUUID(),
    kind: 'INSTALMENT_PLAN',
    totalFen: 100_000,
    instalments: [
      { no: 1, dueDate: '2024-09-01', amountFen: 50_000 },
      { no: 2, dueDate: '2024-10-01', amountFen: 50_000 },
    ],
    obligorIds: [randomUUID()],
    agreedAt: now(),
  }),
  'people.party.registered': () => ({
    partyId: randomUUID(),
    kind: 'PERSON',
    name: `张${next()}`,
    idNumberMasked: '3305221980****1234',
    phone: null,
    birthDate: '1980-01-01',
    homeDivisionCode: TEST_VILLAGE,
    ...routing,
  }),
  'people.party.updated': () => ({
    partyId: randomUUID(),
    kind: 'PERSON',
    name: `张${next()}`,
    idNumberMasked: '3305221980****1234',
    phone: null,
    birthDate: '1980-01-01',
    homeDivisionCode: TEST_VILLAGE,
    ...routing,
    previousHomeDivisionCode: null,
    changed: ['homeDivisionCode'],
  }),
  'people.staff.registered': () => ({
    staffId: randomUUID(),
    name: `李${next()}`,
    roles: ['ENFORCEMENT_OFFICER'],
    divisionCode: TEST_TOWNSHIP,
    phone: null,
    department: null,
    active: true,
  }),
  'people.staff.updated': () => ({
    staffId: randomUUID(),
    name: `李${next()}`,
    roles: ['ENFORCEMENT_OFFICER'],
    divisionCode: TEST_TOWNSHIP,
    phone: null,
    department: null,
    active: true,
  }),
  'credit.profile.classified': () => ({
    partyId: randomUUID(),
    profileId: randomUUID(),
    classification: 'EVASIVE',
    reasonCodes: [],
    graceUntil: null,
    overridden: false,
    classifiedAt: now(),
  }),
  'credit.listing.added': () => ({
    listingId: randomUUID(),
    partyId: randomUUID(),
    caseId: randomUUID(),
    ...routing,
    listedAt: now(),
    ground: 'EVADING_WITH_CAPACITY',
    expiresAt: null,
    measures: ['CONSUMPTION_RESTRICTION'],
  }),
  'credit.listing.removed': () => ({
    listingId: randomUUID(),
    partyId: randomUUID(),
    caseId: randomUUID(),
    ...routing,
    listedAt: now(),
    removalGround: 'PERFORMED',
    removedAt: now(),
  }),
  'credit.link.changed': () => ({
    changeId: randomUUID(),
    partyId: randomUUID(),
    department: 'BANK_LOAN',
    status: 'RESTRICTED',
    idNumberMasked: '3305221980****1234',
    name: `张${next()}`,
    listingIds: [randomUUID()],
    reason: 'LISTED',
    changedAt: now(),
  }),
  'credit.partner.acknowledged': () => ({
    changeId: randomUUID(),
    department: 'BANK_LOAN',
    partyId: randomUUID(),
    acknowledgedAt: now(),
    acknowledgedBy: 'bank-contact',
  }),
  'credit.partner.overdue': () => ({
    department: 'BANK_LOAN',
    changeIds: [randomUUID()],
    oldestChangedAt: now(),
    count: 1,
  }),
  'tasks.task.created': () => ({
    taskId: randomUUID(),
    caseId: null,
    obligorId: null,
    type: 'LOCATE_PERSON',
    level: 'VILLAGE',
    divisionCode: TEST_VILLAGE,
    assigneeId: null,
    assigneeDepartment: null,
    dueAt: now(),
    createdAt: now(),
  }),
  'tasks.task.assigned': () => ({
    taskId: randomUUID(),
    caseId: null,
    obligorId: null,
    type: 'LOCATE_PERSON',
    level: 'VILLAGE',
    divisionCode: TEST_VILLAGE,
    assigneeId: randomUUID(),
    previousAssigneeId: null,
    assigneeDepartment: null,
    dueAt: now(),
    assignedAt: now(),
  }),
  'tasks.task.completed': () => ({
    taskId: randomUUID(),
    caseId: null,
    obligorId: null,
    type: 'LOCATE_PERSON',
    level: 'VILLAGE',
    divisionCode: TEST_VILLAGE,
    assigneeDepartment: null,
    status: 'DONE',
    createdAt: now(),
    completedAt: now(),
    result: null,
  }),
  'tasks.task.overdue': () => ({
    taskId: randomUUID(),
    caseId: null,
    obligorId: null,
    type: 'LOCATE_PERSON',
    level: 'VILLAGE',
    divisionCode: TEST_VILLAGE,
    dueAt: now(),
    escalatedTo: 'TOWNSHIP',
    overdueAt: now(),
  }),
  'tasks.meeting.held': () => ({
    meetingId: randomUUID(),
    villageCode: TEST_VILLAGE,
    townshipCode: TEST_TOWNSHIP,
    heldAt: now(),
    invited: 0,
    attended: 0,
    paidInFull: 0,
    instalmentPlans: 0,
    outcomes: [],
  }),
  'tasks.form.submitted': () => ({
    formId: randomUUID(),
    formType: 'PROPERTY_DECLARATION',
    partyId: randomUUID(),
    caseId: null,
    taskId: null,
    submittedAt: now(),
    summary: {
      found: null,
      monthlyIncomeFen: null,
      assetsValueFen: null,
      debtsFen: null,
      dependants: null,
      assetsSeen: [],
    },
  }),
  'tasks.notification.sent': () => ({
    notificationId: randomUUID(),
    template: 'URGING_NOTICE',
    recipientPartyId: randomUUID(),
    recipientRole: 'OBLIGOR',
    caseId: randomUUID(),
    status: 'SENT',
    at: now(),
  }),
  'tasks.proposal.submitted': () => ({
    proposalId: randomUUID(),
    caseId: randomUUID(),
    obligorId: randomUUID(),
    intent: 'PROPOSE_INSTALMENTS',
    ...routing,
    amountFen: 300_000,
    terms: null,
    instalments: [
      { dueDate: '2030-01-10', amountFen: 100_000 },
      { dueDate: '2030-02-10', amountFen: 200_000 },
    ],
    graceMonths: null,
    submittedAt: now(),
    expiresAt: now(),
  }),
  'tasks.proposal.answered': () => ({
    proposalId: randomUUID(),
    caseId: randomUUID(),
    obligorId: randomUUID(),
    intent: 'PROPOSE_INSTALMENTS',
    ...routing,
    obligeeId: randomUUID(),
    answer: 'ACCEPT',
    reason: null,
    status: 'CONSENTED',
    answeredAt: now(),
    expiresAt: now(),
  }),
  'tasks.proposal.decided': () => ({
    proposalId: randomUUID(),
    caseId: randomUUID(),
    obligorId: randomUUID(),
    intent: 'PROPOSE_INSTALMENTS',
    ...routing,
    decision: 'ACCEPT',
    reason: null,
    decidedBy: 'test-officer',
    decidedAt: now(),
    settlement: {
      kind: 'INSTALMENT_PLAN',
      terms: '分期履行',
      instalments: [
        { dueDate: '2030-01-10', amountFen: 100_000 },
        { dueDate: '2030-02-10', amountFen: 200_000 },
      ],
    },
    grace: null,
  }),
  'tasks.proposal.expired': () => ({
    proposalId: randomUUID(),
    caseId: randomUUID(),
    obligorId: randomUUID(),
    intent: 'REQUEST_GRACE',
    ...routing,
    status: 'SUBMITTED',
    expiredAt: now(),
  }),
  'metrics.rules.activated': () => ({
    ruleSetId: randomUUID(),
    version: 1,
    activatedBy: 'test-admin',
    reason: 'test',
    activatedAt: now(),
  }),
  'metrics.warning.raised': () => ({
    warningId: randomUUID(),
    ruleId: randomUUID(),
    metric: 'OVERDUE_TASKS',
    divisionCode: TEST_TOWNSHIP,
    value: 5,
    threshold: 3,
    raisedAt: now(),
  }),
  'metrics.warning.resolved': () => ({
    warningId: randomUUID(),
    ruleId: randomUUID(),
    divisionCode: TEST_TOWNSHIP,
    value: 1,
    resolvedAt: now(),
  }),
  'metrics.figures.updated': () => ({ divisionCodes: [TEST_TOWNSHIP], sourceEventId: randomUUID(), updatedAt: now() }),
  'audit.entry.recorded': () => ({
    actor: 'test-admin',
    roles: ['ADMIN'],
    ip: '127.0.0.1',
    service: 'test',
    action: 'MUTATION',
    operation: 'test',
    targetKind: null,
    targetId: null,
    outcome: 'OK',
    errorCode: null,
    at: now(),
  }),
};

/** Every event type of the catalogue. */
export const EVENT_TYPES = allContracts.map((c) => c.type) as EventType[];

/** The envelope fields a test may set; the rest come from the contract and the payload. */
export interface EnvelopeOverrides {
  /** Defaults to the context that produces the type (`cases`, `people-credit`, `tasks`, `metrics`; `test` for audit). */
  producer?: string;
  /** Defaults to the aggregate the payload is about (the case of a cases event, the party or staff member, the task …), else the event id. */
  key?: string;
  occurredAt?: Date;
  correlationId?: string;
  /** The event that caused this one (its id and correlation id are carried on). */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  /** A fixed event id (a producer's retry reuses it; a redelivery test compares it). */
  id?: string;
}

/**
 * An event of `type` as its producer would publish it: the defaults of the type with `payload`
 * overriding them field by field (a nested object is replaced whole; a field given as undefined keeps
 * its default, null is a value), parsed with the contract's own
 * schema. Throws EventValidationError when the result breaks the contract, or when an override names
 * a field the contract does not have (a typo would otherwise be dropped without a word).
 */
export function buildEvent<T extends EventType>(
  type: T,
  payload: Partial<EventPayload<T>> = {},
  envelope: EnvelopeOverrides = {},
): EventEnvelope<T> {
  const contract = contractFor(type);
  const defaults = DEFAULTS[type] as (() => EventPayload<T>) | undefined;
  if (!contract || !defaults) throw new EventValidationError(`unknown event type ${type}`);
  const shape = (contract.payload as { shape?: Record<string, unknown> }).shape;
  const unknown = shape ? Object.keys(payload).filter((k) => !(k in shape)) : [];
  if (unknown.length) throw new EventValidationError(`${type}: no field ${unknown.join(', ')} in the contract`);
  const given = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  const full = { ...defaults(), ...given } as EventPayload<T>;
  const event = createEvent(type, full, {
    producer: envelope.producer ?? producerOf(type),
    key: envelope.key ?? keyOf(type, full as Record<string, unknown>) ?? '',
    occurredAt: envelope.occurredAt,
    correlationId: envelope.correlationId,
    cause: envelope.cause,
  });
  if (!envelope.key && !event.key) event.key = event.id;
  if (envelope.id) {
    if (!envelope.cause && !envelope.correlationId) event.correlationId = envelope.id;
    event.id = envelope.id;
  }
  return event;
}

function producerOf(type: EventType): string {
  const context = type.slice(0, type.indexOf('.'));
  if (context === 'people' || context === 'credit') return 'people-credit';
  if (context === 'audit') return 'test';
  return context;
}

/** The aggregate an event is about, by context: the fields tried in order for its key. */
const KEY_FIELDS: Record<string, string[]> = {
  cases: ['caseId'],
  people: ['partyId', 'staffId'],
  credit: ['partyId', 'department'],
  tasks: ['taskId', 'meetingId', 'partyId', 'notificationId'],
  metrics: ['ruleSetId', 'warningId'],
  audit: ['targetId', 'actor'],
};

function keyOf(type: EventType, payload: Record<string, unknown>): string | undefined {
  for (const field of KEY_FIELDS[type.slice(0, type.indexOf('.'))] ?? [])
    if (typeof payload[field] === 'string') return payload[field] as string;
  return undefined;
}

/** Publishes events as their producers would, each on its contract's subject. */
export async function publishEvents(bus: EventBus, events: EventEnvelope[]): Promise<void> {
  for (const e of events) await bus.publish(subjectFor(e.type, e.payload as never), e);
}

/** Anything that runs SQL and returns rows: a TypeORM DataSource or EntityManager, a pg client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Waits until a service has taken every one of the events in, by its inbox (`<schema>.inbox_message`,
 * written in the same transaction as what the handler did).
 */
export async function waitForHandled(
  db: Queryable,
  schema: string,
  events: { id: string }[],
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  const ids = [...new Set(events.map((e) => e.id))];
  await waitFor(
    async () => {
      const result = (await db.query(
        `SELECT count(DISTINCT event_id)::int AS n FROM "${schema}".inbox_message WHERE event_id = ANY($1)`,
        [ids],
      )) as { n: number }[] | { rows: { n: number }[] };
      const rows = Array.isArray(result) ? result : result.rows;
      return rows[0]?.n === ids.length;
    },
    { what: `${ids.length} event(s) handled by ${schema}`, timeoutMs: opts.timeoutMs ?? 20_000 },
  );
}

/** Publishes events and waits until the service owning `schema` has handled every one of them. */
export async function publishAndWait(
  bus: EventBus,
  db: Queryable,
  schema: string,
  events: EventEnvelope[],
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  await publishEvents(bus, events);
  await waitForHandled(db, schema, events, opts);
}
