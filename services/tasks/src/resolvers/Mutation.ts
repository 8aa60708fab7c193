import { randomUUID } from 'node:crypto';
import { hasRole } from '@zhiyuan/auth';
import { DomainError, errors, parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/resolvers-types';
import {
  CaseMessageEntity,
  CasePartyEntity,
  CaseRefEntity,
  HomeVisitEntity,
  NotificationEntity,
  ObligorPlanEntity,
  PartyRefEntity,
  TaskEntity,
  TASK_STATUS_OPEN,
} from '../entities';
import { canManageTasksIn, canSeeCase, canSeePartyData, canWorkTask, deny, isCountyWide, isJudge, requireSignedIn, staffOfDivision } from '../access/scope';
import { transitionError } from '../domain/errors';
import { fileDeclaration, fileWhereaboutsFeedback } from '../domain/forms';
import { closeMeeting, lockScheduledMeeting, recordOutcome, scheduleMeeting } from '../domain/meetings';
import { finishTask, openTask } from '../domain/task-ops';
import { notificationEvent } from '../notifications/sender';
import { levelOfDivision } from '../rules/task-rules';

const uuid = z.uuid('must be an id');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const fen = z.number().int('must be whole fen').nonnegative('cannot be negative');
const isoDate = z.iso.date('must be YYYY-MM-DD');
const TASK_TYPES = ['LOCATE_PERSON', 'FIND_ASSETS', 'SERVE_DOCUMENT', 'INTERVIEW', 'MEDIATE', 'HOME_VISIT', 'FOLLOW_UP_CALL'] as const;
const LEVELS = ['COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;

const createTaskSchema = z
  .object({
    caseId: uuid,
    obligorId: uuid.nullish(),
    type: z.enum(TASK_TYPES),
    level: z.enum(LEVELS),
    divisionCode: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'must be a 6, 9 or 12 digit division code'),
    title: text(200),
    note: optionalText(2000),
    assigneeId: uuid.nullish(),
    assigneeDepartment: optionalText(100),
    dueAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
  })
  .refine((i) => levelOfDivision(i.divisionCode) === i.level, { path: ['divisionCode'], message: 'does not match the level (county 6 digits, township 9, village 12)' });

const completeSchema = z.object({
  id: uuid,
  outcome: z.enum(['ACCOMPLISHED', 'PARTIAL', 'NOT_ACCOMPLISHED']),
  summary: text(2000),
  contactMade: z.boolean().nullish(),
});

const sighting = z.object({ seen: z.boolean(), note: optionalText(500) });
const feedbackSchema = z
  .object({
    taskId: uuid,
    found: z.boolean(),
    whereabouts: optionalText(500),
    contact: optionalText(100),
    employment: optionalText(200),
    assets: z.object({ realEstate: sighting, vehicles: sighting, deposits: sighting, business: sighting, estimatedValueFen: fen.nullish() }),
    notes: optionalText(2000),
  })
  .refine((f) => !f.found || !!f.whereabouts, { path: ['whereabouts'], message: 'is required when the obligor was found' });

const declarationSchema = z.object({
  partyId: uuid,
  caseId: uuid.nullish(),
  monthlyIncomeFen: fen,
  assets: z.array(z.object({ kind: z.enum(['REAL_ESTATE', 'VEHICLE', 'DEPOSIT', 'BUSINESS', 'OTHER']), description: text(500), valueFen: fen })).max(100),
  debtsFen: fen,
  dependants: z.number().int().min(0, 'cannot be negative').max(50),
  signedOn: isoDate,
});

const meetingSchema = z.object({
  villageCode: z.string().regex(/^\d{12}$/, 'must be a 12 digit village code'),
  title: text(200),
  venue: text(200),
  scheduledAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
});

const outcomeSchema = z
  .object({
    meetingId: uuid,
    partyId: uuid,
    caseId: uuid,
    outcome: z.enum(['PAID_IN_FULL', 'INSTALMENT_AGREED', 'DECLARATION_FILED', 'ABSENT', 'REFUSED']),
    amountFen: fen.nullish(),
    instalments: z.array(z.object({ dueDate: isoDate, amountFen: fen.positive('must be more than zero') })).max(60).nullish(),
    note: optionalText(1000),
  })
  .refine((o) => o.outcome !== 'PAID_IN_FULL' || (o.amountFen ?? 0) > 0, { path: ['amountFen'], message: 'is required for PAID_IN_FULL' })
  .refine((o) => o.outcome !== 'INSTALMENT_AGREED' || (o.instalments?.length ?? 0) > 0, { path: ['instalments'], message: 'are required for INSTALMENT_AGREED' });

const planSchema = z.object({ partyId: uuid, caseId: uuid.nullish(), approach: text(2000), nextSteps: z.array(text(500)).max(50), ownerId: uuid.nullish() });
const visitSchema = z.object({ partyId: uuid, caseId: uuid.nullish(), visitedOn: isoDate, summary: text(2000) });

const idSchema = z.object({ id: uuid });
const assignTaskSchema = z.object({ id: uuid, assigneeId: uuid });
const cancelTaskSchema = z.object({ id: uuid, reason: text(500) });
const caseIdSchema = z.object({ caseId: uuid });
const caseMessageSchema = z.object({ caseId: uuid, body: text(2000) });

async function lockTask(m: EntityManager, id: string): Promise<TaskEntity> {
  const t = await m.getRepository(TaskEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!t) throw errors.notFound('Task', id);
  return t;
}

async function requireActiveStaff(m: EntityManager, staffId: string, field: string): Promise<{ divisionCode: string | null }> {
  const [staff] = await m.query(`SELECT division_code AS "divisionCode" FROM tasks.staff_ref WHERE staff_id = $1 AND active`, [staffId]);
  if (!staff) throw new DomainError('NOT_FOUND', `Staff ${staffId} was not found`, { entity: 'Staff', id: staffId, field });
  return staff;
}

/**
 * A task goes to staff of its own division or of a level above it (the village's cadres, its
 * township's staff, county staff), never to a cadre of another village or township.
 */
async function requireAssignee(m: EntityManager, staffId: string, taskDivisionCode: string, field: string): Promise<void> {
  const { divisionCode } = await requireActiveStaff(m, staffId, field);
  if (!divisionCode || !taskDivisionCode.startsWith(divisionCode)) {
    throw new DomainError('RULE_VIOLATION', `This staff member works outside division ${taskDivisionCode} and cannot take its tasks`, { rule: 'ASSIGNEE_OF_DIVISION', field });
  }
}

/** The judge of a case, from the case projection (null when unknown). */
async function judgeOfCase(m: EntityManager, caseId: string | null): Promise<string | null> {
  if (!caseId) return null;
  const [row] = await m.query(`SELECT judge_id FROM tasks.case_ref WHERE case_id = $1`, [caseId]);
  return row?.judge_id ?? null;
}

function notObligor(field: string): DomainError {
  return new DomainError('RULE_VIOLATION', 'This party is not an obligor of the case', { rule: 'OBLIGOR_OF_CASE', field });
}

function requireOpen(t: TaskEntity, to: string): void {
  if (!TASK_STATUS_OPEN.includes(t.status)) throw transitionError('A task', t.status, to);
}

async function requireCase(m: EntityManager, caseId: string): Promise<{ ref: CaseRefEntity; parties: CasePartyEntity[] }> {
  const ref = await m.getRepository(CaseRefEntity).findOneBy({ caseId });
  if (!ref) throw new DomainError('NOT_FOUND', `Case ${caseId} was not found`, { entity: 'Case', id: caseId, field: 'caseId' });
  return { ref, parties: await m.getRepository(CasePartyEntity).findBy({ caseId }) };
}

/** Staff who keep obligor plans and visit logs: county-wide roles and division staff of the party's home division. */
async function requirePartyInScope(m: EntityManager, ctx: Context, partyId: string): Promise<PartyRefEntity> {
  const party = await m.getRepository(PartyRefEntity).findOneBy({ partyId });
  if (!party) throw errors.notFound('Party', partyId);
  if (!(isCountyWide(ctx.identity) || staffOfDivision(ctx.identity, party.homeDivisionCode))) deny();
  return party;
}

/** A plan or visit about a case: the case exists here and the party is one of its obligors. */
async function requireObligorCase(m: EntityManager, partyId: string, caseId: string | null | undefined): Promise<void> {
  if (!caseId) return;
  const { parties } = await requireCase(m, caseId);
  if (!parties.some((p) => p.partyId === partyId && p.role === 'OBLIGOR')) throw notObligor('caseId');
}

function requireMeetingScope(ctx: Context, villageCode: string): void {
  requireSignedIn(ctx.identity);
  if (!(hasRole(ctx.identity, 'ADMIN', 'JUDGE') || staffOfDivision(ctx.identity, villageCode))) deny('This village is outside your division');
}

export const Mutation: MutationResolvers = {
  createTask: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(createTaskSchema, input);
    // A judge may open tasks on the cases they preside, which is known once the case is read.
    if (!canManageTasksIn(ctx.identity, i.divisionCode, null) && !isJudge(ctx.identity)) deny('You cannot open tasks in this division');
    const now = new Date();
    if (Date.parse(i.dueAt) <= now.getTime()) throw errors.validation('dueAt', 'dueAt must be in the future');
    return ctx.runtime.messaging.transaction(async (m, emit) => {
      const { ref, parties } = await requireCase(m, i.caseId);
      if (!canManageTasksIn(ctx.identity, i.divisionCode, ref.judgeId)) deny('You cannot open tasks on this case');
      if (ref.status !== 'OPEN') throw errors.rule('CASE_OPEN', 'The case is closed; no new tasks');
      if (i.obligorId && !parties.some((p) => p.partyId === i.obligorId && p.role === 'OBLIGOR')) throw notObligor('obligorId');
      if (i.assigneeId) await requireAssignee(m, i.assigneeId, i.divisionCode, 'assigneeId');
      const task = await openTask(m, emit, {
        caseId: i.caseId,
        obligorId: i.obligorId ?? null,
        type: i.type,
        level: i.level,
        divisionCode: i.divisionCode,
        title: i.title,
        note: i.note ?? null,
        assigneeId: i.assigneeId ?? null,
        assigneeDepartment: i.assigneeDepartment ?? null,
        dueAt: new Date(i.dueAt),
        origin: 'MANUAL',
        createdBy: ctx.identity.sub,
        now,
      });
      return task!;
    });
  },

  assignTask: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { id, assigneeId } = parseInput(assignTaskSchema, args);
    return ctx.runtime.messaging.transaction(async (m) => {
      const t = await lockTask(m, id);
      if (!canManageTasksIn(ctx.identity, t.divisionCode, await judgeOfCase(m, t.caseId))) deny();
      requireOpen(t, t.status);
      await requireAssignee(m, assigneeId, t.divisionCode, 'assigneeId');
      await m.query(`UPDATE tasks.task SET assignee_id = $2, updated_at = now() WHERE id = $1`, [id, assigneeId]);
      return m.getRepository(TaskEntity).findOneByOrFail({ id });
    });
  },

  startTask: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { id } = parseInput(idSchema, args);
    return ctx.runtime.messaging.transaction(async (m) => {
      const t = await lockTask(m, id);
      if (!canWorkTask(ctx.identity, t)) deny();
      if (t.status !== 'OPEN') throw transitionError('A task', t.status, 'IN_PROGRESS');
      await m.query(`UPDATE tasks.task SET status = 'IN_PROGRESS', started_at = now(), updated_at = now() WHERE id = $1`, [id]);
      return m.getRepository(TaskEntity).findOneByOrFail({ id });
    });
  },

  completeTask: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(completeSchema, input);
    return ctx.runtime.messaging.transaction(async (m, emit) => {
      const t = await lockTask(m, i.id);
      if (!canWorkTask(ctx.identity, t)) deny();
      requireOpen(t, 'DONE');
      return finishTask(m, emit, t, 'DONE', { result: { outcome: i.outcome, summary: i.summary, contactMade: i.contactMade ?? null, formId: null } }, new Date());
    });
  },

  cancelTask: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { id, reason } = parseInput(cancelTaskSchema, args);
    return ctx.runtime.messaging.transaction(async (m, emit) => {
      const t = await lockTask(m, id);
      if (!canManageTasksIn(ctx.identity, t.divisionCode, await judgeOfCase(m, t.caseId))) deny();
      requireOpen(t, 'CANCELLED');
      return finishTask(m, emit, t, 'CANCELLED', { cancelReason: reason }, new Date());
    });
  },

  submitWhereaboutsFeedback: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(feedbackSchema, input);
    return ctx.runtime.messaging.transaction(async (m, emit) => {
      const t = await lockTask(m, i.taskId);
      if (!canWorkTask(ctx.identity, t)) deny();
      if (t.type !== 'LOCATE_PERSON' && t.type !== 'FIND_ASSETS') throw errors.rule('FEEDBACK_FORM_TASK', 'The feedback form answers a LOCATE_PERSON or FIND_ASSETS task');
      if (!t.obligorId) throw errors.rule('FEEDBACK_FORM_TASK', 'The task names no obligor');
      requireOpen(t, 'DONE');
      return fileWhereaboutsFeedback(m, emit, t, i, ctx.identity.sub, new Date());
    });
  },

  fileDeclaration: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(declarationSchema, input);
    if (Date.parse(i.signedOn) > Date.now()) throw errors.validation('signedOn', 'signedOn cannot be in the future');
    return ctx.runtime.messaging.transaction(async (m, emit) => {
      const party = await m.getRepository(PartyRefEntity).findOneBy({ partyId: i.partyId });
      if (!party && !isCountyWide(ctx.identity) && ctx.identity.partyId !== i.partyId) throw errors.notFound('Party', i.partyId);
      if (!canSeePartyData(ctx.identity, i.partyId, party?.homeDivisionCode)) deny('You can file a declaration only for yourself or for a party of your division');
      if (i.caseId) {
        const { parties } = await requireCase(m, i.caseId);
        if (!parties.some((p) => p.partyId === i.partyId && p.role === 'OBLIGOR')) throw notObligor('caseId');
      }
      return fileDeclaration(m, emit, i, ctx.identity.sub, new Date());
    });
  },

  scheduleMeeting: async (_p, { input }, ctx) => {
    const i = parseInput(meetingSchema, input);
    requireMeetingScope(ctx, i.villageCode);
    return scheduleMeeting(ctx.runtime, ctx.identity, { ...i, scheduledAt: new Date(i.scheduledAt) }, new Date());
  },

  recordMeetingOutcome: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(outcomeSchema, input);
    return ctx.runtime.messaging.transaction(async (m) => {
      const meeting = await lockScheduledMeeting(m, i.meetingId, 'HELD');
      requireMeetingScope(ctx, meeting.villageCode);
      await recordOutcome(m, i, new Date());
      return meeting;
    });
  },

  closeMeeting: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { id } = parseInput(idSchema, args);
    return closeMeeting(ctx.runtime, id, new Date(), (meeting) => requireMeetingScope(ctx, meeting.villageCode));
  },

  cancelMeeting: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { id } = parseInput(idSchema, args);
    return ctx.runtime.messaging.transaction(async (m) => {
      const meeting = await lockScheduledMeeting(m, id, 'CANCELLED');
      requireMeetingScope(ctx, meeting.villageCode);
      await m.query(`UPDATE tasks.meeting SET status = 'CANCELLED' WHERE id = $1`, [id]);
      return { ...meeting, status: 'CANCELLED' as const };
    });
  },

  postCaseMessage: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { caseId, body } = parseInput(caseMessageSchema, args);
    return ctx.runtime.messaging.transaction(async (m) => {
      const { ref, parties } = await requireCase(m, caseId);
      if (!canSeeCase(ctx.identity, ref, parties.map((p) => p.partyId))) deny('You are not on this case');
      const id = randomUUID();
      await m.query(`INSERT INTO tasks.case_message (id, case_id, author_sub, author_role, body) VALUES ($1, $2, $3, $4, $5)`, [id, caseId, ctx.identity.sub, ctx.identity.roles[0], body]);
      // Writing a message means having read the thread up to it.
      await m.query(
        `INSERT INTO tasks.case_message_read (case_id, reader_sub, last_read_at) VALUES ($1, $2, now())
         ON CONFLICT (case_id, reader_sub) DO UPDATE SET last_read_at = now()`,
        [caseId, ctx.identity.sub],
      );
      return m.getRepository(CaseMessageEntity).findOneByOrFail({ id });
    });
  },

  markCaseMessagesRead: async (_p, args, ctx) => {
    requireSignedIn(ctx.identity);
    const { caseId } = parseInput(caseIdSchema, args);
    return ctx.runtime.messaging.transaction(async (m) => {
      const { ref, parties } = await requireCase(m, caseId);
      if (!canSeeCase(ctx.identity, ref, parties.map((p) => p.partyId))) deny('You are not on this case');
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM tasks.case_message msg
         LEFT JOIN tasks.case_message_read r ON r.case_id = msg.case_id AND r.reader_sub = $2
         WHERE msg.case_id = $1 AND msg.author_sub <> $2 AND (r.last_read_at IS NULL OR msg.created_at > r.last_read_at)`,
        [caseId, ctx.identity.sub],
      );
      await m.query(
        `INSERT INTO tasks.case_message_read (case_id, reader_sub, last_read_at) VALUES ($1, $2, now())
         ON CONFLICT (case_id, reader_sub) DO UPDATE SET last_read_at = now()`,
        [caseId, ctx.identity.sub],
      );
      return n;
    });
  },

  saveObligorPlan: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(planSchema, input);
    return ctx.runtime.messaging.transaction(async (m) => {
      await requirePartyInScope(m, ctx, i.partyId);
      await requireObligorCase(m, i.partyId, i.caseId);
      if (i.ownerId) await requireActiveStaff(m, i.ownerId, 'ownerId');
      await m.query(
        `INSERT INTO tasks.obligor_plan (party_id, case_id, approach, next_steps, owner_staff_id, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (party_id) DO UPDATE SET case_id = EXCLUDED.case_id, approach = EXCLUDED.approach, next_steps = EXCLUDED.next_steps,
           owner_staff_id = EXCLUDED.owner_staff_id, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [i.partyId, i.caseId ?? null, i.approach, JSON.stringify(i.nextSteps), i.ownerId ?? null, ctx.identity.sub],
      );
      return m.getRepository(ObligorPlanEntity).findOneByOrFail({ partyId: i.partyId });
    });
  },

  logHomeVisit: async (_p, { input }, ctx) => {
    requireSignedIn(ctx.identity);
    const i = parseInput(visitSchema, input);
    if (Date.parse(i.visitedOn) > Date.now()) throw errors.validation('visitedOn', 'visitedOn cannot be in the future');
    return ctx.runtime.messaging.transaction(async (m) => {
      await requirePartyInScope(m, ctx, i.partyId);
      await requireObligorCase(m, i.partyId, i.caseId);
      const id = randomUUID();
      await m.query(`INSERT INTO tasks.home_visit (id, party_id, case_id, visited_on, visitor_sub, summary) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        i.partyId,
        i.caseId ?? null,
        i.visitedOn,
        ctx.identity.sub,
        i.summary,
      ]);
      return m.getRepository(HomeVisitEntity).findOneByOrFail({ id });
    });
  },

  markNotificationDelivered: async (_p, args, ctx) => {
    if (!hasRole(ctx.identity, 'ADMIN')) deny('Only the SMS gateway integration (ADMIN) records delivery receipts');
    const { id } = parseInput(idSchema, args);
    return ctx.runtime.messaging.transaction(async (m, emit) => {
      const n = await m.getRepository(NotificationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!n) throw errors.notFound('Notification', id);
      if (n.status !== 'SENT') throw transitionError('A notification', n.status, 'DELIVERED');
      const now = new Date();
      await m.query(`UPDATE tasks.notification SET status = 'DELIVERED', delivered_at = $2 WHERE id = $1`, [id, now]);
      await emit('tasks.notification.sent', notificationEvent(n, 'DELIVERED', now), { key: n.caseId ?? n.id });
      return m.getRepository(NotificationEntity).findOneByOrFail({ id });
    });
  },
};

