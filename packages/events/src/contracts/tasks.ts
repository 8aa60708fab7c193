import { z } from 'zod';
import { defineEvent, divisionCode, fen, isoDate, isoDateTime, uuid } from './define';

/** Events produced by the tasks subgraph (stream TASKS, subjects `tasks.>`). */

export const TASK_TYPES = [
  'LOCATE_PERSON',
  'FIND_ASSETS',
  'SERVE_DOCUMENT',
  'INTERVIEW',
  'MEDIATE',
  'HOME_VISIT',
  'FOLLOW_UP_CALL',
  'CONFIRM_PAYMENT',
  'ACT_ON_ASSET_LEAD',
  'RESEARCH_ASSETS',
] as const;
export const TASK_LEVELS = ['COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export const MEETING_OUTCOMES = [
  'PAID_IN_FULL',
  'INSTALMENT_AGREED',
  'DECLARATION_FILED',
  'ABSENT',
  'REFUSED',
] as const;

const taskFields = {
  taskId: uuid(),
  caseId: uuid().nullable(),
  obligorId: uuid().nullable(),
  type: z.enum(TASK_TYPES),
  level: z.enum(TASK_LEVELS),
  divisionCode: divisionCode(),
};

/** The partner or county department the task is assigned to, if any (added in version 1; absent in older messages). */
const assigneeDepartment = z.string().nullable().optional();

export const taskCreated = defineEvent({
  type: 'tasks.task.created',
  version: 1,
  description: 'An assistance task was opened for a level and division.',
  payload: z.object({
    ...taskFields,
    assigneeId: uuid().nullable(),
    assigneeDepartment,
    dueAt: isoDateTime(),
    createdAt: isoDateTime(),
  }),
});

export const taskAssigned = defineEvent({
  type: 'tasks.task.assigned',
  version: 1,
  description: 'An open task was given to a staff member (assignTask); previousAssigneeId is who held it before.',
  payload: z.object({
    ...taskFields,
    assigneeId: uuid(),
    previousAssigneeId: uuid().nullable(),
    assigneeDepartment,
    dueAt: isoDateTime(),
    assignedAt: isoDateTime(),
  }),
});

export const taskCompleted = defineEvent({
  type: 'tasks.task.completed',
  version: 1,
  description: 'An assistance task was done (or cancelled), with its result.',
  payload: z.object({
    ...taskFields,
    assigneeDepartment,
    status: z.enum(['DONE', 'CANCELLED']),
    createdAt: isoDateTime(),
    completedAt: isoDateTime(),
    result: z.record(z.string(), z.unknown()).nullable(),
  }),
});

export const taskOverdue = defineEvent({
  type: 'tasks.task.overdue',
  version: 1,
  description: 'A task passed its due date and was escalated one level up.',
  payload: z.object({
    ...taskFields,
    dueAt: isoDateTime(),
    escalatedTo: z.enum(TASK_LEVELS),
    overdueAt: isoDateTime(),
  }),
});

export const meetingHeld = defineEvent({
  type: 'tasks.meeting.held',
  version: 1,
  description: 'A village enforcement meeting was closed with its figures and each invitee outcome.',
  payload: z.object({
    meetingId: uuid(),
    villageCode: divisionCode(),
    townshipCode: divisionCode().nullable(),
    heldAt: isoDateTime(),
    invited: z.number().int().nonnegative(),
    attended: z.number().int().nonnegative(),
    paidInFull: z.number().int().nonnegative(),
    instalmentPlans: z.number().int().nonnegative(),
    outcomes: z.array(
      z.object({
        partyId: uuid(),
        caseId: uuid(),
        outcome: z.enum(MEETING_OUTCOMES),
        amountFen: fen().nullable(),
        instalments: z.array(z.object({ dueDate: isoDate(), amountFen: fen() })).nullable(),
      }),
    ),
  }),
});

export const formSubmitted = defineEvent({
  type: 'tasks.form.submitted',
  version: 1,
  description: 'A whereabouts-and-property feedback form or a property-and-income declaration was submitted.',
  payload: z.object({
    formId: uuid(),
    formType: z.enum(['WHEREABOUTS_FEEDBACK', 'PROPERTY_DECLARATION']),
    partyId: uuid(),
    caseId: uuid().nullable(),
    taskId: uuid().nullable(),
    submittedAt: isoDateTime(),
    /** The answers people-credit needs for the capacity profile. */
    summary: z.object({
      found: z.boolean().nullable(),
      monthlyIncomeFen: fen().nullable(),
      assetsValueFen: fen().nullable(),
      debtsFen: fen().nullable(),
      dependants: z.number().int().nonnegative().nullable(),
      assetsSeen: z.array(z.string()),
    }),
  }),
});

export const notificationSent = defineEvent({
  type: 'tasks.notification.sent',
  version: 1,
  description: 'An SMS notice reached a final state (sent, delivered or failed).',
  payload: z.object({
    notificationId: uuid(),
    template: z.string(),
    recipientPartyId: uuid().nullable(),
    recipientRole: z.string(),
    caseId: uuid().nullable(),
    status: z.enum(['SENT', 'DELIVERED', 'FAILED']),
    at: isoDateTime(),
  }),
});

/** What an obligor coming forward online (主动履行) asks for. */
export const PROPOSAL_INTENTS = ['PAY_NOW', 'PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE'] as const;
export const PROPOSAL_STATUSES = ['SUBMITTED', 'CONSENTED', 'DECLINED', 'ACCEPTED', 'REJECTED', 'EXPIRED'] as const;
/** Why the court grants a grace period (宽限期), recorded on the credit profile. */
export const GRACE_REASON_CODES = [
  'ILLNESS',
  'DISABILITY',
  'OLD_AGE',
  'UNEMPLOYMENT',
  'BUSINESS_DIFFICULTY',
  'NATURAL_DISASTER',
  'OTHER_HARDSHIP',
] as const;

const proposalFields = {
  proposalId: uuid(),
  caseId: uuid(),
  obligorId: uuid(),
  intent: z.enum(PROPOSAL_INTENTS),
  villageCode: divisionCode().nullable(),
  townshipCode: divisionCode().nullable(),
};
const schedule = z.array(z.object({ dueDate: isoDate(), amountFen: fen() }));

export const proposalSubmitted = defineEvent({
  type: 'tasks.proposal.submitted',
  version: 1,
  description: 'An obligor came forward online with a proposal: pay now, instalments, a settlement or a grace period.',
  payload: z.object({
    ...proposalFields,
    /** PAY_NOW: the amount declared; PROPOSE_SETTLEMENT: the amount offered; PROPOSE_INSTALMENTS: the schedule total. */
    amountFen: fen().nullable(),
    terms: z.string().nullable(),
    instalments: schedule.nullable(),
    graceMonths: z.number().int().min(1).max(3).nullable(),
    submittedAt: isoDateTime(),
    expiresAt: isoDateTime(),
  }),
});

export const proposalAnswered = defineEvent({
  type: 'tasks.proposal.answered',
  version: 1,
  description:
    "The rights holder consented to an obligor's settlement or instalment proposal, or declined it with a reason.",
  payload: z.object({
    ...proposalFields,
    obligeeId: uuid(),
    answer: z.enum(['ACCEPT', 'DECLINE']),
    reason: z.string().nullable(),
    status: z.enum(['CONSENTED', 'DECLINED']),
    answeredAt: isoDateTime(),
    expiresAt: isoDateTime(),
  }),
});

export const proposalDecided = defineEvent({
  type: 'tasks.proposal.decided',
  version: 1,
  description:
    "The court decided an obligor's proposal: accepted (the settlement or plan to record, or the grace period to grant) or rejected with a reason.",
  payload: z.object({
    ...proposalFields,
    decision: z.enum(['ACCEPT', 'REJECT']),
    reason: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: isoDateTime(),
    /** Accepted PROPOSE_SETTLEMENT / PROPOSE_INSTALMENTS: what cases records through its agree-settlement command. */
    settlement: z
      .object({ kind: z.enum(['SETTLEMENT', 'INSTALMENT_PLAN']), terms: z.string(), instalments: schedule })
      .nullable(),
    /** Accepted REQUEST_GRACE: what people-credit records on the credit profile. */
    grace: z.object({ months: z.number().int().min(1).max(3), reasonCode: z.enum(GRACE_REASON_CODES) }).nullable(),
  }),
});

export const proposalExpired = defineEvent({
  type: 'tasks.proposal.expired',
  version: 1,
  description: 'A proposal was left unanswered past its deadline (working days on the court calendar) and lapsed.',
  payload: z.object({ ...proposalFields, status: z.enum(['SUBMITTED', 'CONSENTED']), expiredAt: isoDateTime() }),
});

export const tasksContracts = [
  taskCreated,
  taskAssigned,
  taskCompleted,
  taskOverdue,
  meetingHeld,
  formSubmitted,
  notificationSent,
  proposalSubmitted,
  proposalAnswered,
  proposalDecided,
  proposalExpired,
] as const;
