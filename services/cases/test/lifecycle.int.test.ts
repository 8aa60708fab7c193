import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest } from '@zhiyuan/testing';
import { addMonths, courtDate } from '@zhiyuan/kernel';
import { runSweep, settingsFrom, loadCasesConfig } from '../src';
import { CHANGE, FILE, GET, PAY, SETTLE, TAKE_IN } from './factories/graphql';
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

describe('case lifecycle: urging, enforcement, payments, settlements', () => {
  let h: Harness;
  const officerId = randomUUID();
  const obligor = randomUUID();
  const gql = (query: string, variables: Record<string, unknown> = {}) => gqlRequest(h.url, query, variables, ADMIN);
  const settings = settingsFrom(loadCasesConfig({ DATABASE_URL: 'postgres://x' }));

  beforeAll(async () => {
    h = await startCases();
    await h.deliver(partyEvent(obligor, GANGKOU, HONGXINGQIAO));
    await h.deliver(staffEvent(officerId, HONGXINGQIAO));
  });
  afterAll(() => h.stop());

  async function takeIn(overrides = {}) {
    const r = await gql(TAKE_IN, { input: judgment({ obligorIds: [obligor], ...overrides }) });
    expect(r.errors).toBeUndefined();
    return r.data.takeInJudgment;
  }
  async function inProgress(amount = {}) {
    const c = await takeIn(amount);
    const f = await gql(FILE, { input: { caseId: c.id, enforcementNumber: enforcementNumber() } });
    expect(f.errors).toBeUndefined();
    const p = await gql(CHANGE, { caseId: c.id, to: 'IN_PROGRESS', reason: 'officer starts work' });
    expect(p.errors).toBeUndefined();
    return p.data.changeCaseState;
  }
  const pay = (caseId: string, amountFen: number, extra = {}) =>
    gql(PAY, { input: { caseId, amountFen, paidOn: '2024-07-01', channel: 'BANK_TRANSFER', ...extra } });

  it('takes in a judgment routed to the obligor home, starts urging and emits both events', async () => {
    const c = await takeIn();
    expect(c).toMatchObject({
      state: 'URGING',
      urged: true,
      amountOwedFen: 1_060_000,
      outstandingFen: 1_060_000,
      village: { code: GANGKOU },
      township: { code: HONGXINGQIAO },
    });
    expect(c.urging.deadline).toBe(inDays(15));
    const [effective] = await h.outbox('cases.judgment.effective', c.id);
    expect(effective.payload).toMatchObject({
      caseNumber: c.caseNumber,
      amountOwedFen: 1_060_000,
      villageCode: GANGKOU,
      townshipCode: HONGXINGQIAO,
      obligorIds: [obligor],
    });
    const [urging] = await h.outbox('cases.urging.started', c.id);
    expect(urging.payload).toMatchObject({
      deadline: inDays(15),
      amountOwedFen: 1_060_000,
      villageCode: GANGKOU,
      obligorIds: [obligor],
    });
  });

  it('keeps the balance exact over partial payments and closes as PERFORMED_AFTER_URGING at exactly zero', async () => {
    const c = await takeIn({ principalFen: 1001, interestFen: 0, costsFen: 0 });
    const a = await pay(c.id, 333);
    expect(a.data.recordPayment.performance).toMatchObject({
      amountFen: 333,
      source: 'URGED',
      outstandingAfterFen: 668,
    });
    const b = await pay(c.id, 667);
    expect(b.data.recordPayment.case).toMatchObject({ state: 'URGING', outstandingFen: 1 });
    const z = await pay(c.id, 1);
    expect(z.data.recordPayment.case).toMatchObject({
      state: 'PERFORMED_AFTER_URGING',
      outcome: 'PERFORMED_AFTER_URGING',
      outstandingFen: 0,
      paidFen: 1001,
      urging: { endReason: 'PERFORMED' },
    });
    const [closed] = await h.outbox('cases.case.closed', c.id);
    expect(closed.payload).toMatchObject({
      outcome: 'PERFORMED_AFTER_URGING',
      urged: true,
      enforcementFiled: false,
      amountRecoveredFen: 1001,
      villageCode: GANGKOU,
    });
    const recorded = await h.outbox('cases.performance.recorded', c.id);
    expect(recorded.map((e) => e.payload.outstandingFen)).toEqual([668, 1, 0]);
    // The routing travels with the payment, so consumers by division need not read the case.
    expect(recorded[0].payload).toMatchObject({ villageCode: GANGKOU, townshipCode: HONGXINGQIAO });
    expect((await h.outbox('cases.urging.ended', c.id))[0].payload.reason).toBe('PERFORMED');
  });

  it('refuses an overpayment and writes nothing', async () => {
    const c = await takeIn({ principalFen: 500, interestFen: 0, costsFen: 0 });
    const r = await pay(c.id, 501);
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'overpayment',
      outstandingFen: 500,
    });
    const after = await gql(GET, { id: c.id });
    expect(after.data.case).toMatchObject({ paidFen: 0, performances: [] });
    expect(await h.outbox('cases.performance.recorded', c.id)).toHaveLength(0);
  });

  it('refuses a payment on a closed case and a payment of zero', async () => {
    const c = await takeIn({ principalFen: 100, interestFen: 0, costsFen: 0 });
    await pay(c.id, 100);
    expect((await pay(c.id, 1)).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'case-closed' });
    const c2 = await takeIn();
    expect((await pay(c2.id, 0)).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'amountFen',
    });
    expect((await pay(c2.id, 10, { paidOn: inDays(3) })).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'paidOn',
    });
    expect((await pay(c2.id, 10, { paidOn: '2024-05-01' })).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'paidOn',
    });
  });

  it('files the enforcement case to the township officer, ending the urging', async () => {
    const c = await takeIn();
    const number = enforcementNumber();
    const f = await gql(FILE, { input: { caseId: c.id, enforcementNumber: number, needsService: true } });
    expect(f.errors).toBeUndefined();
    expect(f.data.fileEnforcement).toMatchObject({
      state: 'ENFORCEMENT_FILED',
      enforcementNumber: number,
      enforcementOfficer: { id: officerId },
      urging: { endReason: 'ENFORCEMENT_APPLIED' },
    });
    const [filed] = await h.outbox('cases.enforcement.filed', c.id);
    expect(filed.payload).toMatchObject({
      officerId,
      enforcementNumber: number,
      amountAppliedFen: 1_060_000,
      needsService: true,
      townshipCode: HONGXINGQIAO,
    });
    const again = await gql(FILE, { input: { caseId: (await takeIn()).id, enforcementNumber: number } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const bad = await gql(FILE, { input: { caseId: c.id, enforcementNumber: '(2024)浙0522民初1号' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('closes an enforcement case paid in full as COMPLETED, urged but not performed after urging', async () => {
    const c = await inProgress({ principalFen: 2000, interestFen: 0, costsFen: 0 });
    const r = await pay(c.id, 2000, { source: 'ENFORCED' });
    expect(r.data.recordPayment.case).toMatchObject({ state: 'COMPLETED', outcome: 'COMPLETED' });
    const [closed] = await h.outbox('cases.case.closed', c.id);
    expect(closed.payload).toMatchObject({
      outcome: 'COMPLETED',
      urged: true,
      enforcementFiled: true,
      officerId,
      amountAppliedFen: 2000,
      amountRecoveredFen: 2000,
    });
  });

  it('marks missed instalments once, meets the others, and closes as SETTLED_AND_PERFORMED', async () => {
    const c = await inProgress({ principalFen: 9000, interestFen: 0, costsFen: 0 });
    const s = await gql(SETTLE, {
      input: {
        caseId: c.id,
        kind: 'INSTALMENT_PLAN',
        terms: '三期付清，申请人放弃部分利息',
        instalments: [
          { dueDate: inDays(10), amountFen: 3000 },
          { dueDate: inDays(40), amountFen: 3000 },
          { dueDate: inDays(70), amountFen: 2000 },
        ],
      },
    });
    expect(s.errors).toBeUndefined();
    expect(s.data.agreeSettlement).toMatchObject({
      state: 'SETTLED',
      settlements: [{ status: 'ACTIVE', totalFen: 8000 }],
    });
    expect((await h.outbox('cases.settlement.agreed', c.id))[0].payload.instalments).toHaveLength(3);

    await pay(c.id, 3000);
    // 45 days on: instalment 2 is past due and unpaid; instalment 1 was met.
    const later = new Date(Date.now() + 45 * 86_400_000);
    const first = await runSweep(h.service.runtime.messaging, settings, later);
    expect(first.instalmentsMissed).toBeGreaterThanOrEqual(1);
    const again = await runSweep(h.service.runtime.messaging, settings, later);
    expect(again.instalmentsMissed).toBe(0);
    const missed = await h.outbox('cases.instalment.missed', c.id);
    expect(missed).toHaveLength(1);
    expect(missed[0].payload).toMatchObject({
      instalmentNo: 2,
      amountFen: 3000,
      dueDate: inDays(40),
      obligorIds: [obligor],
    });

    await pay(c.id, 3000);
    const done = await pay(c.id, 2000);
    expect(done.data.recordPayment.performance.source).toBe('SETTLEMENT');
    expect(done.data.recordPayment.case).toMatchObject({
      state: 'COMPLETED',
      outcome: 'SETTLED_AND_PERFORMED',
      outstandingFen: 1000,
    });
    const got = await gql(
      `query($id: ID!) { case(id: $id) { settlements { status paidFen instalments { no status paidFen } } } }`,
      { id: c.id },
    );
    expect(got.data.case.settlements[0]).toEqual({
      status: 'PERFORMED',
      paidFen: 8000,
      instalments: [
        { no: 1, status: 'PAID', paidFen: 3000 },
        { no: 2, status: 'MISSED', paidFen: 3000 },
        { no: 3, status: 'PAID', paidFen: 2000 },
      ],
    });
    expect((await h.outbox('cases.case.closed', c.id))[0].payload).toMatchObject({
      outcome: 'SETTLED_AND_PERFORMED',
      amountRecoveredFen: 8000,
    });
  });

  it('records a settlement agreed earlier: instalments already past due are checked at once, the rest stay due', async () => {
    // The judgment became effective on 2024-06-01 (the factory's date).
    const c = await inProgress({ principalFen: 9000, interestFen: 0, costsFen: 0 });
    const s = await gql(SETTLE, {
      input: {
        caseId: c.id,
        kind: 'INSTALMENT_PLAN',
        terms: '三期付清',
        agreedOn: '2024-09-01',
        instalments: [
          { dueDate: '2024-09-01', amountFen: 3000 },
          { dueDate: '2024-10-01', amountFen: 3000 },
          { dueDate: inDays(30), amountFen: 3000 },
        ],
      },
    });
    expect(s.errors).toBeUndefined();
    expect(s.data.agreeSettlement).toMatchObject({ state: 'SETTLED' });
    const got = async () =>
      (
        await gql(
          `query($id: ID!) { case(id: $id) { settlements { agreedOn status instalments { no status paidFen } } } }`,
          { id: c.id },
        )
      ).data.case.settlements[0];
    expect(await got()).toEqual({
      agreedOn: '2024-09-01',
      status: 'ACTIVE',
      instalments: [
        { no: 1, status: 'MISSED', paidFen: 0 },
        { no: 2, status: 'MISSED', paidFen: 0 },
        { no: 3, status: 'DUE', paidFen: 0 },
      ],
    });
    const missed = await h.outbox('cases.instalment.missed', c.id);
    expect(missed.map((m) => m.payload)).toEqual([
      expect.objectContaining({ instalmentNo: 1, dueDate: '2024-09-01', amountFen: 3000, obligorIds: [obligor] }),
      expect.objectContaining({ instalmentNo: 2, dueDate: '2024-10-01', amountFen: 3000, obligorIds: [obligor] }),
    ]);
    const timeline = (await gql(GET, { id: c.id })).data.case.timeline.map((x: { kind: string }) => x.kind);
    expect(timeline.slice(-3)).toEqual(['SETTLEMENT_AGREED', 'INSTALMENT_MISSED', 'INSTALMENT_MISSED']);

    // The scheduled check finds nothing more to mark today; money paid later still counts.
    await runSweep(h.service.runtime.messaging, settings, new Date());
    expect(await h.outbox('cases.instalment.missed', c.id)).toHaveLength(2);
    await pay(c.id, 6000);
    expect((await got()).instalments).toEqual([
      { no: 1, status: 'MISSED', paidFen: 3000 },
      { no: 2, status: 'MISSED', paidFen: 3000 },
      { no: 3, status: 'DUE', paidFen: 0 },
    ]);
    const done = await pay(c.id, 3000);
    expect(done.data.recordPayment.case).toMatchObject({ state: 'COMPLETED', outcome: 'SETTLED_AND_PERFORMED' });
  });

  it('refuses a settlement agreed in the future or before the judgment, and instalments due before it was agreed', async () => {
    const c = await inProgress();
    const settle = (extra: Record<string, unknown>) =>
      gql(SETTLE, {
        input: {
          caseId: c.id,
          kind: 'SETTLEMENT',
          terms: '一次付清',
          instalments: [{ dueDate: inDays(5), amountFen: 100 }],
          ...extra,
        },
      });
    expect((await settle({ agreedOn: inDays(1) })).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'agreedOn',
    });
    expect((await settle({ agreedOn: '2024-05-31' })).errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'agreedOn',
    });
    const early = await settle({ agreedOn: '2024-08-01', instalments: [{ dueDate: '2024-07-31', amountFen: 100 }] });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'instalments.0.dueDate' });
    expect(early.errors?.[0]?.message).toContain('2024-08-01');
    const past = await settle({ instalments: [{ dueDate: inDays(-1), amountFen: 100 }] });
    expect(past.errors?.[0]).toMatchObject({
      message: 'An instalment cannot fall due in the past',
      extensions: { code: 'VALIDATION_FAILED', field: 'instalments.0.dueDate' },
    });
    // Nothing was written by the refusals.
    expect((await gql(GET, { id: c.id })).data.case).toMatchObject({ state: 'IN_PROGRESS' });
    expect(await h.outbox('cases.settlement.agreed', c.id)).toHaveLength(0);
  });

  it('refuses a settlement larger than the balance', async () => {
    const c = await inProgress({ principalFen: 100, interestFen: 0, costsFen: 0 });
    const r = await gql(SETTLE, {
      input: {
        caseId: c.id,
        kind: 'SETTLEMENT',
        terms: '一次付清',
        instalments: [{ dueDate: inDays(5), amountFen: 101 }],
      },
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'settlement-exceeds-balance' });
  });

  it('terminates for this round with a re-search due in 6 months, reopens, and exits', async () => {
    const c = await inProgress();
    const t = await gql(CHANGE, { caseId: c.id, to: 'TERMINATED_THIS_ROUND', reason: '无可供执行财产' });
    expect(t.data.changeCaseState).toMatchObject({ state: 'TERMINATED_THIS_ROUND', outcome: 'TERMINATED_THIS_ROUND' });
    expect(t.data.changeCaseState.nextResearchDue).toBe(addMonths(courtDate(new Date()), 6));
    const r = await gql(CHANGE, { caseId: c.id, to: 'IN_PROGRESS', reason: '发现新财产' });
    expect(r.data.changeCaseState).toMatchObject({
      state: 'IN_PROGRESS',
      outcome: null,
      closedAt: null,
      nextResearchDue: null,
    });
    const e = await gql(CHANGE, { caseId: c.id, to: 'EXITED', reason: '被执行人丧失劳动能力' });
    expect(e.data.changeCaseState).toMatchObject({ state: 'EXITED', outcome: 'EXITED' });
    const closes = await h.outbox('cases.case.closed', c.id);
    expect(closes.map((x) => x.payload.outcome)).toEqual(['TERMINATED_THIS_ROUND', 'EXITED']);
    const timeline = (await gql(GET, { id: c.id })).data.case.timeline.map((x: { kind: string }) => x.kind);
    expect(timeline).toEqual([
      'JUDGMENT_EFFECTIVE',
      'URGING_STARTED',
      'URGING_ENDED',
      'ENFORCEMENT_FILED',
      'STATE_CHANGED',
      'CLOSED',
      'REOPENED',
      'CLOSED',
    ]);
  });

  it('closes a case whose rights holder withdraws the application as WITHDRAWN', async () => {
    const c = await inProgress();
    await pay(c.id, 60_000);
    const w = await gql(CHANGE, { caseId: c.id, to: 'WITHDRAWN', reason: '申请人撤回执行申请' });
    expect(w.data.changeCaseState).toMatchObject({
      state: 'WITHDRAWN',
      outcome: 'WITHDRAWN',
      outstandingFen: 1_000_000,
    });
    expect((await h.outbox('cases.case.closed', c.id))[0].payload).toMatchObject({
      outcome: 'WITHDRAWN',
      amountRecoveredFen: 60_000,
    });
    expect(
      (await gql(CHANGE, { caseId: c.id, to: 'IN_PROGRESS', reason: 'again' })).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'INVALID_TRANSITION', from: 'WITHDRAWN' });
  });

  it('returns INVALID_TRANSITION with the current and requested state, and RULE_VIOLATION for states reached by action', async () => {
    const c = await takeIn();
    const r = await gql(CHANGE, { caseId: c.id, to: 'EXITED', reason: 'not yet filed' });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'URGING', to: 'EXITED' });
    const p = await inProgress();
    const s = await gql(CHANGE, { caseId: p.id, to: 'COMPLETED', reason: 'manual close' });
    expect(s.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'state-follows-from-action' });
    const back = await gql(CHANGE, { caseId: p.id, to: 'ENFORCEMENT_FILED', reason: 'back' });
    expect(back.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'IN_PROGRESS',
      to: 'ENFORCEMENT_FILED',
    });
  });

  it('lapses an urging past its deadline once, leaving the judgment waiting for an application', async () => {
    const c = await takeIn();
    const later = new Date(Date.now() + 20 * 86_400_000);
    const r = await runSweep(h.service.runtime.messaging, settings, later);
    expect(r.urgingsLapsed).toBeGreaterThanOrEqual(1);
    expect((await runSweep(h.service.runtime.messaging, settings, later)).urgingsLapsed).toBe(0);
    const got = await gql(GET, { id: c.id });
    expect(got.data.case).toMatchObject({ state: 'EFFECTIVE', urged: true, urging: { endReason: 'DEADLINE_PASSED' } });
    expect((await h.outbox('cases.urging.ended', c.id)).map((e) => e.payload.reason)).toEqual(['DEADLINE_PASSED']);
    // A payment in full now completes the judgment without an enforcement case; it does not count as performed after urging.
    const paid = await pay(c.id, 1_060_000);
    expect(paid.data.recordPayment.case).toMatchObject({ state: 'COMPLETED', outcome: 'COMPLETED' });
  });

  it('rejects bad judgments with the field, and a duplicate case number with CONFLICT', async () => {
    const bad = await gql(TAKE_IN, { input: judgment({ caseNumber: '2024-民初-1' }) });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'caseNumber' });
    const badId = await gql(TAKE_IN, { input: judgment({ obligorIds: ['not-a-uuid'] }) });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'obligorIds.0' });
    const cause = await gql(TAKE_IN, { input: judgment({ causeCode: 'WITCHCRAFT' }) });
    expect(cause.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'causeCode' });
    const j = judgment({ caseNumber: '（2023）浙0522民初77号' });
    expect((await gql(TAKE_IN, { input: j })).data.takeInJudgment.caseNumber).toBe('(2023)浙0522民初77号');
    const dup = await gql(TAKE_IN, { input: { ...j, caseNumber: '(2023)浙0522民初77号' } });
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
