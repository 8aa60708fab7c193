import { randomUUID } from 'node:crypto';
import { sqlExec, sqlRow, type Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import type { CasePartyEntity, CaseRefEntity, ProposalEntity } from '../../entities';
import { settlementOf } from '../../domain/proposals';
import { queueNotification, type NotificationSpec } from '../../notifications/queue';
import { staffHolding } from '../../notifications/recipients';
import {
  chineseDate,
  chineseTime,
  INTENT_LABELS,
  renderThreadText,
  yuan,
  type TemplateName,
} from '../../notifications/templates';
import { partyNames } from './cases';

/** A proposal's step, as its notices and thread message name it. */
export type ProposalStep = 'SUBMITTED' | 'ANSWERED' | 'DECIDED' | 'EXPIRED';

/** What the proposal asks for, in a few Chinese words for an SMS. */
export function proposalSummary(p: ProposalEntity): string {
  switch (p.intent) {
    case 'PAY_NOW':
      return `已于或将于${chineseDate(p.paidOn!)}在村（社区）履行${yuan(p.amountFen!)}元`;
    case 'PROPOSE_INSTALMENTS': {
      const first = p.instalments![0]!;
      return `共${yuan(p.amountFen!)}元，分${p.instalments!.length}期，首期${yuan(first.amountFen)}元于${chineseDate(first.dueDate)}履行`;
    }
    case 'PROPOSE_SETTLEMENT':
      return `和解金额${yuan(p.amountFen!)}元，于${chineseDate(p.paidOn!)}前履行`;
    case 'REQUEST_GRACE':
      return `申请宽限${p.graceMonths}个月`;
  }
}

const reasonText = (reason: string | null | undefined) => (reason ? `，理由：${reason}` : '');

/** The township's enforcement officer of the case: the case's own, else the holder of the role in its township. */
async function officerOf(m: EntityManager, ref: CaseRefEntity) {
  if (ref.officerId) return { staffId: ref.officerId, divisionCode: ref.townshipCode };
  const township = ref.townshipCode ?? ref.villageCode?.slice(0, 9) ?? null;
  const holder = township ? await staffHolding(m, 'ENFORCEMENT_OFFICER', township) : null;
  return { staffId: holder?.staffId ?? null, divisionCode: township };
}

/**
 * The SMS and the case-thread message of one step of a proposal, in the caller's transaction:
 * - submitted: the officer, the village team (secretary, township liaison) and the rights holders
 *   (asked to consent when the proposal needs it);
 * - answered (by the rights holder): the officer and the obligor;
 * - decided: the obligor and the rights holders;
 * - expired: the obligor and the rights holders.
 * Each notice's dedupe key is `proposal:<id>:<step>:<recipient>`, so a step is told once.
 */
export async function tellProposalStep(
  m: EntityManager,
  step: ProposalStep,
  p: ProposalEntity,
  ref: CaseRefEntity,
  parties: CasePartyEntity[],
  now: Date,
): Promise<void> {
  const names = await partyNames(m, [p.obligorId]);
  const vars: Record<string, string> = {
    court: ref.court ?? '执源',
    caseNumber: ref.caseNumber,
    obligorName: names.get(p.obligorId) ?? '被执行人',
    intent: INTENT_LABELS[p.intent],
    summary: proposalSummary(p),
    expiresOn: chineseTime(p.expiresAt),
    answer: p.answer === 'ACCEPT' ? '同意' : '不同意',
    decision: p.decision === 'ACCEPT' ? (p.intent === 'PAY_NOW' ? '确认' : '准许') : '不予准许',
    reason: reasonText(step === 'ANSWERED' ? p.answerReason : p.decisionReason),
  };
  const obligees = parties.filter((x) => x.role === 'OBLIGEE').map((x) => x.partyId);
  const key = (who: string) => `proposal:${p.id}:${step}:${who}`;
  const notices: NotificationSpec[] = [];
  const toParty = (template: TemplateName, partyId: string, role: 'OBLIGOR' | 'OBLIGEE') =>
    notices.push({
      dedupeKey: key(`party:${partyId}`),
      template,
      vars,
      caseId: p.caseId,
      recipientRole: role,
      recipientPartyId: partyId,
      now,
    });
  const toOfficer = async () => {
    const officer = await officerOf(m, ref);
    notices.push({
      dedupeKey: key('ENFORCEMENT_OFFICER'),
      template: 'PROPOSAL_SUBMITTED_STAFF',
      vars,
      caseId: p.caseId,
      recipientRole: 'ENFORCEMENT_OFFICER',
      recipientStaffId: officer.staffId,
      recipientDivisionCode: officer.divisionCode,
      now,
    });
  };
  if (step === 'SUBMITTED') {
    await toOfficer();
    const team = [
      ...(ref.villageCode ? [{ role: 'VILLAGE_SECRETARY', code: ref.villageCode }] : []),
      ...(ref.townshipCode ? [{ role: 'TOWNSHIP_LIAISON', code: ref.townshipCode }] : []),
    ];
    for (const member of team) {
      const holder = await staffHolding(m, member.role, member.code);
      notices.push({
        dedupeKey: key(`${member.role}:${member.code}`),
        template: 'PROPOSAL_SUBMITTED_STAFF',
        vars,
        caseId: p.caseId,
        recipientRole: member.role,
        recipientStaffId: holder?.staffId ?? null,
        recipientDivisionCode: member.code,
        now,
      });
    }
    const template = settlementOf(p) ? 'PROPOSAL_CONSENT_REQUESTED' : 'PROPOSAL_SUBMITTED_OBLIGEE';
    for (const id of obligees) toParty(template, id, 'OBLIGEE');
  } else if (step === 'ANSWERED') {
    const officer = await officerOf(m, ref);
    notices.push({
      dedupeKey: key('ENFORCEMENT_OFFICER'),
      template: 'PROPOSAL_ANSWERED',
      vars,
      caseId: p.caseId,
      recipientRole: 'ENFORCEMENT_OFFICER',
      recipientStaffId: officer.staffId,
      recipientDivisionCode: officer.divisionCode,
      now,
    });
    toParty('PROPOSAL_ANSWERED', p.obligorId, 'OBLIGOR');
  } else {
    const template = step === 'DECIDED' ? 'PROPOSAL_DECIDED' : 'PROPOSAL_EXPIRED';
    toParty(template, p.obligorId, 'OBLIGOR');
    for (const id of obligees) toParty(template, id, 'OBLIGEE');
  }
  for (const n of notices) await queueNotification(m, n);
  await sqlExec(
    m,
    `INSERT INTO tasks.case_message (id, case_id, author_sub, author_role, body, created_at) VALUES ($1, $2, 'system', 'SYSTEM', $3, $4)`,
    [randomUUID(), p.caseId, renderThreadText(`PROPOSAL_${step}`, vars), now],
  );
}

const fields = (p: ProposalEntity, ref: CaseRefEntity) => ({
  proposalId: p.id,
  caseId: p.caseId,
  obligorId: p.obligorId,
  intent: p.intent,
  villageCode: ref.villageCode,
  townshipCode: ref.townshipCode,
});

/** The event of a proposal's step, keyed by its case so the case's timeline keeps the order. */
export async function emitProposalStep(
  emit: Emit,
  step: ProposalStep,
  p: ProposalEntity,
  ref: CaseRefEntity,
): Promise<void> {
  const opts = { key: p.caseId };
  if (step === 'SUBMITTED') {
    const payload: EventPayload<'tasks.proposal.submitted'> = {
      ...fields(p, ref),
      amountFen: p.amountFen,
      terms: p.terms,
      instalments: p.instalments,
      graceMonths: p.graceMonths,
      submittedAt: p.submittedAt.toISOString(),
      expiresAt: p.expiresAt.toISOString(),
    };
    await emit('tasks.proposal.submitted', payload, opts);
  } else if (step === 'ANSWERED') {
    await emit(
      'tasks.proposal.answered',
      {
        ...fields(p, ref),
        obligeeId: p.obligeeId!,
        answer: p.answer!,
        reason: p.answerReason,
        status: p.status as 'CONSENTED' | 'DECLINED',
        answeredAt: p.answeredAt!.toISOString(),
        expiresAt: p.expiresAt.toISOString(),
      },
      opts,
    );
  } else if (step === 'DECIDED') {
    const accepted = p.decision === 'ACCEPT';
    await emit(
      'tasks.proposal.decided',
      {
        ...fields(p, ref),
        decision: p.decision!,
        reason: p.decisionReason,
        decidedBy: p.decidedBy!,
        decidedAt: p.decidedAt!.toISOString(),
        settlement: accepted ? settlementOf(p) : null,
        grace:
          accepted && p.intent === 'REQUEST_GRACE'
            ? { months: p.graceMonths!, reasonCode: p.graceReasonCode as never }
            : null,
      },
      opts,
    );
  } else {
    await emit(
      'tasks.proposal.expired',
      {
        ...fields(p, ref),
        status: p.status as 'SUBMITTED' | 'CONSENTED',
        expiredAt: p.expiredAt!.toISOString(),
      },
      opts,
    );
  }
}

/** What is still owed on a case as this service knows it: the judgment's amount less the payments it heard of. */
export async function outstandingOfCase(m: EntityManager, ref: CaseRefEntity): Promise<number> {
  const row = await sqlRow<{ paid: string }>(
    m,
    `SELECT COALESCE(sum(amount_fen), 0) AS paid FROM tasks.payment_ref WHERE case_id = $1`,
    [ref.caseId],
  );
  return ref.amountOwedFen - Number(row?.paid ?? 0);
}
