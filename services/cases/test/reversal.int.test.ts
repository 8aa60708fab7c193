import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { CASE_FIELDS, CHANGE, FILE, PAY, SETTLE, TAKE_IN } from './factories/graphql';
import {
  enforcementNumber,
  GANGKOU,
  HONGXINGQIAO,
  judgment,
  partyEvent,
  staffEvent,
  startCases,
  type Harness,
} from './factories';

/** A date n days from today in the court's calendar. */
const inDays = (n: number) => {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const REVERSE = `mutation($id: ID!, $reason: String!) { reversePayment(id: $id, reason: $reason) {
  performance { id amountFen reversal { id reason reversedBy outstandingAfterFen reopenedTo } }
  case { ${CASE_FIELDS} settlements { status paidFen instalments { no paidFen status } } } } }`;
const STORY = `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} timeline { kind summary } performances { id amountFen reversal { reason } } } }`;

describe('payment reversal and plans agreed during urging', () => {
  let h: Harness;
  const officerId = randomUUID();
  const obligor = randomUUID();
  const gql = (query: string, variables: Record<string, unknown> = {}, who = ADMIN) =>
    gqlRequest(h.url, query, variables, who);

  beforeAll(async () => {
    h = await startCases();
    await h.deliver(partyEvent(obligor, GANGKOU, HONGXINGQIAO));
    await h.deliver(staffEvent(officerId, HONGXINGQIAO));
  });
  afterAll(() => h.stop());

  async function takeIn(overrides = {}) {
    const r = await gql(TAKE_IN, {
      input: judgment({
        obligorIds: [obligor],
        principalFen: 9000,
        interestFen: 0,
        costsFen: 0,
        ...overrides,
      }),
    });
    expect(r.errors).toBeUndefined();
    return r.data.takeInJudgment;
  }
  async function inProgress() {
    const c = await takeIn();
    expect(
      (
        await gql(FILE, {
          input: { caseId: c.id, enforcementNumber: enforcementNumber() },
        })
      ).errors,
    ).toBeUndefined();
    const p = await gql(CHANGE, {
      caseId: c.id,
      to: 'IN_PROGRESS',
      reason: 'officer starts work',
    });
    expect(p.errors).toBeUndefined();
    return p.data.changeCaseState;
  }
  async function pay(caseId: string, amountFen: number) {
    const r = await gql(PAY, {
      input: { caseId, amountFen, paidOn: inDays(0), channel: 'BANK_TRANSFER' },
    });
    expect(r.errors).toBeUndefined();
    return r.data.recordPayment;
  }
  const reverse = (id: string, who = ADMIN, reason = '录入错误，款项未到账') => gql(REVERSE, { id, reason }, who);

  it('reverses a payment by a compensating entry: the balance, the timeline and the event follow, the payment stays', async () => {
    const c = await inProgress();
    const first = await pay(c.id, 2000);
    await pay(c.id, 3000);
    const r = await reverse(first.performance.id);
    expect(r.errors).toBeUndefined();
    expect(r.data.reversePayment.performance).toMatchObject({
      amountFen: 2000,
      reversal: {
        reason: '录入错误，款项未到账',
        reversedBy: ADMIN.sub,
        outstandingAfterFen: 6000,
        reopenedTo: null,
      },
    });
    expect(r.data.reversePayment.case).toMatchObject({
      state: 'IN_PROGRESS',
      paidFen: 3000,
      outstandingFen: 6000,
    });

    const story = (await gql(STORY, { id: c.id })).data.case;
    expect(story.performances).toEqual([
      {
        id: first.performance.id,
        amountFen: 2000,
        reversal: { reason: '录入错误，款项未到账' },
      },
      { id: expect.any(String), amountFen: 3000, reversal: null },
    ]);
    expect(story.timeline.map((t: { kind: string }) => t.kind).slice(-3)).toEqual([
      'PAYMENT_RECORDED',
      'PAYMENT_RECORDED',
      'PAYMENT_REVERSED',
    ]);
    const [event] = await h.outbox('cases.performance.reversed', c.id);
    expect(event.payload).toMatchObject({
      performanceId: first.performance.id,
      amountFen: 2000,
      source: 'VOLUNTARY',
      outstandingFen: 6000,
      totalPaidFen: 3000,
      reopened: false,
      state: 'IN_PROGRESS',
      obligorIds: [obligor],
      villageCode: GANGKOU,
      townshipCode: HONGXINGQIAO,
      reversalId: r.data.reversePayment.performance.reversal.id,
    });
  });

  it('re-opens a case completed by the reversed payment to the state it closed from', async () => {
    const c = await inProgress();
    const done = await pay(c.id, 9000);
    expect(done.case).toMatchObject({
      state: 'COMPLETED',
      outcome: 'COMPLETED',
    });
    const r = await reverse(done.performance.id);
    expect(r.errors).toBeUndefined();
    expect(r.data.reversePayment.case).toMatchObject({
      state: 'IN_PROGRESS',
      outcome: null,
      closedAt: null,
      outstandingFen: 9000,
    });
    expect(r.data.reversePayment.performance.reversal.reopenedTo).toBe('IN_PROGRESS');
    expect((await h.outbox('cases.performance.reversed', c.id))[0].payload).toMatchObject({
      reopened: true,
      state: 'IN_PROGRESS',
      outstandingFen: 9000,
    });
    expect((await h.outbox('cases.case.transitioned', c.id)).at(-1)!.payload).toMatchObject({
      from: 'COMPLETED',
      to: 'IN_PROGRESS',
      reason: 'payment reversed',
    });
    const kinds = (await gql(STORY, { id: c.id })).data.case.timeline.map((t: { kind: string }) => t.kind);
    expect(kinds.slice(-4)).toEqual(['PAYMENT_RECORDED', 'CLOSED', 'PAYMENT_REVERSED', 'REOPENED']);
    // Open again, it takes payments and closes again.
    expect((await pay(c.id, 9000)).case).toMatchObject({
      state: 'COMPLETED',
      outcome: 'COMPLETED',
    });
  });

  it('un-pays the instalments the reversed payment paid and re-opens a performed settlement', async () => {
    const c = await inProgress();
    const s = await gql(SETTLE, {
      input: {
        caseId: c.id,
        kind: 'INSTALMENT_PLAN',
        terms: '两期付清',
        instalments: [
          { dueDate: inDays(10), amountFen: 3000 },
          { dueDate: inDays(40), amountFen: 5000 },
        ],
      },
    });
    expect(s.errors).toBeUndefined();
    await pay(c.id, 3000);
    const last = await pay(c.id, 5000);
    expect(last.case).toMatchObject({
      state: 'COMPLETED',
      outcome: 'SETTLED_AND_PERFORMED',
    });
    const r = await reverse(last.performance.id);
    expect(r.errors).toBeUndefined();
    expect(r.data.reversePayment.case).toMatchObject({
      state: 'SETTLED',
      outcome: null,
      paidFen: 3000,
      settlements: [
        {
          status: 'ACTIVE',
          paidFen: 3000,
          instalments: [
            { no: 1, paidFen: 3000, status: 'PAID' },
            { no: 2, paidFen: 0, status: 'DUE' },
          ],
        },
      ],
    });
  });

  it('refuses a payment reversed already (CONFLICT) and a reversal of a reversal (RULE_VIOLATION), writing nothing', async () => {
    const c = await inProgress();
    const p = await pay(c.id, 1000);
    const r = await reverse(p.performance.id);
    expect(r.errors).toBeUndefined();
    const twice = await reverse(p.performance.id);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(twice.errors?.[0]?.message).toMatch(/already been reversed/);
    const ofReversal = await reverse(r.data.reversePayment.performance.reversal.id);
    expect(ofReversal.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'reversal-not-reversible',
    });
    expect(await h.outbox('cases.performance.reversed', c.id)).toHaveLength(1);
    expect((await gql(STORY, { id: c.id })).data.case).toMatchObject({
      paidFen: 0,
      outstandingFen: 9000,
    });
  });

  it('lets the case workers reverse and refuses a village cadre, a liaison and an unknown payment', async () => {
    const c = await inProgress();
    const p = await pay(c.id, 1000);
    const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU });
    expect((await reverse(p.performance.id, cadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await reverse(p.performance.id, identity(['TOWNSHIP_LIAISON'], { divisionCode: HONGXINGQIAO }))).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await reverse(
          p.performance.id,
          identity(['ENFORCEMENT_OFFICER'], {
            divisionCode: '330522106',
            sub: randomUUID(),
          }),
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await reverse(randomUUID())).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await reverse('not-a-uuid')).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'id',
    });
    expect((await reverse(p.performance.id, ADMIN, ' ')).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'reason',
    });
    const officer = identity(['ENFORCEMENT_OFFICER'], {
      divisionCode: HONGXINGQIAO,
      sub: officerId,
    });
    const ok = await reverse(p.performance.id, officer);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.reversePayment.performance.reversal.reversedBy).toBe(officerId);
  });

  it('agrees an instalment plan during urging: payments count as urged and the completed plan closes as performed after urging', async () => {
    // The village meeting's terms, scaled: 10,000 now, 6,000 a month, the rights holder waiving the rest.
    const c = await takeIn({ principalFen: 25_000 });
    expect(c.state).toBe('URGING');
    const s = await gql(SETTLE, {
      input: {
        caseId: c.id,
        kind: 'INSTALMENT_PLAN',
        terms: '当场付10000元，余款每月6000元',
        instalments: [
          { dueDate: inDays(0), amountFen: 10_000 },
          { dueDate: inDays(30), amountFen: 6000 },
          { dueDate: inDays(60), amountFen: 6000 },
        ],
      },
    });
    expect(s.errors).toBeUndefined();
    expect(s.data.agreeSettlement).toMatchObject({
      state: 'URGING',
      urging: { deadline: inDays(60) },
      settlements: [{ status: 'ACTIVE', totalFen: 22_000 }],
    });
    const a = await pay(c.id, 10_000);
    expect(a.performance.source).toBe('URGED');
    expect(a.case.state).toBe('URGING');
    await pay(c.id, 6000);
    const done = await pay(c.id, 6000);
    expect(done.performance.source).toBe('URGED');
    expect(done.case).toMatchObject({
      state: 'PERFORMED_AFTER_URGING',
      outcome: 'PERFORMED_AFTER_URGING',
      outstandingFen: 3000,
      urging: { endReason: 'PERFORMED' },
    });
    expect((await h.outbox('cases.case.closed', c.id))[0].payload).toMatchObject({
      outcome: 'PERFORMED_AFTER_URGING',
      urged: true,
      enforcementFiled: false,
      amountRecoveredFen: 22_000,
    });

    // Its last payment reversed, the plan runs again inside the urging.
    const r = await reverse(done.performance.id);
    expect(r.errors).toBeUndefined();
    expect(r.data.reversePayment.case).toMatchObject({
      state: 'URGING',
      outcome: null,
      urging: { endReason: null },
      settlements: [{ status: 'ACTIVE', paidFen: 16_000 }],
    });
  });

  it('still refuses a settlement on a judgment that is neither in urging nor in progress', async () => {
    const c = await takeIn({ principalFen: 100 });
    await pay(c.id, 100);
    const s = await gql(SETTLE, {
      input: {
        caseId: c.id,
        kind: 'SETTLEMENT',
        terms: '和解',
        instalments: [{ dueDate: inDays(1), amountFen: 100 }],
      },
    });
    expect(s.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'PERFORMED_AFTER_URGING',
      to: 'SETTLED',
    });
  });
});
