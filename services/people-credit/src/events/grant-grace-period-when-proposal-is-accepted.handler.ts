import { defineHandler } from '@zhiyuan/db';
import { addMonths, courtDate } from '@zhiyuan/kernel';
import { CreditProfileEntity, PartyEntity } from '../entities';
import { saveProfile } from '../commands/shared/profiles';

/**
 * A grace request an obligor made online and the court accepted (tasks decides it on the credit
 * profile) puts the profile in HONEST_IN_DIFFICULTY with a grace period of the months granted from
 * the day of the decision, and the court's reason code: during it the listing rules refuse to list
 * (GRACE_PERIOD), so nothing is published. The profile is an override (`proposal:<id>`), standing
 * as any court override does until the next input changes the profile. Once per proposal, however
 * often the decision is delivered or re-published; a party people-credit does not know is skipped.
 */
export const grantGracePeriodWhenProposalIsAccepted = defineHandler({
  name: 'grant-grace-period-when-proposal-is-accepted',
  subject: 'tasks.proposal.decided',
  async handle(event, manager, emit) {
    const p = event.payload;
    if (p.decision !== 'ACCEPT' || !p.grace) return;
    const party = await manager.findOne(PartyEntity, {
      where: { id: p.obligorId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!party) return;
    const reason = `proposal:${p.proposalId}`;
    if ((await manager.count(CreditProfileEntity, { where: { partyId: party.id, overrideReason: reason } })) > 0)
      return;
    const decidedAt = new Date(p.decidedAt);
    await saveProfile(
      manager,
      emit,
      {
        partyId: party.id,
        classification: 'HONEST_IN_DIFFICULTY',
        reasonCodes: ['GRACE_ON_PROPOSAL', p.grace.reasonCode, `GRACE_${p.grace.months}_MONTHS`],
        graceUntil: addMonths(courtDate(decidedAt), p.grace.months),
        overridden: true,
        overrideReason: reason,
        classifiedBy: p.decidedBy,
      },
      decidedAt,
      event,
    );
  },
});
