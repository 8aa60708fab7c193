import { gqlRequest, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { DEMO_ROLES } from '@zhiyuan/gateway';
import { useE2eStack } from './support/e2e';

const GANGKOU = '330522104201';
const FANGJIAZHUANG = '330522106201';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Through the gateway with the four subgraphs: the client's Accept-Language reaches the cases
 * subgraph, whose timeline names the seeded officer and the divisions (learnt from people-credit's
 * events) and writes amounts in 元; errors carry a localized message.
 */
describe('a case told in the reader’s language', () => {
  const e2e = useE2eStack({ name: 'locale', ownConsumers: true, env: { RESPONSE_CACHE: 'off' } });
  const auth = e2e.auth;
  const call = (role: string, query: string, variables: Record<string, unknown> = {}, language?: string) =>
    gqlRequest(e2e.gatewayUrl, query, variables, undefined, {
      ...auth[role]!,
      ...(language ? { 'accept-language': language } : {}),
    });
  const ok = async (role: string, query: string, variables: Record<string, unknown> = {}, language?: string) => {
    const r = await call(role, query, variables, language);
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data;
  };

  it('reads the timeline in Chinese by default and in English on Accept-Language, with names and 元', async () => {
    const register = (name: string, id: string) =>
      ok('admin', `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name, idNumber: id, homeDivisionCode: GANGKOU },
      });
    const obligor = (await register('孙语言', residentIdNumber('19800505', Math.floor(Math.random() * 900) + 100)))
      .registerPerson.id;
    const obligee = (await register('周申请', residentIdNumber('19850606', Math.floor(Math.random() * 900) + 100)))
      .registerPerson.id;
    // The seed's staff events went out before this run's consumers started (they start at new
    // messages): a change to the township's officer tells cases about them now.
    await ok('admin', `mutation($id: ID!) { updateStaff(id: $id, input: { phone: "13800009999" }) { id } }`, {
      id: DEMO_ROLES.officer!.sub,
    });
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
          principalFen: 1_000_000,
        },
      })
    ).takeInJudgment.id as string;
    // The party's route and the township's officer reach cases by event.
    await waitFor(
      async () =>
        (await ok('admin', `query($id: ID!) { case(id: $id) { village { code } } }`, { id: caseId })).case.village
          ?.code === GANGKOU,
      { timeoutMs: 20_000, what: 'case routed' },
    );
    const filed = await ok(
      'admin',
      `mutation($i: FileEnforcementInput!) { fileEnforcement(input: $i) { enforcementOfficer { id } } }`,
      { i: { caseId, enforcementNumber: `(2025)浙0522执${n}号` } },
    );
    // Until that event has reached cases, the case waits for an officer: the judge assigns one by hand.
    if (!filed.fileEnforcement.enforcementOfficer)
      await waitFor(
        async () =>
          !(
            await call(
              'judge',
              `mutation($id: ID!, $o: ID!) { reassignOfficer(caseId: $id, officerId: $o, reason: "指定执行员") { id } }`,
              { id: caseId, o: DEMO_ROLES.officer!.sub },
            )
          ).errors,
        { timeoutMs: 20_000, what: 'officer known to cases' },
      );
    await ok(
      'admin',
      `mutation($id: ID!) { changeCaseState(caseId: $id, to: IN_PROGRESS, reason: "开始执行") { state } }`,
      {
        id: caseId,
      },
    );
    await ok('officer', `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { state } } }`, {
      i: { caseId, amountFen: 250_000, paidOn: today, channel: 'BANK_TRANSFER' },
    });
    await ok('admin', `mutation($id: ID!, $i: UpdatePartyInput!) { updateParty(id: $id, input: $i) { id } }`, {
      id: obligor,
      i: { homeDivisionCode: FANGJIAZHUANG },
    });

    const TIMELINE = `query($id: ID!) { case(id: $id) { timeline { kind actorName summary } } }`;
    const zh = await waitFor(
      async () => {
        const t = (await ok('admin', TIMELINE, { id: caseId })).case.timeline as { kind: string; summary: string }[];
        return t.some((e) => e.kind === 'REROUTED') ? t : undefined;
      },
      { timeoutMs: 20_000, what: 'case rerouted' },
    );
    const zhOf = (kind: string) => zh.find((e) => e.kind === kind)!.summary;
    expect(zhOf('JUDGMENT_EFFECTIVE')).toBe(`判决 (2025)浙0522民初${n}号 已生效，应履行 10,000.00 元`);
    expect(zhOf('ENFORCEMENT_FILED')).toMatch(`立案执行 (2025)浙0522执${n}号，申请执行标的 10,000.00 元，`);
    // Named at filing, or on the judge's assignment when the officer reached cases later.
    expect(
      zh.filter(
        (e) =>
          e.summary.includes('由执行员虹星桥镇执行员承办') || e.summary.startsWith('案件交由执行员虹星桥镇执行员承办'),
      ),
    ).not.toEqual([]);
    // Moved to 和平镇, whose officer cases has not heard of in this run: said in words.
    expect(zh.at(-1)!.summary).toBe('该乡镇暂无执行员，案件待分配（被执行人户籍地变更）');
    expect(zhOf('PAYMENT_RECORDED')).toBe('收到履行款 2,500.00 元（自动履行），尚欠 7,500.00 元');
    expect(zhOf('REROUTED')).toBe('随被执行人户籍地变更，由虹星桥镇港口村转至和平镇方家庄村');
    for (const e of zh) expect(e.summary).not.toMatch(UUID);
    expect(zh.find((e) => e.kind === 'PAYMENT_RECORDED')).toMatchObject({ actorName: '虹星桥镇执行员' });

    const en = (await ok('admin', TIMELINE, { id: caseId }, 'en-US,en;q=0.9')).case.timeline as {
      kind: string;
      summary: string;
    }[];
    expect(en.find((e) => e.kind === 'PAYMENT_RECORDED')!.summary).toBe(
      'Paid ¥2,500.00 (voluntary); ¥7,500.00 outstanding',
    );
    expect(en.find((e) => e.kind === 'REROUTED')!.summary).toBe(
      "Moved from 港口村, 虹星桥镇 to 方家庄村, 和平镇 with the obligor's home",
    );

    // An error reads in the same language; its message stays the English one.
    const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { state } } }`;
    const over = { i: { caseId, amountFen: 99_000_000, paidOn: today, channel: 'BANK_TRANSFER' } };
    const refused = await call('admin', PAY, over);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'overpayment',
      localizedMessage: '不符合办理规则（overpayment）',
    });
    const refusedEn = await call('admin', PAY, over, 'en');
    expect(refusedEn.errors?.[0]?.extensions?.localizedMessage).toBe('This breaks the rule overpayment');
    expect(refusedEn.errors?.[0]?.message).toBe(refused.errors?.[0]?.message);
  });
});
