import { randomUUID } from 'node:crypto';
import { checkInstalmentSchedule, chinaCalendar, courtDate, errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { ProposalEntity } from '../entities';
import { declarationSummary } from '../domain/forms';
import { expiryOf } from '../domain/proposals';
import { requireObligorParty } from '../policy';
import { lockCase, requireCase } from './shared/cases';
import { emitForm, insertForm } from './shared/forms';
import { declarationAnswers, isoDay, optionalText, text, uuid } from './shared/input';
import { emitProposalStep, outstandingOfCase, tellProposalStep } from './shared/proposals';
import { openTask } from './shared/tasks';

const positiveFen = z.number().int('must be whole fen').positive('must be more than zero');

const comeForwardSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('PAY_NOW'),
    payNow: z.object({ amountFen: positiveFen, paidOn: isoDay, note: optionalText(500) }),
  }),
  z.object({
    intent: z.literal('PROPOSE_INSTALMENTS'),
    instalments: z.object({
      schedule: z
        .array(z.object({ dueDate: isoDay, amountFen: positiveFen }))
        .min(1, 'needs at least one instalment')
        .max(120),
      terms: optionalText(4000),
    }),
  }),
  z.object({
    intent: z.literal('PROPOSE_SETTLEMENT'),
    settlement: z.object({ amountFen: positiveFen, payBy: isoDay, terms: text(4000) }),
  }),
  z.object({
    intent: z.literal('REQUEST_GRACE'),
    grace: z.object({
      months: z.number().int().min(1, 'a grace period is 1 to 3 months').max(3, 'a grace period is 1 to 3 months'),
      reasons: text(2000),
      declaration: z.object(declarationAnswers).nullish(),
    }),
  }),
]);

/** Days the officer has to confirm a payment declared at the village. */
const CONFIRM_PAYMENT_WORKING_DAYS = 3;

/**
 * An obligor comes forward online (主动履行) on their own case with one intent. The proposal is told
 * to the officer, the village team and the rights holders (SMS and the case thread) and lapses after
 * the configured working days unanswered. The caller is checked against the case before the rest of
 * the input is read; one open proposal per obligor and case.
 */
export async function comeForward(ctx: Context, rawCaseId: unknown, rawInput: unknown): Promise<ProposalEntity> {
  requireSignedIn(ctx.identity);
  const caseId = parseInput(z.object({ caseId: uuid }), { caseId: rawCaseId }).caseId;
  return ctx.runtime.messaging.transaction(async (m, emit) => {
    await lockCase(m, caseId);
    const { ref, parties } = await requireCase(m, caseId);
    const obligorId = requireObligorParty(ctx.identity, parties);
    const i = parseInput(comeForwardSchema, rawInput);
    if (ref.status !== 'OPEN') throw errors.rule('CASE_OPEN', 'The case is closed; nothing more can be proposed');
    const now = new Date();
    const today = courtDate(now);
    const open = await m
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .where('p.case_id = :caseId AND p.obligor_id = :obligorId AND p.status IN (:...open)', {
        caseId,
        obligorId,
        open: ['SUBMITTED', 'CONSENTED'],
      })
      .getCount();
    if (open > 0)
      throw errors.rule('ONE_OPEN_PROPOSAL', 'You already have a proposal on this case waiting for an answer');
    const outstanding = await outstandingOfCase(m, ref);
    const p = m.getRepository(ProposalEntity).create({
      id: randomUUID(),
      caseId,
      obligorId,
      intent: i.intent,
      status: 'SUBMITTED',
      amountFen: null,
      paidOn: null,
      terms: null,
      instalments: null,
      graceMonths: null,
      graceReasons: null,
      declarationFormId: null,
      taskId: null,
      submittedBy: ctx.identity.sub,
      submittedAt: now,
      expiresAt: expiryOf(chinaCalendar, now, ctx.settings.proposalExpiryWorkingDays),
      updatedAt: now,
    });
    switch (i.intent) {
      case 'PAY_NOW':
        if (i.payNow.amountFen > outstanding)
          throw errors.rule('overpayment', `The payment is more than the outstanding ${outstanding} fen`);
        Object.assign(p, { amountFen: i.payNow.amountFen, paidOn: i.payNow.paidOn, terms: i.payNow.note ?? null });
        break;
      case 'PROPOSE_INSTALMENTS': {
        const total = checkInstalmentSchedule(
          i.instalments.schedule,
          today,
          today,
          outstanding,
          'instalments.schedule',
        );
        Object.assign(p, { amountFen: total, instalments: i.instalments.schedule, terms: i.instalments.terms ?? null });
        break;
      }
      case 'PROPOSE_SETTLEMENT':
        if (i.settlement.payBy < today) throw errors.validation('settlement.payBy', 'cannot be in the past');
        checkInstalmentSchedule(
          [{ dueDate: i.settlement.payBy, amountFen: i.settlement.amountFen }],
          today,
          today,
          outstanding,
        );
        Object.assign(p, { amountFen: i.settlement.amountFen, paidOn: i.settlement.payBy, terms: i.settlement.terms });
        break;
      case 'REQUEST_GRACE': {
        const d = i.grace.declaration;
        if (d && d.signedOn > today) throw errors.validation('grace.declaration.signedOn', 'cannot be in the future');
        Object.assign(p, { graceMonths: i.grace.months, graceReasons: i.grace.reasons });
        if (d) {
          const form = {
            id: randomUUID(),
            formType: 'PROPERTY_DECLARATION' as const,
            partyId: obligorId,
            caseId,
            taskId: null,
            summary: declarationSummary(d),
            submittedAt: now,
          };
          await insertForm(m, { ...form, answers: d, submittedBy: ctx.identity.sub });
          await emitForm(emit, form);
          p.declarationFormId = form.id;
        }
        break;
      }
    }
    if (i.intent === 'PAY_NOW') {
      const township = ref.townshipCode ?? ref.villageCode?.slice(0, 9) ?? null;
      if (township) {
        const task = await openTask(m, emit, {
          caseId,
          obligorId,
          type: 'CONFIRM_PAYMENT',
          level: 'TOWNSHIP',
          divisionCode: township,
          title: '确认并登记义务人申报的履行款项',
          note: `义务人申报于${i.payNow.paidOn}在村（社区）履行${i.payNow.amountFen}分${i.payNow.note ? `：${i.payNow.note}` : ''}`,
          assigneeId: ref.officerId,
          dueAt: chinaCalendar.shiftWorkingDays(now, CONFIRM_PAYMENT_WORKING_DAYS),
          origin: 'AUTO',
          ruleKey: `${caseId}:CONFIRM_PAYMENT:proposal:${p.id}`,
          createdBy: ctx.identity.sub,
          now,
        });
        p.taskId = task?.id ?? null;
      }
    }
    await m.getRepository(ProposalEntity).insert(p);
    await tellProposalStep(m, 'SUBMITTED', p, ref, parties, now);
    await emitProposalStep(emit, 'SUBMITTED', p, ref);
    return m.getRepository(ProposalEntity).findOneByOrFail({ id: p.id });
  });
}
