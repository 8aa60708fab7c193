import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import type { Role } from '@zhiyuan/auth';
import { errors, parseInput, requireRole } from '@zhiyuan/server';
import { PAYMENT_SOURCES } from '@zhiyuan/events';
import { CaseEntity } from '../entities';
import { intakeJudgments } from '../app/intake';
import { judgmentInputSchema, validateJudgment, type JudgmentInput } from '../app/judgment-input';
import { changeState, fileEnforcement, lockCase, reassignOfficer, startUrging, type CommandContext } from '../app/lifecycle';
import { recordPayment } from '../app/payments';
import { agreeSettlement } from '../app/settlements';
import { requireCaseAccess } from '../domain/access';
import { courtDate, isValidDate } from '../domain/dates';
import { CASE_STATES } from '../domain/state-machine';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/resolvers-types';

const uuid = z.uuid('must be a UUID');
const date = z.string().refine(isValidDate, 'must be a date YYYY-MM-DD');
const positiveFen = z.number().int().positive('must be more than zero').max(Number.MAX_SAFE_INTEGER);
const reason = z.string().trim().min(2, 'give a reason').max(500);
const optionalDate = date.nullish();

const caseIdInput = z.object({ caseId: uuid });
const fileEnforcementInput = z.object({ caseId: uuid, enforcementNumber: z.string().min(1), amountAppliedFen: positiveFen.nullish(), needsService: z.boolean().nullish() });
const reassignOfficerInput = z.object({ caseId: uuid, officerId: uuid, reason });
const changeCaseStateInput = z.object({ caseId: uuid, to: z.enum(CASE_STATES), reason });
const recordPaymentInput = z.object({ caseId: uuid, amountFen: positiveFen, paidOn: date, channel: z.string().trim().min(1).max(50), source: z.enum(PAYMENT_SOURCES).nullish() });
const agreeSettlementInput = z.object({
  caseId: uuid,
  kind: z.enum(['SETTLEMENT', 'INSTALMENT_PLAN']),
  terms: z.string().trim().min(2, 'state the terms').max(4000),
  instalments: z.array(z.object({ dueDate: date, amountFen: positiveFen })).min(1, 'needs at least one instalment').max(120),
  agreedOn: optionalDate,
});

/** Who may work a case: the judge presiding it, or the officer whose township it is in. */
const CASE_WORKERS: Role[] = ['JUDGE', 'ENFORCEMENT_OFFICER'];
const JUDGES: Role[] = ['JUDGE'];

const commandContext = (ctx: Context): CommandContext => ({ actor: ctx.identity.sub, now: new Date(), settings: ctx.settings });

/** Runs a command on one locked case after checking the caller may act on it. */
async function onCase<R>(ctx: Context, caseId: string, roles: Role[], work: (c: CaseEntity, manager: EntityManager, emit: Emit) => Promise<R>): Promise<R> {
  requireRole(ctx.identity, ...roles);
  parseInput(caseIdInput, { caseId });
  try {
    return await ctx.runtime.messaging.transaction(async (manager, emit) => {
      const c = await lockCase(manager, caseId);
      requireCaseAccess(ctx.identity, c, roles);
      return work(c, manager, emit);
    });
  } catch (err) {
    // Two clerks racing for one enforcement number: the unique index decides, the loser gets CONFLICT.
    if ((err as { code?: string }).code === '23505') throw errors.conflict('That number is already in use', { detail: (err as { constraint?: string }).constraint ?? null });
    throw err;
  }
}

export const Mutation: MutationResolvers = {
  takeInJudgment: async (_p, { input }, ctx) => {
    requireRole(ctx.identity, ...JUDGES);
    const judgment = parseInput(judgmentInputSchema, input);
    const result = await ctx.runtime.messaging.transaction((manager) => intakeJudgments(manager, [judgment], ctx.settings, ctx.identity.sub, new Date()));
    ctx.runtime.messaging.relay.kick();
    if (result.inserted.length === 0) throw errors.conflict(`Judgment ${judgment.caseNumber} was already taken in`, { field: 'caseNumber' });
    return (await ctx.runtime.ds.getRepository(CaseEntity).findOneBy({ id: result.inserted[0]!.id }))!;
  },

  importJudgments: async (_p, { judgments }, ctx) => {
    requireRole(ctx.identity, ...JUDGES);
    if (judgments.length > ctx.settings.importMutationMax) {
      throw errors.validation('judgments', `At most ${ctx.settings.importMutationMax} judgments per call; use the import command for more`);
    }
    const rejected: { row: number; field: string; reason: string }[] = [];
    const valid: JudgmentInput[] = [];
    for (const [row, raw] of judgments.entries()) {
      const v = validateJudgment(raw);
      if (v.ok) valid.push(v.value);
      else rejected.push(...v.issues.map((i) => ({ row, ...i })));
    }
    const result = await ctx.runtime.messaging.transaction((manager) => intakeJudgments(manager, valid, ctx.settings, ctx.identity.sub, new Date()));
    ctx.runtime.messaging.relay.kick();
    const ids = result.inserted.map((i) => i.id);
    const cases = ids.length ? await ctx.loaders.case.loadMany(ids) : [];
    return { imported: ids.length, skipped: result.skipped.length, rejected, cases: cases.filter((c): c is CaseEntity => c instanceof CaseEntity) };
  },

  startUrging: (_p, { caseId, deadline }, ctx) => {
    const until = parseInput(optionalDate, deadline) ?? null;
    return onCase(ctx, caseId, JUDGES, async (c, manager, emit) => {
      await startUrging(manager, emit, c, until, commandContext(ctx));
      return c;
    });
  },

  fileEnforcement: (_p, { input }, ctx) => {
    const i = parseInput(fileEnforcementInput, input);
    return onCase(ctx, i.caseId, CASE_WORKERS, async (c, manager, emit) => {
      await fileEnforcement(manager, emit, c, { enforcementNumber: i.enforcementNumber, amountAppliedFen: i.amountAppliedFen ?? null, needsService: i.needsService ?? false }, commandContext(ctx));
      return c;
    });
  },

  reassignOfficer: (_p, args, ctx) => {
    const i = parseInput(reassignOfficerInput, args);
    return onCase(ctx, i.caseId, JUDGES, async (c, manager, emit) => {
      await reassignOfficer(manager, emit, c, i.officerId, i.reason, commandContext(ctx));
      return c;
    });
  },

  changeCaseState: (_p, args, ctx) => {
    const i = parseInput(changeCaseStateInput, args);
    return onCase(ctx, i.caseId, CASE_WORKERS, async (c, manager, emit) => {
      await changeState(manager, emit, c, i.to, i.reason, commandContext(ctx));
      return c;
    });
  },

  recordPayment: (_p, { input }, ctx) => {
    const i = parseInput(recordPaymentInput, input);
    if (i.paidOn > courtDate(new Date())) throw errors.validation('paidOn', 'A payment cannot be dated in the future');
    return onCase(ctx, i.caseId, CASE_WORKERS, async (c, manager, emit) => {
      const performance = await recordPayment(manager, emit, c, { amountFen: i.amountFen, paidOn: i.paidOn, channel: i.channel, source: i.source ?? null }, commandContext(ctx));
      return { performance, case: c };
    });
  },

  agreeSettlement: (_p, { input }, ctx) => {
    const i = parseInput(agreeSettlementInput, input);
    return onCase(ctx, i.caseId, CASE_WORKERS, async (c, manager, emit) => {
      await agreeSettlement(manager, emit, c, i, commandContext(ctx));
      return c;
    });
  },
};
