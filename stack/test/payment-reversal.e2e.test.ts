import { gqlRequest, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { DEMO_ROLES } from '@zhiyuan/gateway';
import { useE2eStack } from './support/e2e';

const GANGKOU = '330522104201';

/**
 * A payment recorded in error, through the gateway: the full payment closes the case and clears the
 * listing; its reversal by the presiding judge re-opens the case, and the credit profile's obligation
 * and the cockpit and judge figures follow, while the removed listing stays removed.
 */
describe('payment reversal across the four subgraphs', () => {
  const e2e = useE2eStack({ name: 'reversal', shared: true });
  const auth = e2e.auth;
  const call = (role: string | null, query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.gatewayUrl, query, variables, undefined, role ? auth[role]! : {});
  const ok = async (role: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const r = await call(role, query, variables);
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data;
  };

  it('re-opens the case its reversed payment closed; profile, cockpit and judge follow, the listing stays removed', async () => {
    const register = (name: string, id: string) =>
      ok('admin', `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name, idNumber: id, phone: '13812345678', address: '港口村 2 号', homeDivisionCode: GANGKOU },
      });
    const obligor = (await register('赵错账', residentIdNumber('19790303', Math.floor(Math.random() * 900) + 100)))
      .registerPerson.id;
    const obligee = (await register('钱申请', residentIdNumber('19860404', Math.floor(Math.random() * 900) + 100)))
      .registerPerson.id;
    const { causesOfAction } = await ok('admin', `{ causesOfAction { code } }`);
    const n = Math.floor(Math.random() * 9000) + 1000;
    const today = new Date().toISOString().slice(0, 10);
    const caseId = (
      await ok('admin', `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, {
        i: {
          caseNumber: `(2025)浙0522民初${n}号`,
          court: '长兴县人民法院',
          causeCode: causesOfAction[0].code,
          judgeId: DEMO_ROLES.judge!.sub,
          effectiveDate: today,
          obligorIds: [obligor],
          obligeeIds: [obligee],
          principalFen: 800_000,
        },
      })
    ).takeInJudgment.id as string;
    await ok('admin', `mutation($i: FileEnforcementInput!) { fileEnforcement(input: $i) { id } }`, {
      i: { caseId, enforcementNumber: `(2025)浙0522执${n}号` },
    });
    await ok(
      'admin',
      `mutation($id: ID!) { changeCaseState(caseId: $id, to: IN_PROGRESS, reason: "开始执行") { state } }`,
      { id: caseId },
    );
    const listing = await waitFor(
      async () =>
        (
          await call('judge', `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, {
            i: { partyId: obligor, caseId, ground: 'ABLE_BUT_REFUSES' },
          })
        ).data?.listDishonestObligor?.id as string | undefined,
      { timeoutMs: 20_000, what: 'listing accepted' },
    );

    const year = { kind: 'YEAR', date: today };
    const view = `query($id: ID!, $p: MetricsPeriodInput!) { case(id: $id) { state outcome outstandingFen
      timeline { kind } performances { id reversal { reason } } listings { id status }
      obligors { homeDivision { stats(period: $p) { closedCases } } }
      judge { performance(period: $p) { rawCount } } } }`;
    const paid = await ok(
      'officer',
      `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { performance { id } case { state } } }`,
      {
        i: { caseId, amountFen: 800_000, paidOn: today, channel: 'BANK_TRANSFER' },
      },
    );
    expect(paid.recordPayment.case.state).toBe('COMPLETED');
    const closed = await waitFor(
      async () => {
        const d = (await ok('admin', view, { id: caseId, p: year })).case;
        return d.judge.performance?.rawCount >= 1 && d.listings.every((l: { status: string }) => l.status === 'REMOVED')
          ? d
          : undefined;
      },
      { timeoutMs: 20_000, what: 'close counted and listing removed' },
    );
    const closedCases = closed.obligors[0].homeDivision.stats.closedCases as number;
    const judgeCount = closed.judge.performance.rawCount as number;

    // A village cadre may not put payments right; the presiding judge may.
    const REVERSE = `mutation($id: ID!, $r: String!) { reversePayment(id: $id, reason: $r) { case { state outstandingFen } performance { reversal { reason reopenedTo } } } }`;
    expect(
      (await call('cadre', REVERSE, { id: paid.recordPayment.performance.id, r: '银行退票' })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const reversed = await ok('judge', REVERSE, { id: paid.recordPayment.performance.id, r: '银行退票' });
    expect(reversed.reversePayment).toEqual({
      case: { state: 'IN_PROGRESS', outstandingFen: 800_000 },
      performance: { reversal: { reason: '银行退票', reopenedTo: 'IN_PROGRESS' } },
    });
    expect(
      (await call('judge', REVERSE, { id: paid.recordPayment.performance.id, r: '再次' })).errors?.[0]?.extensions
        ?.code,
    ).toBe('CONFLICT');

    const reopened = await waitFor(
      async () => {
        const d = (await ok('admin', view, { id: caseId, p: year })).case;
        return d.judge.performance?.rawCount === judgeCount - 1 &&
          d.obligors[0].homeDivision.stats.closedCases === closedCases - 1
          ? d
          : undefined;
      },
      { timeoutMs: 20_000, what: 'the close no longer counted' },
    );
    expect(reopened).toMatchObject({
      state: 'IN_PROGRESS',
      outcome: null,
      outstandingFen: 800_000,
      performances: [{ reversal: { reason: '银行退票' } }],
      listings: [{ id: listing, status: 'REMOVED' }],
    });
    expect(reopened.timeline.map((t: { kind: string }) => t.kind).slice(-4)).toEqual([
      'PAYMENT_RECORDED',
      'CLOSED',
      'PAYMENT_REVERSED',
      'REOPENED',
    ]);
    // The obligation is outstanding again for people-credit: the court may list the obligor anew.
    await waitFor(
      async () =>
        (
          await call('judge', `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, {
            i: { partyId: obligor, caseId, ground: 'ABLE_BUT_REFUSES' },
          })
        ).data?.listDishonestObligor?.id,
      { timeoutMs: 20_000, what: 'listing accepted again' },
    );
  });
});
