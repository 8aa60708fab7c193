import { randomUUID } from 'node:crypto';
import { gqlRequest, identity } from '@zhiyuan/testing';
import { addDays, chinaCalendar, courtDate } from '@zhiyuan/kernel';
import {
  aCase,
  caseClosed,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { expireProposals } from '../src';
import { deliver, startTasks, type Harness } from './factories/service';

const COME = `mutation($caseId: ID!, $input: ComeForwardInput!) { comeForward(caseId: $caseId, input: $input) {
  id intent status amountFen paidOn terms instalments { dueDate amountFen } graceMonths graceReasons expiresAt submittedAt
  declaration { id } task { id type level status assignee { id } } case { id } obligor { id } } }`;
const RESPOND = `mutation($input: RespondToProposalInput!) { respondToProposal(input: $input) { id status answer answerReason expiresAt } }`;
const DECIDE = `mutation($input: DecideProposalInput!) { decideProposal(input: $input) { id status decision decisionReason graceReasonCode graceMonths task { status } } }`;
const PROPOSALS = `query($id: ID!) { _entities(representations: [{ __typename: "Case", id: $id }]) { ... on Case { proposals { id status intent } messages { body authorRole } } } }`;

describe('obligors coming forward online', () => {
  let h: Harness;
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const gql = (query: string, variables: Record<string, unknown>, who: ReturnType<typeof identity>) =>
    gqlRequest<any>(h.service.url, query, variables, who);
  const officerId = randomUUID();
  const officerStaff = staffRegistered({
    staffId: officerId,
    roles: ['ENFORCEMENT_OFFICER'],
    divisionCode: HONGXINGQIAO,
  });
  const secretary = staffRegistered({ divisionCode: GANGKOU });
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: officerId });
  const today = courtDate(new Date());
  const plan = [
    { dueDate: addDays(today, 10), amountFen: 500_000 },
    { dueDate: addDays(today, 40), amountFen: 750_000 },
  ];

  /** A filed case with its obligor and rights holder registered, and their party identities. */
  async function aFiledCase() {
    const c = aCase();
    await deliver(h, partyRegistered({ partyId: c.obligorIds[0] }));
    await deliver(h, partyRegistered({ partyId: c.obligeeIds[0] }));
    await deliver(h, judgmentEffective(c));
    const filed = enforcementFiled(c, false);
    filed.payload.officerId = officerId;
    await deliver(h, filed);
    return {
      c,
      obligor: identity(['PARTY'], { sub: `party-${c.obligorIds[0]}`, partyId: c.obligorIds[0] }),
      obligee: identity(['PARTY'], { sub: `party-${c.obligeeIds[0]}`, partyId: c.obligeeIds[0] }),
    };
  }
  const eventsOf = async (type: string, caseId: string) =>
    (
      await q(
        `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = $1 AND key = $2 ORDER BY created_at`,
        [type, caseId],
      )
    ).map((r: any) => r.p);
  const noticesOf = async (proposalId: string) =>
    q(
      `SELECT template, recipient_role, recipient_party_id, recipient_staff_id, body FROM tasks.notification WHERE dedupe_key LIKE $1 ORDER BY template, recipient_role`,
      [`proposal:${proposalId}:%`],
    );

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, officerStaff);
    await deliver(h, secretary);
  });
  afterAll(() => h.stop());

  it('takes an instalment proposal through consent and the officer decision, telling everyone in Chinese', async () => {
    const { c, obligor, obligee } = await aFiledCase();
    const r = await gql(
      COME,
      {
        caseId: c.caseId,
        input: { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule: plan, terms: '每月按期支付' } },
      },
      obligor,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.comeForward;
    expect(p).toMatchObject({
      intent: 'PROPOSE_INSTALMENTS',
      status: 'SUBMITTED',
      amountFen: 1_250_000,
      instalments: plan,
      obligor: { id: c.obligorIds[0] },
    });

    const notices = await noticesOf(p.id);
    expect(notices.map((n: any) => `${n.template}:${n.recipient_role}`)).toEqual([
      'PROPOSAL_CONSENT_REQUESTED:OBLIGEE',
      'PROPOSAL_SUBMITTED_STAFF:ENFORCEMENT_OFFICER',
      'PROPOSAL_SUBMITTED_STAFF:TOWNSHIP_LIAISON',
      'PROPOSAL_SUBMITTED_STAFF:VILLAGE_SECRETARY',
    ]);
    expect(notices.find((n: any) => n.recipient_role === 'ENFORCEMENT_OFFICER').recipient_staff_id).toBe(officerId);
    expect(notices.find((n: any) => n.recipient_role === 'VILLAGE_SECRETARY').recipient_staff_id).toBe(secretary.key);
    const consent = notices.find((n: any) => n.recipient_role === 'OBLIGEE');
    expect(consent.recipient_party_id).toBe(c.obligeeIds[0]);
    expect(consent.body).toMatch(
      new RegExp(
        `^【长兴县人民法院】\\{name\\}您好：案件（${c.caseNumber.replace(/[()]/g, '\\$&')}）义务人张\\d+在线提出分期履行方案：共12500\\.00元，分2期，首期5000\\.00元于.+履行。请于.+前登录执源表示同意或不同意，经您同意并经法院审查后生效。$`,
      ),
    );

    // The court cannot accept before the rights holder consents.
    const early = await gql(DECIDE, { input: { proposalId: p.id, decision: 'ACCEPT' } }, officer);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'OBLIGEE_CONSENT_FIRST' });
    // The obligor is not the one to consent; a decline needs a reason.
    const self = await gql(RESPOND, { input: { proposalId: p.id, answer: 'ACCEPT' } }, obligor);
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await gql(RESPOND, { input: { proposalId: p.id, answer: 'DECLINE' } }, obligee);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect(await eventsOf('tasks.proposal.answered', c.caseId)).toHaveLength(0);

    const consented = await gql(RESPOND, { input: { proposalId: p.id, answer: 'ACCEPT' } }, obligee);
    expect(consented.errors).toBeUndefined();
    expect(consented.data.respondToProposal).toMatchObject({ status: 'CONSENTED', answer: 'ACCEPT' });
    const again = await gql(RESPOND, { input: { proposalId: p.id, answer: 'DECLINE', reason: '反悔' } }, obligee);
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

    const otherOfficer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: '330522105', sub: randomUUID() });
    const foreign = await gql(DECIDE, { input: { proposalId: p.id, decision: 'ACCEPT' } }, otherOfficer);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const accepted = await gql(DECIDE, { input: { proposalId: p.id, decision: 'ACCEPT' } }, officer);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.decideProposal).toMatchObject({ status: 'ACCEPTED', decision: 'ACCEPT' });

    const [decided] = await eventsOf('tasks.proposal.decided', c.caseId);
    expect(decided).toMatchObject({
      proposalId: p.id,
      decision: 'ACCEPT',
      decidedBy: officerId,
      villageCode: GANGKOU,
      settlement: { kind: 'INSTALMENT_PLAN', terms: '每月按期支付', instalments: plan },
      grace: null,
    });
    expect(await eventsOf('tasks.proposal.submitted', c.caseId)).toHaveLength(1);
    const told = await noticesOf(p.id);
    const decidedNotice = told.find((n: any) => n.template === 'PROPOSAL_DECIDED' && n.recipient_role === 'OBLIGOR');
    expect(decidedNotice.body).toContain('对案件（');
    expect(decidedNotice.body).toContain('义务人提出的分期履行方案，法院已决定准许。');
    expect(
      told
        .filter((n: any) => n.template === 'PROPOSAL_ANSWERED')
        .map((n: any) => n.recipient_role)
        .sort(),
    ).toEqual(['ENFORCEMENT_OFFICER', 'OBLIGOR']);

    const thread = await gql(PROPOSALS, { id: c.caseId }, obligee);
    expect(thread.data._entities[0].proposals).toEqual([
      { id: p.id, status: 'ACCEPTED', intent: 'PROPOSE_INSTALMENTS' },
    ]);
    expect(thread.data._entities[0].messages.map((m: any) => m.body)).toEqual([
      expect.stringMatching(
        /^义务人张\d+在线提出分期履行方案：共12500\.00元，分2期，首期5000\.00元于.+履行。处理期限：.+。$/,
      ),
      '申请执行人对分期履行方案表示同意。',
      '法院对义务人提出的分期履行方案决定准许。',
    ]);
  });

  it('lets the court decide a grace request alone, with its reason code, and files the declaration', async () => {
    const { c, obligor, obligee } = await aFiledCase();
    const r = await gql(
      COME,
      {
        caseId: c.caseId,
        input: {
          intent: 'REQUEST_GRACE',
          grace: {
            months: 2,
            reasons: '家中老人重病住院，暂无收入',
            declaration: { monthlyIncomeFen: 150_000, assets: [], debtsFen: 3_000_000, dependants: 2, signedOn: today },
          },
        },
      },
      obligor,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.comeForward;
    expect(p).toMatchObject({ status: 'SUBMITTED', graceMonths: 2, graceReasons: '家中老人重病住院，暂无收入' });
    expect(p.declaration?.id).toBeTruthy();
    const [form] = await q(`SELECT form_type, party_id, case_id FROM tasks.form WHERE id = $1`, [p.declaration.id]);
    expect(form).toEqual({ form_type: 'PROPERTY_DECLARATION', party_id: c.obligorIds[0], case_id: c.caseId });
    const notices = await noticesOf(p.id);
    expect(notices.find((n: any) => n.recipient_role === 'OBLIGEE').template).toBe('PROPOSAL_SUBMITTED_OBLIGEE');

    const consent = await gql(RESPOND, { input: { proposalId: p.id, answer: 'ACCEPT' } }, obligee);
    expect(consent.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CONSENT_NOT_ASKED' });
    const noCode = await gql(DECIDE, { input: { proposalId: p.id, decision: 'ACCEPT' } }, officer);
    expect(noCode.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'graceReasonCode' });
    const ok = await gql(
      DECIDE,
      { input: { proposalId: p.id, decision: 'ACCEPT', graceReasonCode: 'ILLNESS', graceMonths: 3 } },
      officer,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.decideProposal).toMatchObject({ status: 'ACCEPTED', graceReasonCode: 'ILLNESS', graceMonths: 3 });
    const [decided] = await eventsOf('tasks.proposal.decided', c.caseId);
    expect(decided).toMatchObject({
      intent: 'REQUEST_GRACE',
      settlement: null,
      grace: { months: 3, reasonCode: 'ILLNESS' },
    });
  });

  it('turns a declared payment into a confirmation task for the officer, done when the officer confirms it', async () => {
    const { c, obligor } = await aFiledCase();
    const r = await gql(
      COME,
      {
        caseId: c.caseId,
        input: { intent: 'PAY_NOW', payNow: { amountFen: 200_000, paidOn: today, note: '已交村调解主任' } },
      },
      obligor,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.comeForward;
    expect(p.task).toMatchObject({
      type: 'CONFIRM_PAYMENT',
      level: 'TOWNSHIP',
      status: 'OPEN',
      assignee: { id: officerId },
    });
    const reject = await gql(DECIDE, { input: { proposalId: p.id, decision: 'REJECT' } }, officer);
    expect(reject.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const ok = await gql(DECIDE, { input: { proposalId: p.id, decision: 'ACCEPT', reason: '款项已核实' } }, officer);
    expect(ok.data.decideProposal).toMatchObject({ status: 'ACCEPTED', task: { status: 'DONE' } });
  });

  it('accepts nothing on a closed case, and lets the court reject it there', async () => {
    const { c, obligor } = await aFiledCase();
    const r = await gql(
      COME,
      { caseId: c.caseId, input: { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '失业' } } },
      obligor,
    );
    const p = r.data.comeForward;
    await deliver(h, caseClosed(c));
    const accept = await gql(
      DECIDE,
      { input: { proposalId: p.id, decision: 'ACCEPT', graceReasonCode: 'UNEMPLOYMENT' } },
      officer,
    );
    expect(accept.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CASE_OPEN' });
    expect((await q(`SELECT status FROM tasks.proposal WHERE id = $1`, [p.id]))[0].status).toBe('SUBMITTED');
    expect(await eventsOf('tasks.proposal.decided', c.caseId)).toHaveLength(0);
    const reject = await gql(DECIDE, { input: { proposalId: p.id, decision: 'REJECT', reason: '案件已结' } }, officer);
    expect(reject.data.decideProposal).toMatchObject({ status: 'REJECTED', decisionReason: '案件已结' });
  });

  it('refuses bad input and strangers, and writes nothing', async () => {
    const { c, obligor, obligee } = await aFiledCase();
    const count = async () => {
      const [row] = await q(
        `SELECT (SELECT count(*) FROM tasks.proposal WHERE case_id = $1::uuid)::int AS proposals,
                (SELECT count(*) FROM tasks.notification WHERE case_id = $1::uuid)::int AS notices,
                (SELECT count(*) FROM tasks.case_message WHERE case_id = $1::uuid)::int AS messages,
                (SELECT count(*) FROM tasks.outbox_message WHERE key = $1::text AND type LIKE 'tasks.proposal.%')::int AS events`,
        [c.caseId],
      );
      return row;
    };
    const before = await count();
    const cases: [ReturnType<typeof identity>, Record<string, unknown>, Record<string, unknown>][] = [
      [obligee, { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '困难' } }, { code: 'FORBIDDEN' }],
      [
        identity(['PARTY'], { partyId: randomUUID() }),
        { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '困难' } },
        { code: 'FORBIDDEN' },
      ],
      [officer, { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '困难' } }, { code: 'FORBIDDEN' }],
      [identity([]), { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '困难' } }, { code: 'UNAUTHENTICATED' }],
      [
        obligor,
        { intent: 'REQUEST_GRACE', grace: { months: 4, reasons: '困难' } },
        { code: 'VALIDATION_FAILED', field: 'grace.months' },
      ],
      [obligor, { intent: 'REQUEST_GRACE' }, { code: 'VALIDATION_FAILED', field: 'grace' }],
      [
        obligor,
        { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule: [plan[1], plan[0]] } },
        { code: 'VALIDATION_FAILED', field: 'instalments.schedule.1.dueDate' },
      ],
      [
        obligor,
        { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule: [{ dueDate: addDays(today, -1), amountFen: 1 }] } },
        { code: 'VALIDATION_FAILED', field: 'instalments.schedule.0.dueDate' },
      ],
      [
        obligor,
        {
          intent: 'PROPOSE_INSTALMENTS',
          instalments: { schedule: [{ dueDate: addDays(today, 5), amountFen: 1_250_001 }] },
        },
        { code: 'RULE_VIOLATION', rule: 'settlement-exceeds-balance' },
      ],
      [
        obligor,
        { intent: 'PROPOSE_SETTLEMENT', settlement: { amountFen: 0, payBy: today, terms: '一次付清' } },
        { code: 'VALIDATION_FAILED', field: 'settlement.amountFen' },
      ],
      [
        obligor,
        { intent: 'PROPOSE_SETTLEMENT', settlement: { amountFen: 100, payBy: addDays(today, -3), terms: '一次付清' } },
        { code: 'VALIDATION_FAILED', field: 'settlement.payBy' },
      ],
      [
        obligor,
        { intent: 'PAY_NOW', payNow: { amountFen: 1_250_001, paidOn: today } },
        { code: 'RULE_VIOLATION', rule: 'overpayment' },
      ],
    ];
    for (const [who, input, expected] of cases) {
      const r = await gql(COME, { caseId: c.caseId, input }, who);
      expect({ input, ext: r.errors?.[0]?.extensions }).toMatchObject({ input, ext: expected });
    }
    const badId = await gql(COME, { caseId: 'nope', input: { intent: 'PAY_NOW' } }, obligor);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'caseId' });
    const unknown = await gql(COME, { caseId: randomUUID(), input: { intent: 'PAY_NOW' } }, obligor);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count()).toEqual(before);

    // One open proposal per obligor and case.
    const first = await gql(
      COME,
      { caseId: c.caseId, input: { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '困难' } } },
      obligor,
    );
    expect(first.errors).toBeUndefined();
    const second = await gql(
      COME,
      { caseId: c.caseId, input: { intent: 'REQUEST_GRACE', grace: { months: 1, reasons: '困难' } } },
      obligor,
    );
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ONE_OPEN_PROPOSAL' });
    const stranger = await gql(
      `query($id: ID!) { proposal(id: $id) { id } }`,
      { id: first.data.comeForward.id },
      identity(['PARTY'], { partyId: randomUUID() }),
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lapses a proposal left unanswered past its working-day deadline, once', async () => {
    const { c, obligor, obligee } = await aFiledCase();
    const r = await gql(
      COME,
      {
        caseId: c.caseId,
        input: {
          intent: 'PROPOSE_SETTLEMENT',
          settlement: { amountFen: 800_000, payBy: addDays(today, 20), terms: '一次性支付8000元，余款免除' },
        },
      },
      obligor,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.comeForward;
    const expiresAt = new Date(p.expiresAt);
    // Ten working days in court days (Asia/Shanghai), the time of day kept: at least 12 calendar days
    // (from a Sunday), 14 from a weekday, more over a holiday.
    const submittedAt = new Date(p.submittedAt);
    expect(chinaCalendar.workingDaysBetween(courtDate(submittedAt), courtDate(expiresAt))).toBe(10);
    expect(chinaCalendar.isWorkingDay(courtDate(expiresAt))).toBe(true);
    expect((expiresAt.getTime() - submittedAt.getTime()) % 86_400_000).toBe(0);
    expect(expiresAt.getTime() - submittedAt.getTime()).toBeGreaterThanOrEqual(12 * 86_400_000);
    const statusOf = async () => (await q(`SELECT status FROM tasks.proposal WHERE id = $1`, [p.id]))[0].status;
    // Proposals of the other tests lapse on their own deadlines; this one only at its own.
    await expireProposals(h.service.runtime, new Date(expiresAt.getTime() - 1000));
    expect(await statusOf()).toBe('SUBMITTED');
    expect(await expireProposals(h.service.runtime, expiresAt)).toBeGreaterThanOrEqual(1);
    expect(await statusOf()).toBe('EXPIRED');
    expect(await expireProposals(h.service.runtime, new Date(expiresAt.getTime() + 86_400_000))).toBe(0);
    const expired = await eventsOf('tasks.proposal.expired', c.caseId);
    expect(expired).toEqual([
      expect.objectContaining({ proposalId: p.id, status: 'SUBMITTED', intent: 'PROPOSE_SETTLEMENT' }),
    ]);
    const notices = (await noticesOf(p.id)).filter((n: any) => n.template === 'PROPOSAL_EXPIRED');
    expect(notices.map((n: any) => n.recipient_role).sort()).toEqual(['OBLIGEE', 'OBLIGOR']);
    expect(notices.find((n: any) => n.recipient_role === 'OBLIGOR').body).toMatch(
      /^【长兴县人民法院】\{name\}您好：您在案件（.+）中提出的执行和解方案因在.+前未获答复已失效，如需继续，请重新提交或联系村（社区）。$/,
    );
    const late = await gql(RESPOND, { input: { proposalId: p.id, answer: 'ACCEPT' } }, obligee);
    expect(late.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });
});
