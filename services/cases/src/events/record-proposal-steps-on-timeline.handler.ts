import { defineHandler, sqlRow } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { addTimeline, type TimelineKind } from '../commands/shared/timeline';

type Submitted = EventPayload<'tasks.proposal.submitted'>;
type Answered = EventPayload<'tasks.proposal.answered'>;
type Decided = EventPayload<'tasks.proposal.decided'>;
type Expired = EventPayload<'tasks.proposal.expired'>;

const INTENTS: Record<Submitted['intent'], string> = {
  PAY_NOW: 'payment declared at the village',
  PROPOSE_INSTALMENTS: 'instalment plan',
  PROPOSE_SETTLEMENT: 'settlement',
  REQUEST_GRACE: 'grace period',
};

function entryOf(
  type: string,
  payload: unknown,
): { kind: TimelineKind; actor: string; at: string; summary: string } | null {
  switch (type) {
    case 'tasks.proposal.submitted': {
      const p = payload as Submitted;
      const what =
        p.intent === 'REQUEST_GRACE'
          ? `${p.graceMonths} month(s)`
          : p.intent === 'PROPOSE_INSTALMENTS'
            ? `${p.amountFen} fen in ${p.instalments?.length ?? 0} instalment(s)`
            : `${p.amountFen} fen`;
      return {
        kind: 'PROPOSAL_SUBMITTED',
        actor: `party:${p.obligorId}`,
        at: p.submittedAt,
        summary: `The obligor came forward online: ${INTENTS[p.intent]}, ${what}`,
      };
    }
    case 'tasks.proposal.answered': {
      const p = payload as Answered;
      return {
        kind: 'PROPOSAL_ANSWERED',
        actor: `party:${p.obligeeId}`,
        at: p.answeredAt,
        summary: `The rights holder ${p.answer === 'ACCEPT' ? 'consented to' : 'declined'} the ${INTENTS[p.intent]}${p.reason ? `: ${p.reason}` : ''}`,
      };
    }
    case 'tasks.proposal.decided': {
      const p = payload as Decided;
      const grace = p.grace ? ` (${p.grace.months} month(s), ${p.grace.reasonCode})` : '';
      return {
        kind: 'PROPOSAL_DECIDED',
        actor: p.decidedBy,
        at: p.decidedAt,
        summary: `The court ${p.decision === 'ACCEPT' ? 'accepted' : 'rejected'} the ${INTENTS[p.intent]}${grace}${p.reason ? `: ${p.reason}` : ''}`,
      };
    }
    case 'tasks.proposal.expired': {
      const p = payload as Expired;
      return {
        kind: 'PROPOSAL_EXPIRED',
        actor: 'system',
        at: p.expiredAt,
        summary: `The ${INTENTS[p.intent]} proposed online lapsed unanswered`,
      };
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
      `SELECT 1 FROM cases.case_timeline WHERE case_id = $1 AND kind = $2 AND detail->>'proposalId' = $3`,
      [p.caseId, entry.kind, p.proposalId],
    );
    if (known) return;
    await addTimeline(manager, p.caseId, entry.kind, entry.actor, new Date(entry.at), entry.summary, {
      proposalId: p.proposalId,
      intent: p.intent,
    });
  },
});
