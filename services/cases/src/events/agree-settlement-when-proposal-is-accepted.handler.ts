import { defineHandler } from '@zhiyuan/db';
import { courtDate, DomainError } from '@zhiyuan/kernel';
import type { CaseSettings } from '../config';
import { SettlementEntity } from '../entities';
import { checkSettlementSchedule } from '../domain/case-rules';
import { findLockedCase, moveCase } from '../commands/shared/lifecycle';
import { agreeSettlement } from '../commands/shared/settlements';
import { addTimeline } from '../commands/shared/timeline';

/**
 * A settlement or instalment plan an obligor proposed online, consented to by the rights holder and
 * accepted by the court (tasks), becomes the case's settlement through the same rule as
 * `agreeSettlement`: the schedule is checked against the case as cases knows it, the case moves to
 * SETTLED (a case just filed passes through IN_PROGRESS; one in urging stays there), and
 * `cases.settlement.agreed` follows. Once per proposal (the
 * settlement's `agreed_by` is `proposal:<id>`), however often the decision is delivered or
 * re-published; a schedule the case can no longer take (closed, more than the balance by now) is
 * noted on the timeline for the officer and not recorded.
 */
export const agreeSettlementWhenProposalIsAccepted = (settings: CaseSettings) =>
  defineHandler({
    name: 'agree-settlement-when-proposal-is-accepted',
    subject: 'tasks.proposal.decided',
    handle: async (event, manager, emit) => {
      const p = event.payload;
      if (p.decision !== 'ACCEPT' || !p.settlement) return;
      const actor = `proposal:${p.proposalId}`;
      const now = new Date();
      const c = await findLockedCase(manager, p.caseId);
      if (!c) return;
      if ((await manager.count(SettlementEntity, { where: { caseId: c.id, agreedBy: actor } })) > 0) return;
      try {
        // The court working on the obligor's proposal is work on the case: a case just filed is in
        // progress. The schedule is checked first, so a refusal still finds nothing written.
        const today = courtDate(now);
        checkSettlementSchedule(c, today, today, p.settlement.instalments);
        if (c.state === 'ENFORCEMENT_FILED')
          await moveCase(manager, emit, c, 'IN_PROGRESS', { actor, now, settings, reason: 'proposal accepted' });
        await agreeSettlement(
          manager,
          emit,
          c,
          { kind: p.settlement.kind, terms: p.settlement.terms, instalments: p.settlement.instalments },
          { actor, now, settings },
        );
      } catch (err) {
        // Refusals are decided before anything is written, so the transaction is still good.
        if (!(err instanceof DomainError)) throw err;
        await addTimeline(manager, c.id, 'SETTLEMENT_REFUSED', actor, now, {
          origin: 'PROPOSAL',
          proposalId: p.proposalId,
          code: err.extensions.code,
          rule: err.extensions.rule ?? null,
        });
      }
    },
  });
