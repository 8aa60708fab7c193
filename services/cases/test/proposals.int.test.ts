import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventPayload } from '@zhiyuan/events';
import { addDays, courtDate } from '@zhiyuan/kernel';
import { ADMIN, buildEvent, gqlRequest, waitFor } from '@zhiyuan/testing';
import { FILE, GET, TAKE_IN } from './factories/graphql';
import { enforcementNumber, judgment, startCases, type Harness } from './factories';

const SETTLEMENTS = `query($id: ID!) { case(id: $id) { state settlements { kind totalFen status instalments { no dueDate amountFen } } timeline { kind actor summary zh: summary(locale: ZH_CN) } } }`;

describe('proposals obligors make online, as cases sees them', () => {
  let h: Harness;
  const gql = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest<any>(h.url, query, variables, ADMIN);
  const today = courtDate(new Date());
  const plan = [
    { dueDate: addDays(today, 10), amountFen: 400_000 },
    { dueDate: addDays(today, 40), amountFen: 600_000 },
  ];

  beforeAll(async () => {
    h = await startCases();
  });
  afterAll(() => h.stop());

  async function aFiledCase() {
    const taken = await gql(TAKE_IN, { input: judgment() });
    expect(taken.errors).toBeUndefined();
    const c = taken.data.takeInJudgment;
    const filed = await gql(FILE, { input: { caseId: c.id, enforcementNumber: enforcementNumber() } });
    expect(filed.errors).toBeUndefined();
    return filed.data.fileEnforcement as { id: string; amountOwedFen: number };
  }
  const ev = <
    T extends
      'tasks.proposal.submitted' | 'tasks.proposal.answered' | 'tasks.proposal.decided' | 'tasks.proposal.expired',
  >(
    type: T,
    payload: Partial<EventPayload<T>> & { caseId: string },
  ) => buildEvent(type, payload, { producer: 'tasks', key: payload.caseId });
  /** Publishes a decision and waits until both of its consumers here (settlement, timeline) handled it. */
  const deliverDecision = async (e: EventEnvelope) => {
    await h.bus.publish(e.type, e);
    await waitFor(
      async () =>
        (await h.service.runtime.ds.query(`SELECT 1 FROM cases.inbox_message WHERE event_id = $1`, [e.id])).length ===
        2,
      { what: 'both consumers handled the decision' },
    );
  };
  const decided = (caseId: string, proposalId: string, over: Partial<EventPayload<'tasks.proposal.decided'>> = {}) =>
    ev('tasks.proposal.decided', {
      proposalId,
      caseId,
      decision: 'ACCEPT',
      decidedBy: 'officer-1',
      settlement: { kind: 'INSTALMENT_PLAN', terms: '每月按期支付', instalments: plan },
      ...over,
    });

  it('records an accepted instalment plan as the case plan, once, with every step on the timeline', async () => {
    const c = await aFiledCase();
    const proposalId = randomUUID();
    const obligorId = randomUUID();
    await h.deliver(
      ev('tasks.proposal.submitted', { proposalId, caseId: c.id, obligorId, amountFen: 1_000_000, instalments: plan }),
    );
    await h.deliver(ev('tasks.proposal.answered', { proposalId, caseId: c.id, obligorId, obligeeId: randomUUID() }));
    const decision = decided(c.id, proposalId, { obligorId });
    await deliverDecision(decision);
    // Delivered again, and re-published under a new event id: nothing more.
    await h.bus.publish(decision.type, decision);
    await deliverDecision({ ...decision, id: randomUUID() });

    const got = (await gql(SETTLEMENTS, { id: c.id })).data.case;
    expect(got.state).toBe('SETTLED');
    expect(got.settlements).toEqual([
      {
        kind: 'INSTALMENT_PLAN',
        totalFen: 1_000_000,
        status: 'ACTIVE',
        instalments: plan.map((p, k) => ({ no: k + 1, ...p })),
      },
    ]);
    const agreed = await h.outbox('cases.settlement.agreed', c.id);
    expect(agreed).toHaveLength(1);
    expect(agreed[0]!.payload).toMatchObject({ kind: 'INSTALMENT_PLAN', totalFen: 1_000_000 });
    const steps = got.timeline.filter(
      (t: { kind: string }) => t.kind.startsWith('PROPOSAL_') || t.kind === 'SETTLEMENT_AGREED',
    );
    expect(steps.map((t: { kind: string; actor: string }) => [t.kind, t.actor])).toEqual(
      expect.arrayContaining([
        ['PROPOSAL_SUBMITTED', `party:${obligorId}`],
        ['PROPOSAL_ANSWERED', expect.stringMatching(/^party:/)],
        ['PROPOSAL_DECIDED', 'officer-1'],
        ['SETTLEMENT_AGREED', `proposal:${proposalId}`],
      ]),
    );
    expect(steps.map((t: { kind: string }) => t.kind).sort()).toEqual([
      'PROPOSAL_ANSWERED',
      'PROPOSAL_DECIDED',
      'PROPOSAL_SUBMITTED',
      'SETTLEMENT_AGREED',
    ]);
    const submitted = steps.find((t: { kind: string }) => t.kind === 'PROPOSAL_SUBMITTED');
    expect(submitted.zh).toBe('被执行人在网上主动提出分期履行方案，共 10,000.00 元，分 2 期');
    expect(submitted.summary).toBe(submitted.zh); // Chinese unless asked otherwise
    const en = (await gql(`query($id: ID!) { case(id: $id) { timeline(locale: EN) { kind summary } } }`, { id: c.id }))
      .data.case.timeline;
    expect(en.find((t: { kind: string }) => t.kind === 'PROPOSAL_SUBMITTED').summary).toBe(
      'The obligor came forward online with an instalment plan of ¥10,000.00 in 2 instalment(s)',
    );
  });

  it('records nothing for a rejected proposal or a grace decision, and notes a schedule the case cannot take', async () => {
    const c = await aFiledCase();
    await deliverDecision(decided(c.id, randomUUID(), { decision: 'REJECT', reason: '首期过低', settlement: null }));
    await deliverDecision(
      decided(c.id, randomUUID(), {
        intent: 'REQUEST_GRACE',
        settlement: null,
        grace: { months: 2, reasonCode: 'ILLNESS' },
      }),
    );
    const tooMuch = [{ dueDate: addDays(today, 5), amountFen: c.amountOwedFen + 1 }];
    await deliverDecision(
      decided(c.id, randomUUID(), { settlement: { kind: 'SETTLEMENT', terms: '一次付清', instalments: tooMuch } }),
    );
    const got = (await gql(SETTLEMENTS, { id: c.id })).data.case;
    expect(got.state).toBe('ENFORCEMENT_FILED');
    expect(got.settlements).toEqual([]);
    expect(await h.outbox('cases.settlement.agreed', c.id)).toHaveLength(0);
    const kinds = got.timeline.map((t: { kind: string; zh: string }) => `${t.kind}: ${t.zh}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'PROPOSAL_DECIDED: 法院驳回分期履行方案（首期过低）',
        'PROPOSAL_DECIDED: 法院准许宽限期申请，宽限 2 个月',
        expect.stringMatching(/^SETTLEMENT_REFUSED: 网上提出并经法院同意的方案未能记录：/),
      ]),
    );
    await h.deliver(ev('tasks.proposal.expired', { caseId: c.id, proposalId: randomUUID() }));
    const after = (await gql(GET, { id: c.id })).data.case;
    expect(after.timeline.map((t: { kind: string }) => t.kind)).toContain('PROPOSAL_EXPIRED');
  });
});
