import { defineHandler, sqlRow } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { addTimeline, type TimelineKind } from '../commands/shared/timeline';

type Submitted = EventPayload<'tasks.proposal.submitted'>;
type Answered = EventPayload<'tasks.proposal.answered'>;
type Decided = EventPayload<'tasks.proposal.decided'>;
type Expired = EventPayload<'tasks.proposal.expired'>;

/** The entry of a step: its kind and the parameters its text is made from (src/domain/timeline-text.ts). */
function entryOf(
  type: string,
  payload: unknown,
): { kind: TimelineKind; actor: string; at: string; parameters: Record<string, unknown> } | null {
  switch (type) {
    case 'tasks.proposal.submitted': {
      const p = payload as Submitted;
      return {
        kind: 'PROPOSAL_SUBMITTED',
        actor: `party:${p.obligorId}`,
        at: p.submittedAt,
        parameters: {
          intent: p.intent,
          amountFen: p.amountFen ?? null,
          instalments: p.instalments?.length ?? null,
          graceMonths: p.graceMonths ?? null,
        },
      };
    }
    case 'tasks.proposal.answered': {
      const p = payload as Answered;
      return {
        kind: 'PROPOSAL_ANSWERED',
        actor: `party:${p.obligeeId}`,
        at: p.answeredAt,
        parameters: { intent: p.intent, answer: p.answer, reason: p.reason ?? null },
      };
    }
    case 'tasks.proposal.decided': {
      const p = payload as Decided;
      return {
        kind: 'PROPOSAL_DECIDED',
        actor: p.decidedBy,
        at: p.decidedAt,
        parameters: {
          intent: p.intent,
          decision: p.decision,
          reason: p.reason ?? null,
          graceMonths: p.grace?.months ?? null,
          graceReasonCode: p.grace?.reasonCode ?? null,
        },
      };
    }
    case 'tasks.proposal.expired': {
      const p = payload as Expired;
      return { kind: 'PROPOSAL_EXPIRED', actor: 'system', at: p.expiredAt, parameters: { intent: p.intent } };
    }
    default:
      return null;
  }
}

/**
 * Every step of an obligor's online proposal (submitted, answered by the rights holder, decided by
 * the court, lapsed) is on the case's timeline, once, at the time it happened in tasks. The inbox
 * makes a redelivery a no-op and the proposal id a re-published step; a step of a case cases does
 * not know is dropped.
 */
export const recordProposalStepsOnTimeline = defineHandler({
  name: 'record-proposal-steps-on-timeline',
  subject: 'tasks.proposal.*',
  handle: async (event, manager) => {
    const entry = entryOf(event.type, event.payload);
    if (!entry) return;
    const p = event.payload as { caseId: string; proposalId: string; intent: string };
    if (!(await sqlRow(manager, `SELECT 1 FROM cases."case" WHERE id = $1`, [p.caseId]))) return;
    // A step re-published under a new event id is on the timeline already.
    const known = await sqlRow(
      manager,
      `SELECT 1 FROM cases.case_timeline WHERE case_id = $1 AND kind = $2 AND parameters->>'proposalId' = $3`,
      [p.caseId, entry.kind, p.proposalId],
    );
    if (known) return;
    await addTimeline(manager, p.caseId, entry.kind, entry.actor, new Date(entry.at), {
      ...entry.parameters,
      proposalId: p.proposalId,
    });
  },
});
