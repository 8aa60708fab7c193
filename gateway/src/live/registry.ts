import type { Identity } from '@zhiyuan/auth';
import type { EventEnvelope } from '@zhiyuan/events';
import { isDivisionCode } from '@zhiyuan/kernel';

/**
 * One entity a payload field reads through the supergraph: the root query field that finds it by its key
 * (`case(id: …)`), and what the probe asks of it. The probe runs for every event, whatever the subscriber
 * selected, so an event whose entity the subscriber may not read is never delivered.
 */
export interface LiveEntity {
  /** The Query field that reads it. */
  root: string;
  /** The argument of `root` the key goes into (always an `ID!`). */
  keyArg: string;
  /** Fields the probe reads besides `__typename` (what `accept` decides on). */
  probe: string;
}

/** What a pre-filter found in an event: the key of each entity to read, and payload fields taken from the event. */
export interface LiveMatch {
  keys: Record<string, string>;
  fields?: Record<string, unknown>;
}

export interface LiveField {
  /** The Subscription field. */
  name: string;
  /** The NATS subjects it hears (wildcards allowed). */
  subjects: readonly string[];
  /** Anonymous callers are refused UNAUTHENTICATED unless the field is public. */
  public?: boolean;
  /** Payload field → the entity it reads. */
  entities: Record<string, LiveEntity>;
  /** The subscription's arguments, checked once at subscribe time; throws a LiveArgumentError. */
  args(raw: Record<string, unknown>): Record<string, string>;
  /** The cheap pre-filter: null when the event cannot concern this subscriber, else the keys to read. */
  match(event: EventEnvelope, args: Record<string, string>, identity: Identity): LiveMatch | null;
  /**
   * After the probes came back (each non-null: the subscriber may read the entity), whether the event is for
   * this subscriber after all; may add payload fields. Without it, every visible event is.
   */
  accept?(
    probes: Record<string, Record<string, unknown>>,
    args: Record<string, string>,
    identity: Identity,
    match: LiveMatch,
  ): boolean;
}

export class LiveArgumentError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidArg(raw: Record<string, unknown>, name: string): string {
  const v = raw[name];
  if (typeof v !== 'string' || !UUID.test(v)) throw new LiveArgumentError(name, `${name} must be a UUID`);
  return v.toLowerCase();
}

function divisionArg(raw: Record<string, unknown>, name: string): string {
  const v = raw[name];
  if (typeof v !== 'string' || !isDivisionCode(v))
    throw new LiveArgumentError(name, `${name} must be a 6, 9 or 12 digit division code`);
  return v;
}

/** The payload of an event as a loose record (the registry reads only well-known fields of it). */
const payloadOf = (e: EventEnvelope) => e.payload as unknown as Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The division an event happened in, when the event says: a village before its township, a task's own division. */
export function divisionOfEvent(e: EventEnvelope): string | null {
  const p = payloadOf(e);
  return str(p.villageCode) ?? str(p.divisionCode) ?? str(p.townshipCode);
}

/** Division codes nest by prefix: a township holds every village whose code starts with it. */
export const within = (code: string | null, scope: string): boolean => !!code && code.startsWith(scope);

const CASE: LiveEntity = { root: 'case', keyArg: 'id', probe: 'id' };

/**
 * Whether a case is the caller's own: a party's as obligor or obligee, a judge's or an officer's as the one
 * who holds it; for every other role, a case it may read at all (the probe already said so).
 */
function ownCase(probe: Record<string, unknown>, identity: Identity): boolean {
  const idOf = (v: unknown) => (v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined);
  const listIds = (v: unknown) => (Array.isArray(v) ? v.map(idOf) : []);
  const roles = identity.roles;
  if (roles.includes('ADMIN')) return true;
  if (roles.includes('PARTY'))
    return [...listIds(probe.obligors), ...listIds(probe.obligees)].includes(identity.partyId ?? undefined);
  if (roles.includes('JUDGE') && idOf(probe.judge) === identity.sub) return true;
  if (roles.includes('ENFORCEMENT_OFFICER') && idOf(probe.enforcementOfficer) === identity.sub) return true;
  return !roles.some((r) => r === 'JUDGE' || r === 'ENFORCEMENT_OFFICER');
}

export const LIVE_FIELDS: readonly LiveField[] = [
  {
    name: 'caseUpdated',
    subjects: ['cases.>'],
    entities: { case: CASE },
    args: (raw) => ({ caseId: uuidArg(raw, 'caseId') }),
    match: (e, args) => (str(payloadOf(e).caseId) === args.caseId ? { keys: { case: args.caseId! } } : null),
  },
  {
    name: 'myCasesUpdated',
    subjects: ['cases.>'],
    entities: {
      case: {
        root: 'case',
        keyArg: 'id',
        probe: 'id judge { id } enforcementOfficer { id } obligors { id } obligees { id }',
      },
    },
    args: () => ({}),
    match: (e, _args, identity) => {
      const p = payloadOf(e);
      const caseId = str(p.caseId);
      if (!caseId) return null;
      // What the event itself says rules a case out early; the probe decides the rest.
      if (identity.roles.includes('PARTY') && 'obligorIds' in p && 'obligeeIds' in p) {
        if (![...ids(p.obligorIds), ...ids(p.obligeeIds)].includes(identity.partyId ?? '')) return null;
      }
      return { keys: { case: caseId } };
    },
    accept: (probes, _args, identity) => ownCase(probes.case!, identity),
  },
  {
    name: 'taskAssigned',
    subjects: ['tasks.task.created', 'tasks.task.assigned'],
    entities: { task: { root: 'task', keyArg: 'id', probe: 'id' } },
    args: () => ({}),
    match: (e, _args, identity) => {
      const p = payloadOf(e);
      const mine =
        (str(p.assigneeId) !== null && p.assigneeId === identity.sub) ||
        (str(p.assigneeDepartment) !== null && p.assigneeDepartment === identity.department);
      return mine && str(p.taskId) ? { keys: { task: p.taskId as string } } : null;
    },
  },
  {
    name: 'divisionActivity',
    subjects: [
      'cases.judgment.effective',
      'cases.enforcement.filed',
      'cases.case.rerouted',
      'cases.officer.assigned',
      'cases.performance.recorded',
      'cases.case.closed',
      'tasks.task.created',
      'tasks.task.completed',
      'tasks.task.overdue',
      'tasks.meeting.held',
    ],
    entities: {
      case: { root: 'case', keyArg: 'id', probe: 'id village { code } township { code }' },
      task: { root: 'task', keyArg: 'id', probe: 'id' },
      meeting: { root: 'meeting', keyArg: 'id', probe: 'id' },
    },
    args: (raw) => ({ divisionCode: divisionArg(raw, 'divisionCode') }),
    match: (e, args) => {
      const p = payloadOf(e);
      const division = divisionOfEvent(e);
      // A payment from before its routing was in the event says nothing of its division: the case's
      // routing (read by the probe) decides.
      if (division !== null && !within(division, args.divisionCode!)) return null;
      if (division === null && e.type !== 'cases.performance.recorded') return null;
      const keys: Record<string, string> = {};
      if (str(p.caseId)) keys.case = p.caseId as string;
      if (str(p.taskId)) keys.task = p.taskId as string;
      if (str(p.meetingId)) keys.meeting = p.meetingId as string;
      if (!Object.keys(keys).length) return null;
      return { keys, fields: { divisionCode: division } };
    },
    accept: (probes, args, _identity, match) => {
      if (match.fields?.divisionCode) return true;
      const c = probes.case as { village?: { code?: string } | null; township?: { code?: string } | null } | undefined;
      const division = c?.village?.code ?? c?.township?.code ?? null;
      if (!within(division, args.divisionCode!)) return false;
      match.fields = { ...match.fields, divisionCode: division };
      return true;
    },
  },
  {
    name: 'warningRaised',
    subjects: ['metrics.warning.raised'],
    entities: { warning: { root: 'warning', keyArg: 'id', probe: 'id' } },
    args: (raw) => ({ divisionCode: divisionArg(raw, 'divisionCode') }),
    match: (e, args) => {
      const p = payloadOf(e);
      return within(str(p.divisionCode), args.divisionCode!) && str(p.warningId)
        ? { keys: { warning: p.warningId as string } }
        : null;
    },
  },
  {
    name: 'exposureBoardChanged',
    subjects: ['credit.listing.added', 'credit.listing.removed'],
    public: true,
    entities: { board: { root: 'exposureBoard', keyArg: 'divisionCode', probe: 'divisionCode' } },
    args: (raw) => ({ divisionCode: divisionArg(raw, 'divisionCode') }),
    match: (e, args) => {
      const p = payloadOf(e);
      const hit = within(str(p.villageCode), args.divisionCode!) || within(str(p.townshipCode), args.divisionCode!);
      return hit ? { keys: { board: args.divisionCode! } } : null;
    },
  },
];

export const liveField = (name: string): LiveField | undefined => LIVE_FIELDS.find((f) => f.name === name);

/** Every subject any live field hears (what the engine listens to). */
export const LIVE_SUBJECTS = [...new Set(LIVE_FIELDS.flatMap((f) => f.subjects))];
