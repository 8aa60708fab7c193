import { randomUUID } from 'node:crypto';
import type { EventPayload } from '@zhiyuan/events';
import { addMonths, courtDate } from '@zhiyuan/kernel';
import { buildEvent, identity } from '@zhiyuan/testing';
import { residentId } from './factories/ids';
import { judgmentEffective, performanceRecorded } from './factories/events';
import { registerPerson, startTestService, type TestService } from './factories/service';

const LIST = `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id status } }`;
const PROFILE = `query($id: ID!) { party(id: $id) { creditProfile { classification reasonCodes graceUntil overridden overrideReason } creditProfileHistory { classification } } }`;
const JUDGE = identity(['JUDGE'], { sub: randomUUID() });

describe('a grace period granted on an obligor proposal', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => t.stop());

  async function obligorWithCase() {
    const party = await registerPerson(t, { idNumber: residentId('1975-03-09'), homeDivisionCode: '330522104201' });
    const obligee = await registerPerson(t, { name: '权利人' });
    const judgment = judgmentEffective({
      obligorIds: [party.id],
      obligeeIds: [obligee.id],
      amountOwedFen: 3_000_000,
      judgeId: JUDGE.sub,
    });
    await t.deliver(judgment);
    return { party, caseId: judgment.payload.caseId };
  }
  const decided = (p: Partial<EventPayload<'tasks.proposal.decided'>>) =>
    buildEvent(
      'tasks.proposal.decided',
      { intent: 'REQUEST_GRACE', decision: 'ACCEPT', settlement: null, decidedBy: 'officer-7', ...p },
      { producer: 'tasks', key: p.caseId },
    );
  const classified = async (partyId: string) =>
    (
      await t.service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM people.outbox_message WHERE type = 'credit.profile.classified' AND key = $1`,
        [partyId],
      )
    ).map((r: { p: unknown }) => r.p);

  it('puts the profile in a grace period with the reason code, kept through a payment, refusing listing, once', async () => {
    const { party, caseId } = await obligorWithCase();
    expect((await list(party.id, caseId)).errors).toBeUndefined();
    // A second obligor: the first was listed to show the rule allowed it before the grace.
    const other = await obligorWithCase();
    const proposalId = randomUUID();
    const event = decided({
      proposalId,
      caseId: other.caseId,
      obligorId: other.party.id,
      grace: { months: 2, reasonCode: 'ILLNESS' },
    });
    expect(await t.deliver(event)).toBe(true);
    expect(await t.deliver(event)).toBe(false);
    await t.deliver({ ...event, id: randomUUID() });

    const r = await t.gql(PROFILE, { id: other.party.id });
    expect(r.data.party.creditProfile).toEqual({
      classification: 'HONEST_IN_DIFFICULTY',
      reasonCodes: ['GRACE_ON_PROPOSAL', 'ILLNESS', 'GRACE_2_MONTHS'],
      graceUntil: addMonths(courtDate(new Date(event.payload.decidedAt)), 2),
      overridden: true,
      overrideReason: `proposal:${proposalId}`,
    });
    const events = (await classified(other.party.id)).filter(
      (p: any) => p.classification === 'HONEST_IN_DIFFICULTY' && p.reasonCodes.includes('GRACE_ON_PROPOSAL'),
    );
    expect(events).toHaveLength(1);
    // A payment during the grace is recorded but does not end it.
    await t.deliver(
      performanceRecorded({
        caseId: other.caseId,
        obligorIds: [other.party.id],
        outstandingFen: 2_000_000,
        amountFen: 1_000_000,
      }),
    );
    expect((await t.gql(PROFILE, { id: other.party.id })).data.party.creditProfile.overrideReason).toBe(
      `proposal:${proposalId}`,
    );
    const refused = await list(other.party.id, other.caseId);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'GRACE_PERIOD' });
    const listings = await t.service.runtime.ds.query(`SELECT 1 FROM people.dishonest_listing WHERE party_id = $1`, [
      other.party.id,
    ]);
    expect(listings).toHaveLength(0);
  });

  it('changes nothing for a rejected grace request or a settlement decision', async () => {
    const { party, caseId } = await obligorWithCase();
    const before = (await t.gql(PROFILE, { id: party.id })).data.party;
    await t.deliver(decided({ caseId, obligorId: party.id, decision: 'REJECT', reason: '有履行能力', grace: null }));
    await t.deliver(
      decided({
        caseId,
        obligorId: party.id,
        intent: 'PROPOSE_INSTALMENTS',
        grace: null,
        settlement: { kind: 'INSTALMENT_PLAN', terms: '分期', instalments: [{ dueDate: '2030-01-01', amountFen: 1 }] },
      }),
    );
    expect((await t.gql(PROFILE, { id: party.id })).data.party).toEqual(before);
    expect((await list(party.id, caseId)).errors).toBeUndefined();
  });

  function list(partyId: string, caseId: string) {
    return t.gql(LIST, { input: { ground: 'EVADES_BY_FALSE_LITIGATION_OR_HIDING_ASSETS', partyId, caseId } }, JUDGE);
  }
});
