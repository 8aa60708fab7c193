import { gqlRequest, natsUrl, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { useE2eStack } from './support/e2e';

const GANGKOU = '330522104201';

/**
 * The product's main flow through the gateway, on the in-process bus and over real NATS JetStream (when
 * NATS_URL is set): a judgment becomes effective, urging opens village work, the case is filed, the
 * obligor is listed and appears on the board and at the partner departments, and a full payment clears
 * the listing, the board, the credit links, closes the case and counts for the judge and the cockpit.
 */
const buses: [string, string | undefined][] = [
  ['in-process bus', undefined],
  ...(natsUrl() ? [['NATS JetStream', natsUrl()] as [string, string]] : []),
];

describe.each(buses)('enforcement flow across the four subgraphs (%s)', (_kind, nats) => {
  const e2e = useE2eStack({ name: 'flow', nats, ownConsumers: true });
  const auth = e2e.auth;
  const as = (role: string) => auth[role]!;
  const call = (role: string | null, query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.gatewayUrl, query, variables, undefined, role ? as(role) : {});
  const ok = async (role: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const r = await call(role, query, variables);
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data;
  };

  it('runs from judgment to listing to full performance, and every read model follows', async () => {
    const { staffMembers } = await ok('admin', `{ staffMembers(role: "JUDGE", first: 1) { nodes { id name } } }`);
    const judge = staffMembers.nodes[0];
    const register = (name: string, id: string) =>
      ok('admin', `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name, idNumber: id, phone: '13812345678', address: '港口村 1 号', homeDivisionCode: GANGKOU },
      });
    const obligorIdNumber = residentIdNumber('19800101', Math.floor(Math.random() * 900) + 100);
    const obligor = (await register('王大力', obligorIdNumber)).registerPerson.id;
    const obligee = (await register('李小花', residentIdNumber('19850202', Math.floor(Math.random() * 900) + 100)))
      .registerPerson.id;
    const { causesOfAction } = await ok('admin', `{ causesOfAction { code } }`);
    const n = Math.floor(Math.random() * 9000) + 1000;

    // Routing needs the party projection in cases: wait until a judgment would be routed.
    const caseId = (
      await ok('admin', `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id state } }`, {
        i: {
          caseNumber: `(2025)浙0522民初${n}号`,
          court: '长兴县人民法院',
          causeCode: causesOfAction[0].code,
          judgeId: judge.id,
          effectiveDate: new Date().toISOString().slice(0, 10),
          obligorIds: [obligor],
          obligeeIds: [obligee],
          principalFen: 1_250_000,
        },
      })
    ).takeInJudgment.id as string;

    // Urging opens the village follow-up call (tasks) and SMS notices.
    await waitFor(
      async () =>
        (await ok('admin', `query($id: ID!) { case(id: $id) { tasks { type } } }`, { id: caseId })).case.tasks.some(
          (t: { type: string }) => t.type === 'FOLLOW_UP_CALL',
        ),
      { timeoutMs: 20_000, what: 'follow-up task' },
    );

    await ok('admin', `mutation($i: FileEnforcementInput!) { fileEnforcement(input: $i) { id state } }`, {
      i: { caseId, enforcementNumber: `(2025)浙0522执${n}号` },
    });
    await waitFor(
      async () =>
        (
          await call('admin', `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, {
            i: { partyId: obligor, caseId, ground: 'ABLE_BUT_REFUSES' },
          })
        ).data?.listDishonestObligor?.id,
      { timeoutMs: 20_000, what: 'listing accepted once the case projection has the obligation' },
    );

    // The public board (anonymous) shows the obligor, masked; every partner department sees the restriction.
    const board = async () =>
      (
        await ok(
          null,
          `{ exposureBoard(divisionCode: "${GANGKOU}") { nodes { name idNumberMasked outstandingFen caseNumber } } }`,
        )
      ).exposureBoard.nodes;
    await waitFor(async () => (await board()).length === 1, { what: 'board entry' });
    expect((await board())[0]).toMatchObject({
      name: '王大力',
      idNumberMasked: `${obligorIdNumber.slice(0, 10)}****${obligorIdNumber.slice(14)}`,
      outstandingFen: 1_250_000,
    });
    const partner = async () =>
      (
        await ok('partner', `query($n: String!) { partnerCreditStatus(idNumber: $n) { department status } }`, {
          n: obligorIdNumber,
        })
      ).partnerCreditStatus;
    await waitFor(async () => (await partner()).status === 'RESTRICTED', { what: 'partner restriction' });

    // One query, four subgraphs: cases (case, state), people-credit (party, division, listings), tasks (tasks), metrics (stats).
    const year = { kind: 'YEAR', date: new Date().toISOString().slice(0, 10) };
    const detail = `query($id: ID!, $p: MetricsPeriodInput!) { case(id: $id) { caseNumber state outstandingFen
      obligors { name homeDivision { name stats(period: $p) { closedCases } } }
      tasks { type } listings { id }
      judge { name performance(period: $p) { rawCount weightedScore } } } }`;
    const before = await ok('admin', detail, { id: caseId, p: year });
    expect(before.case).toMatchObject({
      state: 'ENFORCEMENT_FILED',
      outstandingFen: 1_250_000,
      obligors: [{ name: '王大力', homeDivision: { name: '港口村', stats: { closedCases: 0 } } }],
      judge: { name: judge.name },
    });
    expect(before.case.listings).toHaveLength(1);
    expect(before.case.tasks.map((t: { type: string }) => t.type)).toEqual(
      expect.arrayContaining(['FOLLOW_UP_CALL', 'LOCATE_PERSON', 'FIND_ASSETS']),
    );

    // Full performance: the listing, the board entry and every department's restriction go, the case closes and counts.
    await ok('admin', `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { state } } }`, {
      i: { caseId, amountFen: 1_250_000, paidOn: new Date().toISOString().slice(0, 10), channel: 'BANK_TRANSFER' },
    });
    await waitFor(async () => (await board()).length === 0, { what: 'board entry removed' });
    await waitFor(async () => (await partner()).status === 'CLEAR', { what: 'partner cleared' });
    const after = await waitFor(
      async () => {
        const d = await ok('admin', detail, { id: caseId, p: year });
        return d.case.judge.performance?.rawCount === 1 && d.case.obligors[0].homeDivision.stats.closedCases === 1
          ? d
          : undefined;
      },
      { timeoutMs: 20_000, what: 'judge score and cockpit updated' },
    );
    expect(after.case.state).toBe('COMPLETED');
    expect(after.case.outstandingFen).toBe(0);
    expect(after.case.judge.performance.weightedScore).toBe(1);
  });
});
