import {
  Kind,
  getNamedType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import type { EventEnvelope } from '@zhiyuan/events';
import { isDivisionCode } from '@zhiyuan/kernel';
import { scopeOf } from '../response-cache';
import { divisionOfEvent, within, type LiveField, type LiveMatch } from './registry';

/**
 * Who may share one resolution of an event (docs/live.md, "Shared resolution"). Subscribers whose per-event
 * query is the same text with the same variables share its answer when their access scope is provably the
 * same. The scope is the response cache's per-identity scope (`scopeOf`: the subject, roles, division,
 * department and party; anonymous callers share one), so by default only one identity's own subscriptions,
 * and anonymous ones, share.
 *
 * The subject is left out only where the access rules (docs/access.md) prove it changes nothing: the caller
 * is division staff and nothing else (village cadre, township liaison), whose reading of a case is decided by
 * its division alone (`canSeeCase`: no judge, officer or party clause applies), the payload reads cases only
 * (a task is also visible to its personal assignee, so a task never qualifies), and every field selected
 * below the case is in `SUBJECT_FREE_FIELDS`: read from the case row, no personal data (so no masking and
 * no audited read), nothing about the reader (unread messages, "mine"). Anything else keeps the subject.
 */
export function shareScope(identity: Identity, subjectFree: boolean): string {
  if (!subjectFree || !divisionStaffOnly(identity)) return scopeOf(identity);
  return JSON.stringify([
    '*',
    [...identity.roles].sort(),
    identity.divisionCode,
    identity.department ?? null,
    identity.partyId ?? null,
  ]);
}

/** Roles whose reading of a case depends on the case's division and the caller's, and on nothing else. */
const DIVISION_ONLY_ROLES: ReadonlySet<string> = new Set(['VILLAGE_CADRE', 'TOWNSHIP_LIAISON']);

/** Signed in with division roles only (no admin, judge, officer, party or department role), and a division. */
export function divisionStaffOnly(identity: Identity): boolean {
  return (
    identity.roles.length > 0 &&
    identity.roles.every((r) => DIVISION_ONLY_ROLES.has(r)) &&
    isDivisionCode(identity.divisionCode ?? '') &&
    !identity.partyId
  );
}

/**
 * Fields the cases subgraph answers from the case row alone, whoever reads (given the case is readable):
 * no personal data, nothing masked, nothing about the reader. `Staff.id` and `Party.id` are the keys the
 * case row holds (the gateway asks no other subgraph for a key alone). A field not here is not proven.
 */
export const SUBJECT_FREE_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  Case: new Set([
    'id',
    'caseNumber',
    'enforcementNumber',
    'court',
    'cause',
    'state',
    'outcome',
    'judge',
    'enforcementOfficer',
    'obligors',
    'primaryObligor',
    'obligees',
    'village',
    'township',
    'effectiveDate',
    'performanceDeadline',
    'principalFen',
    'interestFen',
    'costsFen',
    'amountOwedFen',
    'amountAppliedFen',
    'paidFen',
    'outstandingFen',
    'overdue',
    'urged',
    'urging',
    'filedAt',
    'needsService',
    'closedAt',
    'daysOpen',
    'nextResearchDue',
    'openAssetLeadAt',
    'createdAt',
  ]),
  CauseOfAction: new Set(['code', 'name', 'category']),
  Urging: new Set(['startedAt', 'deadline', 'endedAt', 'endReason']),
  Division: new Set(['code']),
  Staff: new Set(['id']),
  Party: new Set(['id']),
};

/**
 * Whether a subscription's per-event query is provably the same for every division-staff reader of one
 * scope: every entity the field reads is a case (probe included), and every field selected below it is
 * subject-free. Fragments are followed; an unknown fragment or type answers false.
 */
export function isSubjectFree(
  schema: GraphQLSchema,
  field: LiveField,
  selected: ReadonlyMap<string, readonly FieldNode[]>,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): boolean {
  if (Object.values(field.entities).some((e) => e.root !== 'case')) return false;
  const caseType = schema.getType('Case');
  if (!isObjectType(caseType)) return false;
  // The probes read `id`, division codes and the keys of staff and parties: all on the list.
  for (const nodes of selected.values())
    for (const node of nodes) {
      if (node.arguments?.length) return false;
      if (node.selectionSet && !selectionFree(schema, 'Case', node.selectionSet, fragments, new Set())) return false;
    }
  return true;
}

function selectionFree(
  schema: GraphQLSchema,
  typeName: string,
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
): boolean {
  const allowed = SUBJECT_FREE_FIELDS[typeName];
  const type = schema.getType(typeName);
  if (!allowed || !isObjectType(type)) return false;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value === '__typename') continue;
      if (!allowed.has(s.name.value) || s.arguments?.length) return false;
      const def = type.getFields()[s.name.value];
      if (!def) return false;
      if (s.selectionSet) {
        const inner = getNamedType(def.type).name;
        if (!selectionFree(schema, inner, s.selectionSet, fragments, seen)) return false;
      }
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (s.typeCondition && s.typeCondition.name.value !== typeName) return false;
      if (!selectionFree(schema, typeName, s.selectionSet, fragments, seen)) return false;
    } else {
      const f = fragments.get(s.name.value);
      if (!f || f.typeCondition.name.value !== typeName) return false;
      if (seen.has(s.name.value)) continue;
      seen.add(s.name.value);
      if (!selectionFree(schema, typeName, f.selectionSet, fragments, seen)) return false;
    }
  }
  return true;
}

/**
 * The pre-filter before any resolution: true when the access rules prove the subscriber cannot read an
 * entity the event keys, from what the event itself says. Only for division staff (see above), only when
 * the event carries the division it happened in, and only for cases and tasks: a case is readable to them
 * only inside their division (the event's division is the case's routing when it was written), a task only
 * inside it or when it is assigned to them personally. Everything else goes on to the probe.
 */
export function provablyUnseen(identity: Identity, event: EventEnvelope, match: LiveMatch): boolean {
  if (!divisionStaffOnly(identity)) return false;
  const division = divisionOfEvent(event);
  if (division === null || within(division, identity.divisionCode!)) return false;
  const keyed = Object.keys(match.keys);
  if (!keyed.every((k) => k === 'case' || k === 'task')) return false;
  if (match.keys.task) {
    const p = event.payload as unknown as Record<string, unknown>;
    // Assigned to this subscriber, or the event does not say to whom: the probe decides.
    if (!('assigneeId' in p) || p.assigneeId === identity.sub) return false;
  }
  return true;
}
