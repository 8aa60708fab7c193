import { randomUUID } from 'node:crypto';
import { createEvent } from '@zhiyuan/events';
import { identity } from '@zhiyuan/testing';
import { caseClosed, formSubmitted, judgmentEffective, performanceRecorded } from './factories/events';
import { registerPerson, startTestService, type TestService } from './factories/service';

const LIST = `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id status } }`;
const PROFILE = `query($id: ID!) { party(id: $id) { creditProfile { classification reasonCodes } listings { id status removalGround } } }`;
const JUDGE = identity(['JUDGE'], { sub: randomUUID() });

describe('a payment reversed in the cases context', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => t.stop());

  it('puts the obligation back and reclassifies, but does not list the obligor again', async () => {
    const party = await registerPerson(t, { homeDivisionCode: '330522104202' });
    const judgment = judgmentEffective({
      obligorIds: [party.id],
      amountOwedFen: 5_000_000,
      judgeId: JUDGE.sub,
    });
    const caseId = judgment.payload.caseId;
    await t.deliver(judgment);
    await t.deliver(
      formSubmitted({
        partyId: party.id,
        summary: { assetsValueFen: 9_000_000 },
      }),
    );
    const profile = async () => (await t.gql(PROFILE, { id: party.id }, JUDGE)).data.party;
    expect((await profile()).creditProfile).toEqual({
      classification: 'EVASIVE',
      reasonCodes: ['ABLE_BUT_NOT_PAYING', 'RECOMMEND_COERCIVE_MEASURES'],
    });
    const listing = (await t.gql(LIST, { input: { partyId: party.id, caseId, ground: 'ABLE_BUT_REFUSES' } }, JUDGE))
      .data.listDishonestObligor;

    const payment = performanceRecorded({
      caseId,
      obligorIds: [party.id],
      amountFen: 5_000_000,
      totalPaidFen: 5_000_000,
      outstandingFen: 0,
    });
    await t.deliver(payment);
    await t.deliver(
      caseClosed({
        caseId,
        obligorIds: [party.id],
        outcome: 'COMPLETED',
        amountRecoveredFen: 5_000_000,
      }),
    );
    expect(await profile()).toEqual({
      creditProfile: {
        classification: 'COMPLIANT',
        reasonCodes: ['NO_OUTSTANDING_OBLIGATION', 'PAYING'],
      },
      listings: [
        {
          id: listing.id,
          status: 'REMOVED',
          removalGround: 'FULL_PERFORMANCE',
        },
      ],
    });

    const p = payment.payload;
    const reversal = createEvent(
      'cases.performance.reversed',
      {
        caseId,
        reversalId: randomUUID(),
        performanceId: p.performanceId,
        amountFen: p.amountFen,
        source: p.source,
        paidOn: p.paidOn,
        recordedAt: p.recordedAt,
        reason: '录入错误',
        outstandingFen: 5_000_000,
        totalPaidFen: 0,
        reopened: true,
        state: 'IN_PROGRESS',
        obligorIds: [party.id],
        reversedAt: new Date().toISOString(),
        villageCode: '330522104202',
        townshipCode: '330522104',
      },
      { producer: 'cases', key: caseId },
    );
    await t.deliver(reversal);
    expect(await t.deliver(reversal)).toBe(false);

    // The obligation is outstanding again and the payment no longer counts: the declared assets make the obligor evasive again.
    expect(await profile()).toEqual({
      creditProfile: {
        classification: 'EVASIVE',
        reasonCodes: ['ABLE_BUT_NOT_PAYING', 'RECOMMEND_COERCIVE_MEASURES'],
      },
      listings: [
        {
          id: listing.id,
          status: 'REMOVED',
          removalGround: 'FULL_PERFORMANCE',
        },
      ],
    });
    const [row] = await t.service.runtime.ds.query(
      `SELECT outstanding_fen, closed_at FROM people.case_projection WHERE case_id = $1`,
      [caseId],
    );
    expect(row).toEqual({ outstanding_fen: '5000000', closed_at: null });
    // Listing again is the court's decision, and the rules allow it now.
    const again = await t.gql(LIST, { input: { partyId: party.id, caseId, ground: 'ABLE_BUT_REFUSES' } }, JUDGE);
    expect(again.errors).toBeUndefined();
    expect(again.data.listDishonestObligor.status).toBe('ACTIVE');
  });
});
