import { z } from 'zod';
import { defineEvent, divisionCode, fen, isoDate, isoDateTime, uuid } from './define';

/** Events produced by the cases subgraph (stream CASES, subjects `cases.>`). */

export const CASE_OUTCOMES = [
  'PERFORMED_AFTER_URGING',
  'COMPLETED',
  'SETTLED_AND_PERFORMED',
  'TERMINATED_THIS_ROUND',
  'EXITED',
  'WITHDRAWN',
] as const;
export const caseOutcome = z.enum(CASE_OUTCOMES);
/**
 * Whether a `cases.case.transitioned` move brings a closed case back (a close undone by a payment
 * reversal, a 终本 case revived): from a state that closes a case, named as its outcome, to one that does not.
 */
export const reopensCase = (t: { from: string; to: string }): boolean =>
  (CASE_OUTCOMES as readonly string[]).includes(t.from) && !(CASE_OUTCOMES as readonly string[]).includes(t.to);
export const PAYMENT_SOURCES = ['VOLUNTARY', 'URGED', 'MEETING', 'SETTLEMENT', 'ENFORCED'] as const;

const routing = {
  villageCode: divisionCode().nullable(),
  townshipCode: divisionCode().nullable(),
};

export const judgmentEffective = defineEvent({
  type: 'cases.judgment.effective',
  version: 1,
  description: 'A judgment became effective and was taken in; carries the routing to the obligor home division.',
  payload: z.object({
    caseId: uuid(),
    caseNumber: z.string(),
    court: z.string(),
    causeCode: z.string(),
    causeCategory: z.string(),
    judgeId: uuid().nullable(),
    effectiveDate: isoDate(),
    performanceDeadline: isoDate().nullable(),
    obligorIds: z.array(uuid()).min(1),
    obligeeIds: z.array(uuid()).min(1),
    amountOwedFen: fen(),
    ...routing,
  }),
});

export const urgingStarted = defineEvent({
  type: 'cases.urging.started',
  version: 1,
  description: 'Pre-enforcement urging started: tasks sends the SMS notices and opens the village follow-up.',
  payload: z.object({
    caseId: uuid(),
    caseNumber: z.string(),
    court: z.string(),
    judgeId: uuid().nullable(),
    obligorIds: z.array(uuid()).min(1),
    obligeeIds: z.array(uuid()).min(1),
    amountOwedFen: fen(),
    deadline: isoDate(),
    startedAt: isoDateTime(),
    ...routing,
  }),
});

export const urgingEnded = defineEvent({
  type: 'cases.urging.ended',
  version: 1,
  description: 'Pre-enforcement urging ended, with the reason.',
  payload: z.object({
    caseId: uuid(),
    reason: z.enum(['PERFORMED', 'DEADLINE_PASSED', 'ENFORCEMENT_APPLIED', 'CANCELLED']),
    endedAt: isoDateTime(),
  }),
});

export const enforcementFiled = defineEvent({
  type: 'cases.enforcement.filed',
  version: 1,
  description: 'An enforcement case was filed on the rights holder application and assigned to an officer.',
  payload: z.object({
    caseId: uuid(),
    enforcementNumber: z.string(),
    caseNumber: z.string(),
    judgeId: uuid().nullable(),
    officerId: uuid().nullable(),
    obligorIds: z.array(uuid()).min(1),
    obligeeIds: z.array(uuid()).min(1),
    amountAppliedFen: fen(),
    needsService: z.boolean(),
    filedAt: isoDateTime(),
    ...routing,
  }),
});

export const performanceRecorded = defineEvent({
  type: 'cases.performance.recorded',
  version: 1,
  description: 'A payment was recorded on a case; outstandingFen is the balance after it.',
  payload: z.object({
    caseId: uuid(),
    performanceId: uuid(),
    amountFen: fen(),
    source: z.enum(PAYMENT_SOURCES),
    paidOn: isoDate(),
    outstandingFen: fen(),
    totalPaidFen: fen(),
    obligorIds: z.array(uuid()).min(1),
    recordedAt: isoDateTime(),
    /**
     * The case's routing when the payment was recorded (added in version 1; absent in older messages, so
     * a consumer that needs the division and finds none reads the case).
     */
    villageCode: divisionCode().nullable().optional(),
    townshipCode: divisionCode().nullable().optional(),
  }),
});

export const performanceReversed = defineEvent({
  type: 'cases.performance.reversed',
  version: 1,
  description:
    'A payment recorded in error was reversed by a compensating entry: the payment as it was recorded, the balance after the reversal, and whether the reversal re-opened the case it had closed (then `state` is where the case went back to, and cases.case.transitioned follows).',
  payload: z.object({
    caseId: uuid(),
    reversalId: uuid(),
    performanceId: uuid(),
    amountFen: fen(),
    source: z.enum(PAYMENT_SOURCES),
    paidOn: isoDate(),
    recordedAt: isoDateTime(),
    reason: z.string(),
    outstandingFen: fen(),
    totalPaidFen: fen(),
    reopened: z.boolean(),
    state: z.string(),
    obligorIds: z.array(uuid()).min(1),
    reversedAt: isoDateTime(),
    ...routing,
  }),
});

export const instalmentMissed = defineEvent({
  type: 'cases.instalment.missed',
  version: 1,
  description: 'A scheduled instalment of a settlement or plan was not paid by its due date.',
  payload: z.object({
    caseId: uuid(),
    planId: uuid(),
    instalmentNo: z.number().int().positive(),
    dueDate: isoDate(),
    amountFen: fen(),
    obligorIds: z.array(uuid()).min(1),
  }),
});

export const caseClosed = defineEvent({
  type: 'cases.case.closed',
  version: 1,
  description: 'A case closed: outcome, judge, whether it was urged, days open and the amounts.',
  payload: z.object({
    caseId: uuid(),
    caseNumber: z.string(),
    outcome: caseOutcome,
    judgeId: uuid().nullable(),
    officerId: uuid().nullable(),
    causeCode: z.string(),
    causeCategory: z.string(),
    urged: z.boolean(),
    enforcementFiled: z.boolean(),
    effectiveDate: isoDate(),
    closedAt: isoDateTime(),
    daysOpen: z.number().int().nonnegative(),
    amountAppliedFen: fen(),
    amountRecoveredFen: fen(),
    obligorIds: z.array(uuid()).min(1),
    ...routing,
  }),
});

export const caseRerouted = defineEvent({
  type: 'cases.case.rerouted',
  version: 1,
  description:
    'An open case followed its primary obligor to a new home division (or was routed once the party became known).',
  payload: z.object({
    caseId: uuid(),
    caseNumber: z.string(),
    partyId: uuid(),
    previousVillageCode: divisionCode().nullable(),
    previousTownshipCode: divisionCode().nullable(),
    officerId: uuid().nullable(),
    reroutedAt: isoDateTime(),
    ...routing,
  }),
});

export const officerAssigned = defineEvent({
  type: 'cases.officer.assigned',
  version: 1,
  description: 'The enforcement officer of a filed case changed (automatic routing or a manual reassignment).',
  payload: z.object({
    caseId: uuid(),
    officerId: uuid().nullable(),
    previousOfficerId: uuid().nullable(),
    reason: z.string(),
    assignedAt: isoDateTime(),
    ...routing,
  }),
});

export const caseTransitioned = defineEvent({
  type: 'cases.case.transitioned',
  version: 1,
  description:
    'A case changed state where no more specific event says so (in progress, settled, reopened, settlement broken).',
  payload: z.object({
    caseId: uuid(),
    from: z.string(),
    to: z.string(),
    reason: z.string().nullable(),
    at: isoDateTime(),
    ...routing,
  }),
});

export const settlementAgreed = defineEvent({
  type: 'cases.settlement.agreed',
  version: 1,
  description: 'An enforcement settlement or instalment plan was agreed, with its schedule.',
  payload: z.object({
    caseId: uuid(),
    settlementId: uuid(),
    kind: z.enum(['SETTLEMENT', 'INSTALMENT_PLAN']),
    totalFen: fen(),
    instalments: z.array(z.object({ no: z.number().int().positive(), dueDate: isoDate(), amountFen: fen() })).min(1),
    obligorIds: z.array(uuid()).min(1),
    agreedAt: isoDateTime(),
  }),
});

export const assetLeadReported = defineEvent({
  type: 'cases.asset_lead.reported',
  version: 1,
  description:
    'A village or township team (or court staff) filed a new asset lead on a case terminated for this round (终本): what and where, its estimated value and source; the case leads the re-search due list and its officer is to be told.',
  payload: z.object({
    caseId: uuid(),
    leadId: uuid(),
    caseNumber: z.string(),
    enforcementNumber: z.string().nullable(),
    officerId: uuid().nullable(),
    what: z.string(),
    where: z.string(),
    estimatedValueFen: fen(),
    source: z.string(),
    reportedBy: z.string(),
    reportedAt: isoDateTime(),
    obligorIds: z.array(uuid()).min(1),
    ...routing,
  }),
});

export const caseRevived = defineEvent({
  type: 'cases.case.revived',
  version: 1,
  description:
    'A case terminated for this round was reopened from an asset lead (cases.case.transitioned to IN_PROGRESS follows as well): the lead, its estimated value, and what was paid and outstanding when it came back.',
  payload: z.object({
    caseId: uuid(),
    leadId: uuid(),
    officerId: uuid().nullable(),
    judgeId: uuid().nullable(),
    estimatedValueFen: fen(),
    paidFen: fen(),
    outstandingFen: fen(),
    revivedAt: isoDateTime(),
    ...routing,
  }),
});

export const researchRecorded = defineEvent({
  type: 'cases.research.recorded',
  version: 1,
  description:
    'The periodic asset re-search of a case terminated for this round was done without a lead to reopen on: what it found, and the next due date (CASES_RESEARCH_MONTHS on).',
  payload: z.object({
    caseId: uuid(),
    officerId: uuid().nullable(),
    finding: z.string(),
    previousDue: isoDate().nullable(),
    nextResearchDue: isoDate(),
    recordedBy: z.string(),
    recordedAt: isoDateTime(),
    ...routing,
  }),
});

export const researchDue = defineEvent({
  type: 'cases.research.due',
  version: 1,
  description:
    'The periodic asset re-search of a case terminated for this round has fallen due (announced by the sweep on a working day, once per case and due date): the officer is to do it.',
  payload: z.object({
    caseId: uuid(),
    caseNumber: z.string(),
    enforcementNumber: z.string().nullable(),
    officerId: uuid().nullable(),
    dueDate: isoDate(),
    obligorIds: z.array(uuid()).min(1),
    announcedAt: isoDateTime(),
    ...routing,
  }),
});

export const casesContracts = [
  judgmentEffective,
  urgingStarted,
  urgingEnded,
  enforcementFiled,
  performanceRecorded,
  performanceReversed,
  instalmentMissed,
  caseClosed,
  caseRerouted,
  officerAssigned,
  caseTransitioned,
  settlementAgreed,
  assetLeadReported,
  caseRevived,
  researchRecorded,
  researchDue,
] as const;
