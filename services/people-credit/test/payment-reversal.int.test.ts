import { randomUUID } from 'node:crypto';
import { createEvent } from '@zhiyuan/events';
import { buildEvent, identity } from '@zhiyuan/testing';
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

  const projection = async (caseId: string) =>
    (
      await t.service.runtime.ds.query(
        `SELECT outstanding_fen::int AS outstanding, closed_at IS NOT NULL AS closed FROM people.case_projection WHERE case_id = $1`,
        [caseId],
      )
    )[0];
  const paymentInputs = async (partyId: string) =>
    t.service.runtime.ds.query(
      `SELECT data->>'performanceId' AS "performanceId", data ? 'reversedAt' AS reversed FROM people.profile_input
        WHERE party_id = $1 AND kind = 'PAYMENT' ORDER BY recorded_at`,
      [partyId],
    );
  const at = (minutes: number) => new Date(Date.UTC(2026, 1, 1, 9, minutes)).toISOString();
  const reversalOf = (
    payment: ReturnType<typeof performanceRecorded>,
    outstandingFen: number,
    reversedAt: string,
    reopened: boolean,
  ) =>
    buildEvent(
      'cases.performance.reversed',
      {
        caseId: payment.payload.caseId,
        performanceId: payment.payload.performanceId,
        amountFen: payment.payload.amountFen,
        source: payment.payload.source,
        paidOn: payment.payload.paidOn,
        recordedAt: payment.payload.recordedAt,
        outstandingFen,
        totalPaidFen: 5_000_000 - outstandingFen,
        reopened,
        state: 'IN_PROGRESS',
        obligorIds: payment.payload.obligorIds,
        reversedAt,
      },
      { producer: 'cases', key: payment.payload.caseId },
    );

  it('keeps the balance of the latest payment or reversal, whatever order they are handled in', async () => {
    const party = await registerPerson(t, { homeDivisionCode: '330522104202' });
    const judgment = judgmentEffective({ obligorIds: [party.id], amountOwedFen: 5_000_000, judgeId: JUDGE.sub });
    const caseId = judgment.payload.caseId;
    await t.deliver(judgment);
    const pay = (amountFen: number, outstandingFen: number, recordedAt: string) =>
      performanceRecorded({
        caseId,
        obligorIds: [party.id],
        amountFen,
        outstandingFen,
        recordedAt,
        totalPaidFen: 5_000_000 - outstandingFen,
      });
    const first = pay(1_000_000, 4_000_000, at(1));
    const second = pay(1_000_000, 3_000_000, at(2));
    // The second payment is reversed; its reversal is handled before the payment itself, and the first payment last.
    await t.deliver(reversalOf(second, 4_000_000, at(3), false));
    await t.deliver(second);
    await t.deliver(first);
    expect(await projection(caseId)).toEqual({ outstanding: 4_000_000, closed: false });
    // Each payment counts once in the obligor's record, and the reversed one not at all.
    expect(await paymentInputs(party.id)).toEqual([
      { performanceId: first.payload.performanceId, reversed: false },
      { performanceId: second.payload.performanceId, reversed: true },
    ]);
  });

  it('leaves a case paid off, closed and reopened by a reversal as in order when handled backwards', async () => {
    const party = await registerPerson(t, { homeDivisionCode: '330522104202' });
    const judgment = judgmentEffective({ obligorIds: [party.id], amountOwedFen: 5_000_000, judgeId: JUDGE.sub });
    const caseId = judgment.payload.caseId;
    await t.deliver(judgment);
    await t.deliver(formSubmitted({ partyId: party.id, summary: { assetsValueFen: 9_000_000 } }));
    const payment = performanceRecorded({
      caseId,
      obligorIds: [party.id],
      amountFen: 5_000_000,
      totalPaidFen: 5_000_000,
      outstandingFen: 0,
      recordedAt: at(10),
    });
    const closed = caseClosed({
      caseId,
      obligorIds: [party.id],
      outcome: 'COMPLETED',
      amountRecoveredFen: 5_000_000,
      closedAt: at(10),
    });
    const reversal = reversalOf(payment, 5_000_000, at(20), true);
    const reopened = buildEvent(
      'cases.case.transitioned',
      { caseId, from: 'COMPLETED', to: 'IN_PROGRESS', reason: '录入错误', at: at(20) },
      { producer: 'cases', key: caseId },
    );
    for (const e of [reopened, reversal, closed, payment]) await t.deliver(e as Parameters<TestService['deliver']>[0]);

    expect(await projection(caseId)).toEqual({ outstanding: 5_000_000, closed: false });
    expect(await paymentInputs(party.id)).toEqual([{ performanceId: payment.payload.performanceId, reversed: true }]);
    // An open obligation with declared assets and no payment counted: as after the same events in order.
    expect((await t.gql(PROFILE, { id: party.id }, JUDGE)).data.party.creditProfile).toEqual({
      classification: 'EVASIVE',
      reasonCodes: ['ABLE_BUT_NOT_PAYING', 'RECOMMEND_COERCIVE_MEASURES'],
    });
  });

  it('counts a revived 终本 case as an open obligation again, and a later close closes it', async () => {
    const party = await registerPerson(t, { homeDivisionCode: '330522104202' });
    const judgment = judgmentEffective({ obligorIds: [party.id], amountOwedFen: 5_000_000, judgeId: JUDGE.sub });
    const caseId = judgment.payload.caseId;
    await t.deliver(judgment);
    await t.deliver(formSubmitted({ partyId: party.id, summary: { assetsValueFen: 9_000_000 } }));
    await t.deliver(caseClosed({ caseId, obligorIds: [party.id], outcome: 'TERMINATED_THIS_ROUND', closedAt: at(30) }));
    expect(await projection(caseId)).toEqual({ outstanding: 5_000_000, closed: true });
    const refused = await t.gql(LIST, { input: { partyId: party.id, caseId, ground: 'ABLE_BUT_REFUSES' } }, JUDGE);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'NO_OUTSTANDING_OBLIGATION',
    });
    const revive = (from: string, to: string, when: string) =>
      buildEvent(
        'cases.case.transitioned',
        { caseId, from, to, reason: '发现新财产线索', at: when },
        { producer: 'cases', key: caseId },
      );
    // A move between open states changes nothing; the revival opens the case.
    await t.deliver(revive('IN_PROGRESS', 'URGING', at(31)));
    expect(await projection(caseId)).toEqual({ outstanding: 5_000_000, closed: true });
    await t.deliver(revive('TERMINATED_THIS_ROUND', 'IN_PROGRESS', at(40)));
    expect(await projection(caseId)).toEqual({ outstanding: 5_000_000, closed: false });
    // Listing is possible again, as on any open case with an able obligor who does not pay.
    const listed = await t.gql(LIST, { input: { partyId: party.id, caseId, ground: 'ABLE_BUT_REFUSES' } }, JUDGE);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.listDishonestObligor.status).toBe('ACTIVE');
    // Terminated again later: closed.
    await t.deliver(caseClosed({ caseId, obligorIds: [party.id], outcome: 'TERMINATED_THIS_ROUND', closedAt: at(50) }));
    expect(await projection(caseId)).toEqual({ outstanding: 5_000_000, closed: true });
  });
});
