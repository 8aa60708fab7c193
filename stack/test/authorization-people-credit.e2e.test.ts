import { demoId } from '@zhiyuan/auth';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { gqlRequest, residentIdNumber, waitFor } from '@zhiyuan/testing';
import { useE2eStack, DEV_JWT } from './support/e2e';

const GANGKOU = '330522104201'; // 港口村, 虹星桥镇 330522104
const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
const OBLIGOR_NAME = '钱不外露';

type Who = 'admin' | 'judge' | 'otherJudge' | 'department' | 'otherDepartment' | 'partner';

/**
 * The people-credit rows of docs/access.md at field level, through the gateway: a partner reaches no
 * name (its types have none, every path to Party.name is refused), a judge changes only the parties of
 * the cases they judge, and a county department reads, masked, only the parties of the tasks assigned to it.
 */
describe('people-credit authorization through the gateway', () => {
  const e2e = useE2eStack({ name: 'authz_pc', shared: true });
  const headers = {} as Record<Who, Record<string, string>>;
  const fx = {} as { obligorId: string; obligorIdNumber: string; caseId: string; listingId: string };
  const call = (who: Who, query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.gatewayUrl, query, variables, undefined, headers[who]);
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await call('admin', query, variables);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };

  beforeAll(async () => {
    const claims: Record<Who, TokenClaims> = {
      admin: DEMO_ROLES.admin!,
      judge: DEMO_ROLES.judge!,
      otherJudge: { sub: demoId('judge-2'), roles: ['JUDGE'], divisionCode: '330522' },
      department: DEMO_ROLES.department!,
      otherDepartment: {
        sub: demoId('county-department-elsewhere'),
        roles: ['COUNTY_DEPARTMENT'],
        divisionCode: '330522',
        department: 'CIVIL_AFFAIRS_BUREAU',
      },
      partner: DEMO_ROLES.partner!,
    };
    for (const [who, c] of Object.entries(claims))
      headers[who as Who] = { authorization: `Bearer ${await issueToken(c, DEV_JWT)}` };

    fx.obligorIdNumber = residentIdNumber('19790909', 731);
    fx.obligorId = (
      await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name: OBLIGOR_NAME, idNumber: fx.obligorIdNumber, phone: '13700002222', homeDivisionCode: GANGKOU },
      })
    ).registerPerson.id;
    const obligeeId = (
      await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name: '孙债权', idNumber: residentIdNumber('19810101', 732), homeDivisionCode: GANGKOU },
      })
    ).registerPerson.id;
    const cause = (await ok(`{ causesOfAction { code } }`)).causesOfAction[0].code;
    fx.caseId = (
      await ok(`mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, {
        i: {
          caseNumber: '(2025)浙0522民初31731号',
          court: '长兴县人民法院',
          causeCode: cause,
          judgeId: demoId('judge-1'),
          effectiveDate: new Date().toISOString().slice(0, 10),
          obligorIds: [fx.obligorId],
          obligeeIds: [obligeeId],
          principalFen: 400_000,
        },
      })
    ).takeInJudgment.id;
    // people-credit learns of the case (and its judge) from its events; the listing waits for them.
    fx.listingId = await waitFor(
      async () => {
        const r = await call(
          'admin',
          `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`,
          { i: { partyId: fx.obligorId, caseId: fx.caseId, ground: 'ABLE_BUT_REFUSES' } },
        );
        return r.errors ? undefined : (r.data.listDishonestObligor.id as string);
      },
      { timeoutMs: 15_000, what: 'people-credit to know the case' },
    );
  });

  it('a partner asking for a name gets a validation error: its types have none', async () => {
    for (const [query, variables] of [
      [`query($n: String!) { partnerCreditStatus(idNumber: $n) { status name } }`, { n: fx.obligorIdNumber }],
      [`{ unacknowledgedCreditChanges(first: 100) { nodes { id partyName } } }`, {}],
    ] as const) {
      const r = await call('partner', query, variables);
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(r)).not.toContain(OBLIGOR_NAME);
    }
    const status = await call(
      'partner',
      `query($n: String!) { partnerCreditStatus(idNumber: $n) { department status idNumberMasked changedAt } }`,
      { n: fx.obligorIdNumber },
    );
    expect(status.data.partnerCreditStatus).toMatchObject({
      department: 'BANK_LOAN',
      status: 'RESTRICTED',
      idNumberMasked: `${fx.obligorIdNumber.slice(0, 10)}****${fx.obligorIdNumber.slice(14)}`,
    });
    const pending = await call(
      'partner',
      `{ unacknowledgedCreditChanges(first: 100) { nodes { id department status reason idNumberMasked changedAt } } }`,
    );
    expect(pending.data.unacknowledgedCreditChanges.nodes.length).toBeGreaterThan(0);
    expect(JSON.stringify([status, pending])).not.toContain(OBLIGOR_NAME);
  });

  it.each([
    ['a party by id', `query($id: ID!) { party(id: $id) { name } }`, () => ({ id: fx.obligorId })],
    [
      'a party by ID number',
      `query($n: String!) { partyByIdNumber(idNumber: $n) { name } }`,
      () => ({ n: fx.obligorIdNumber }),
    ],
    ['party lists', `{ parties(first: 100) { nodes { name } } }`, () => ({})],
    ['a listing', `query($id: ID!) { listing(id: $id) { party { name } } }`, () => ({ id: fx.listingId })],
    ['listing lists', `{ listings(first: 100) { nodes { party { name } } } }`, () => ({})],
    [
      'a case (obligors, obligees)',
      `query($id: ID!) { case(id: $id) { obligors { name } primaryObligor { name } obligees { name } } }`,
      () => ({ id: fx.caseId }),
    ],
    [
      'a case entity reference',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { obligors { name } } } }`,
      () => ({ r: [{ __typename: 'Case', id: fx.caseId }] }),
    ],
  ])('a partner is refused every path to Party.name: %s', async (_path, query, variables) => {
    const r = await call('partner', query, variables());
    const refused = (r.errors ?? []).some(
      (e) => DENIED.has(e.extensions?.code ?? '') || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
    );
    expect(refused).toBe(true);
    expect(JSON.stringify(r)).not.toContain(OBLIGOR_NAME);
  });

  it('a judge changes and overrides only the parties of the cases they judge; a refused write leaves nothing', async () => {
    const UPDATE = `mutation($id: ID!, $p: String!) { updateParty(id: $id, input: { phone: $p }) { id } }`;
    const OVERRIDE = `mutation($id: ID!, $r: String!) { overrideCreditProfile(partyId: $id, input: { classification: EVASIVE, reason: $r }) { id } }`;
    const current = async () =>
      (
        await ok(`query($id: ID!) { party(id: $id) { phone creditProfile { overridden overrideReason } } }`, {
          id: fx.obligorId,
        })
      ).party;

    const refusedUpdate = await call('otherJudge', UPDATE, { id: fx.obligorId, p: '13700003333' });
    expect(refusedUpdate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refusedOverride = await call('otherJudge', OVERRIDE, { id: fx.obligorId, r: 'not my case' });
    expect(refusedOverride.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const untouched = await current();
    expect(untouched.phone).toBe('13700002222');
    expect(untouched.creditProfile?.overrideReason ?? null).not.toBe('not my case');

    expect((await call('judge', UPDATE, { id: fx.obligorId, p: '13700004444' })).errors).toBeUndefined();
    expect((await call('judge', OVERRIDE, { id: fx.obligorId, r: 'my case' })).errors).toBeUndefined();
    expect(await current()).toEqual({
      phone: '13700004444',
      creditProfile: { overridden: true, overrideReason: 'my case' },
    });
  });

  it('a county department reads the party of a task assigned to it, masked; another department reads nothing', async () => {
    const PARTY = `query($id: ID!) { party(id: $id) { name idNumber address } }`;
    expect((await call('department', PARTY, { id: fx.obligorId })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await ok(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: {
        caseId: fx.caseId,
        obligorId: fx.obligorId,
        type: 'FIND_ASSETS',
        level: 'COUNTY',
        divisionCode: '330522',
        title: '查询不动产登记',
        assigneeDepartment: DEMO_ROLES.department!.department,
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    // people-credit learns of the task from its event.
    const own = await waitFor(
      async () => {
        const r = await call('department', PARTY, { id: fx.obligorId });
        return r.errors ? undefined : r;
      },
      { timeoutMs: 15_000, what: 'people-credit to know the department task' },
    );
    expect(own.data.party).toEqual({
      name: OBLIGOR_NAME,
      idNumber: `${fx.obligorIdNumber.slice(0, 10)}****${fx.obligorIdNumber.slice(14)}`,
      address: null,
    });
    const other = await call('otherDepartment', PARTY, { id: fx.obligorId });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(other)).not.toContain(OBLIGOR_NAME);
  });
});
