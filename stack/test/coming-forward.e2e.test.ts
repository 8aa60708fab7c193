import { gqlRequest, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { addDays, courtDate } from '@zhiyuan/kernel';
import { useE2eStack, DEV_JWT } from './support/e2e';

const GANGKOU = '330522104201';

/**
 * An obligor comes forward online through the gateway (over NATS JetStream when NATS_URL is set):
 * they propose instalments with their party token, the rights holder consents with theirs, the
 * township's officer accepts, and the plan exists in cases, every step is on the case timeline, the
 * rights holder was asked by SMS, and the cockpit counts one obligor who came forward and got a plan.
 */
describe('an obligor coming forward online, across the four subgraphs', () => {
  const e2e = useE2eStack({ name: 'forward', nats: true });
  const auth = e2e.auth;
  const call = (who: string | null, query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest<any>(e2e.gatewayUrl, query, variables, undefined, who ? auth[who]! : {});
  const ok = async (who: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const r = await call(who, query, variables);
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  const partyToken = async (name: string, partyId: string) => {
    const claims: TokenClaims = { sub: `party-${partyId}`, roles: ['PARTY'], partyId };
    auth[name] = { authorization: `Bearer ${await issueToken(claims, DEV_JWT)}` };
  };

  it('takes an instalment proposal from the obligor to a plan in cases, counted on the cockpit', async () => {
    const register = async (name: string, birth: string) =>
      (
        await ok('admin', `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
          i: {
            name,
            idNumber: residentIdNumber(birth, Math.floor(Math.random() * 900) + 100),
            phone: '13812345678',
            address: '港口村 2 号',
            homeDivisionCode: GANGKOU,
          },
        })
      ).registerPerson.id as string;
    const obligor = await register('赵主动', '19790303');
    const obligee = await register('钱权利', '19820404');
    await partyToken('obligor', obligor);
    await partyToken('obligee', obligee);
    const { staffMembers } = await ok('admin', `{ staffMembers(role: "JUDGE", first: 1) { nodes { id } } }`);
    const { causesOfAction } = await ok('admin', `{ causesOfAction { code } }`);
    const today = courtDate(new Date());
    const n = Math.floor(Math.random() * 9000) + 1000;
    const caseId = (
      await ok('admin', `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, {
        i: {
          caseNumber: `(2025)浙0522民初${n}号`,
          court: '长兴县人民法院',
          causeCode: causesOfAction[0].code,
          judgeId: staffMembers.nodes[0].id,
          effectiveDate: today,
          obligorIds: [obligor],
          obligeeIds: [obligee],
          principalFen: 1_200_000,
        },
      })
    ).takeInJudgment.id as string;
    // Tasks knows the case once urging opened the village follow-up.
    await waitFor(
      async () =>
        (await ok('admin', `query($id: ID!) { case(id: $id) { tasks { type } } }`, { id: caseId })).case.tasks.length >
        0,
      { timeoutMs: 20_000, what: 'the case known to tasks' },
    );

    const schedule = [
      { dueDate: addDays(today, 15), amountFen: 400_000 },
      { dueDate: addDays(today, 45), amountFen: 800_000 },
    ];
    const COME = `mutation($caseId: ID!, $input: ComeForwardInput!) { comeForward(caseId: $caseId, input: $input) { id status amountFen } }`;
    // Only the obligor comes forward: the rights holder and a staff token are refused.
    for (const who of ['obligee', 'officer']) {
      const refused = await call(who, COME, {
        caseId,
        input: { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule } },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const proposal = (
      await ok('obligor', COME, {
        caseId,
        input: { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule, terms: '每月15日前支付' } },
      })
    ).comeForward;
    expect(proposal).toMatchObject({ status: 'SUBMITTED', amountFen: 1_200_000 });

    const DECIDE = `mutation($i: DecideProposalInput!) { decideProposal(input: $i) { status } }`;
    const early = await call('officer', DECIDE, { i: { proposalId: proposal.id, decision: 'ACCEPT' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'OBLIGEE_CONSENT_FIRST' });
    const consented = await ok(
      'obligee',
      `mutation($i: RespondToProposalInput!) { respondToProposal(input: $i) { status } }`,
      { i: { proposalId: proposal.id, answer: 'ACCEPT' } },
    );
    expect(consented.respondToProposal.status).toBe('CONSENTED');
    expect(
      (await ok('officer', DECIDE, { i: { proposalId: proposal.id, decision: 'ACCEPT' } })).decideProposal,
    ).toEqual({
      status: 'ACCEPTED',
    });

    // The plan exists in cases, through its own rule, with every step on the timeline.
    const detail = `query($id: ID!) { case(id: $id) { state settlements { kind totalFen status instalments { dueDate amountFen } }
      timeline { kind } notifications { template recipientRole } } }`;
    const c = await waitFor(
      async () => {
        const d = (await ok('admin', detail, { id: caseId })).case;
        const kinds = d.timeline.map((t: { kind: string }) => t.kind);
        return d.settlements.length === 1 && kinds.includes('PROPOSAL_DECIDED') ? d : undefined;
      },
      { timeoutMs: 20_000, what: 'the plan recorded in cases' },
    );
    expect(c.settlements).toEqual([
      { kind: 'INSTALMENT_PLAN', totalFen: 1_200_000, status: 'ACTIVE', instalments: schedule },
    ]);
    expect(c.timeline.map((t: { kind: string }) => t.kind)).toEqual(
      expect.arrayContaining(['PROPOSAL_SUBMITTED', 'PROPOSAL_ANSWERED', 'PROPOSAL_DECIDED', 'SETTLEMENT_AGREED']),
    );
    expect(c.notifications).toEqual(
      expect.arrayContaining([
        { template: 'PROPOSAL_CONSENT_REQUESTED', recipientRole: 'OBLIGEE' },
        { template: 'PROPOSAL_SUBMITTED_STAFF', recipientRole: 'VILLAGE_SECRETARY' },
        { template: 'PROPOSAL_DECIDED', recipientRole: 'OBLIGOR' },
      ]),
    );

    // The obligor reads their proposal; a party of another case cannot.
    const READ = `query($id: ID!) { proposal(id: $id) { status case { id } } }`;
    expect((await ok('obligor', READ, { id: proposal.id })).proposal).toEqual({
      status: 'ACCEPTED',
      case: { id: caseId },
    });
    await partyToken('stranger', await register('孙路人', '19900505'));
    expect((await call('stranger', READ, { id: proposal.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The cockpit counts one obligor who came forward and got a plan.
    const year = { kind: 'YEAR', date: today };
    const stats = await waitFor(
      async () => {
        const s = (
          await ok(
            'admin',
            `query($p: MetricsPeriodInput!) { divisionStats(code: "${GANGKOU}", period: $p) { cameForward cameForwardRelieved cameForwardReliefRate } }`,
            { p: year },
          )
        ).divisionStats;
        return s.cameForwardRelieved === 1 ? s : undefined;
      },
      { timeoutMs: 20_000, what: 'the cockpit counting the proposal' },
    );
    expect(stats).toEqual({ cameForward: 1, cameForwardRelieved: 1, cameForwardReliefRate: 1 });
  });
});
