import { CourtCalendar, errors, type ScheduledInstalment } from '@zhiyuan/kernel';
import type { PROPOSAL_INTENTS, PROPOSAL_STATUSES } from '@zhiyuan/events';

export type ProposalIntent = (typeof PROPOSAL_INTENTS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type ProposalDecision = 'ACCEPT' | 'REJECT';

/**
 * The states of an obligor's proposal (主动履行):
 *
 * ```
 *  SUBMITTED ──(rights holder ACCEPT)──► CONSENTED ──(court ACCEPT)──► ACCEPTED
 *      │ └─────(rights holder DECLINE)─► DECLINED          └─(court REJECT)──► REJECTED
 *      ├──(court REJECT)──► REJECTED
 *      ├──(court ACCEPT, grace and pay-now only)──► ACCEPTED
 *      └──(deadline passed, SUBMITTED or CONSENTED)──► EXPIRED
 * ```
 *
 * A settlement or instalment plan is an agreement between the parties, so the rights holder consents
 * before the court may accept it; the court may reject it at any time while it is open. A grace
 * period is the court's own decision, and a payment declared at the village is the officer's to
 * confirm: neither asks the rights holder.
 */
export const OPEN_PROPOSAL_STATUSES = ['SUBMITTED', 'CONSENTED'] as const satisfies readonly ProposalStatus[];

export function isOpenProposal(status: ProposalStatus): boolean {
  return (OPEN_PROPOSAL_STATUSES as readonly ProposalStatus[]).includes(status);
}

/** Whether the rights holder must consent before the court decides. */
export function needsConsent(intent: ProposalIntent): boolean {
  return intent === 'PROPOSE_INSTALMENTS' || intent === 'PROPOSE_SETTLEMENT';
}

/** The rights holder's answer: only to a settlement or plan, only while it waits for it. */
export function answerTransition(intent: ProposalIntent, status: ProposalStatus, answer: 'ACCEPT' | 'DECLINE') {
  const to: ProposalStatus = answer === 'ACCEPT' ? 'CONSENTED' : 'DECLINED';
  if (!needsConsent(intent))
    throw errors.rule(
      'CONSENT_NOT_ASKED',
      'This proposal is decided by the court alone; the rights holder is not asked',
    );
  if (status !== 'SUBMITTED') throw errors.invalidTransition(status, to, 'proposal');
  return to;
}

/** The court's decision: a settlement or plan is accepted only once the rights holder consented. */
export function decisionTransition(
  intent: ProposalIntent,
  status: ProposalStatus,
  decision: ProposalDecision,
): ProposalStatus {
  const to: ProposalStatus = decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
  if (!isOpenProposal(status)) throw errors.invalidTransition(status, to, 'proposal');
  if (decision === 'ACCEPT' && needsConsent(intent) && status !== 'CONSENTED')
    throw errors.rule('OBLIGEE_CONSENT_FIRST', 'The rights holder has not consented to this proposal yet');
  return to;
}

/** Whether an open proposal has lapsed at `now`. */
export function hasExpired(p: { status: ProposalStatus; expiresAt: Date }, now: Date): boolean {
  return isOpenProposal(p.status) && p.expiresAt.getTime() <= now.getTime();
}

/**
 * When an open proposal lapses: `workingDays` working days on the court calendar after `from` (its
 * submission, and again after the rights holder's consent, when it waits for the court).
 */
export function expiryOf(calendar: CourtCalendar, from: Date, workingDays: number): Date {
  return calendar.shiftWorkingDays(from, workingDays);
}

/** What cases records when the court accepts a settlement or plan proposal. */
export function settlementOf(p: {
  intent: ProposalIntent;
  terms: string | null;
  amountFen: number | null;
  paidOn: string | null;
  instalments: ScheduledInstalment[] | null;
}): { kind: 'SETTLEMENT' | 'INSTALMENT_PLAN'; terms: string; instalments: ScheduledInstalment[] } | null {
  if (p.intent === 'PROPOSE_INSTALMENTS')
    return { kind: 'INSTALMENT_PLAN', terms: p.terms ?? '分期履行', instalments: p.instalments ?? [] };
  if (p.intent === 'PROPOSE_SETTLEMENT')
    return {
      kind: 'SETTLEMENT',
      terms: p.terms ?? '执行和解',
      instalments: [{ dueDate: p.paidOn!, amountFen: p.amountFen! }],
    };
  return null;
}
