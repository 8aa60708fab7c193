import { defineHandler, type Emit } from '@zhiyuan/db';
import { courtDate, DomainError } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';
import type { CaseSettings } from '../config';
import { PerformanceEntity, SettlementEntity } from '../entities';
import { findLockedCase } from '../commands/shared/lifecycle';
import { recordPayment } from '../commands/shared/payments';
import { agreeSettlement } from '../commands/shared/settlements';
import { addTimeline } from '../commands/shared/timeline';

/** An instalment plan agreed at a meeting becomes the case's plan, once per meeting and case. */
async function recordInstalmentPlan(
  manager: EntityManager,
  emit: Emit,
  meetingId: string,
  caseId: string,
  instalments: { dueDate: string; amountFen: number }[],
  actor: string,
  now: Date,
  settings: CaseSettings,
): Promise<void> {
  const c = await findLockedCase(manager, caseId);
  if (!c) return;
  if ((await manager.count(SettlementEntity, { where: { caseId, agreedBy: actor } })) > 0) return;
  try {
    await agreeSettlement(
      manager,
      emit,
      c,
      { kind: 'INSTALMENT_PLAN', terms: `分期履行, agreed at village meeting ${meetingId}`, instalments },
      { actor, now, settings },
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await addTimeline(manager, c.id, 'SETTLEMENT_REFUSED', actor, now, {
      meetingId,
      code: err.extensions.code,
      rule: err.extensions.rule ?? null,
    });
  }
}

/**
 * A village enforcement meeting where an obligor paid in full is a payment with source MEETING.
 * Each (meeting, case) pays at most once, even if tasks publishes the meeting again; a payment the
 * case cannot take (closed, or more than the balance) is noted on the timeline and not recorded. An
 * instalment plan agreed at the meeting (INSTALMENT_AGREED) becomes the case's plan when the case is in
 * progress or still in urging; otherwise it is noted on the timeline for the officer.
 */
export const recordMeetingPayments = (settings: CaseSettings) =>
  defineHandler({
    name: 'record-payments-made-at-village-meetings',
    subject: 'tasks.meeting.held',
    handle: async (event, manager, emit) => {
      const m = event.payload;
      const actor = `meeting:${m.meetingId}`;
      const now = new Date();
      for (const o of m.outcomes) {
        if (o.outcome === 'INSTALMENT_AGREED' && o.instalments?.length) {
          await recordInstalmentPlan(manager, emit, m.meetingId, o.caseId, o.instalments, actor, now, settings);
          continue;
        }
        if (o.outcome !== 'PAID_IN_FULL' || !o.amountFen) continue;
        const externalRef = `meeting:${m.meetingId}:${o.caseId}`;
        // Lock the case first, so two deliveries of one meeting racing each other see each other's payment.
        const c = await findLockedCase(manager, o.caseId);
        if (!c) continue;
        // Taken with the case locked, as every payment's time is: consumers order a case's changes by it.
        const recordedAt = new Date();
        if ((await manager.count(PerformanceEntity, { where: { externalRef } })) > 0) continue;
        try {
          await recordPayment(
            manager,
            emit,
            c,
            {
              amountFen: o.amountFen,
              paidOn: courtDate(new Date(m.heldAt)),
              channel: 'VILLAGE_MEETING',
              source: 'MEETING',
              externalRef,
            },
            { actor, now: recordedAt, settings },
          );
        } catch (err) {
          // Refusals are decided before anything is written, so the transaction is still good.
          if (!(err instanceof DomainError)) throw err;
          await addTimeline(manager, c.id, 'PAYMENT_REFUSED', actor, now, {
            meetingId: m.meetingId,
            amountFen: o.amountFen,
            code: err.extensions.code,
            rule: err.extensions.rule ?? null,
          });
        }
      }
    },
  });
