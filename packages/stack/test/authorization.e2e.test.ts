import { demoId } from '@zhiyuan/auth';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { createTestDatabase, gqlRequest, residentIdNumber, silentLogger, waitFor, type TestDatabase } from '@zhiyuan/testing';
import { startStack, type Stack } from '../src';

const DEV = { secret: 'development-jwt-secret-change-me-0000000000', issuer: 'zhiyuan-dev', audience: 'zhiyuan' };
const GANGKOU = '330522104201'; // 港口村, 虹星桥镇 330522104
const FANGJIAZHUANG = '330522106201'; // 方家庄村, 和平镇: another village, another township

type Role = 'admin' | 'judge' | 'officer' | 'liaison' | 'cadre' | 'otherCadre' | 'department' | 'partner' | 'party' | 'anonymous';
const ROLES: Role[] = ['admin', 'judge', 'officer', 'liaison', 'cadre', 'otherCadre', 'department', 'partner', 'party', 'anonymous'];
const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * The authorization matrix through the gateway: every role against a representative operation of
 * each query and mutation family of the four subgraphs. An allowed call succeeds; a refused one gets
 * FORBIDDEN (or UNAUTHENTICATED) and writes nothing. The rows follow docs/access.md.
 */
describe('authorization matrix through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  const headers = {} as Record<Role, Record<string, string>>;
  const fx = {} as { caseId: string; obligorId: string; obligeeId: string; obligorIdNumber: string; taskId: string };
  const call = (role: Role, query: string, variables: Record<string, unknown> = {}) => gqlRequest(stack.gatewayUrl, query, variables, undefined, headers[role]);
  const year = { kind: 'YEAR', date: new Date().toISOString().slice(0, 10) };

  beforeAll(async () => {
    db = await createTestDatabase('zy_authz');
    stack = await startStack({ databaseUrl: db.url, gatewayPort: 0, subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 }, seedDemoData: true, logger: silentLogger, env: { RATE_LIMIT_PER_MINUTE: '0', TASK_SCHEDULERS_ENABLED: 'false' } });
    const admin = await issueToken(DEMO_ROLES.admin!, DEV);
    const ok = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await gqlRequest(stack.gatewayUrl, query, variables, undefined, { authorization: `Bearer ${admin}` });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data;
    };
    fx.obligorIdNumber = residentIdNumber('19800101', 451);
    fx.obligorId = (await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: '周欠款', idNumber: fx.obligorIdNumber, phone: '13700001111', homeDivisionCode: GANGKOU } })).registerPerson.id;
    const obligee = fx.obligeeId = (await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: '吴债权', idNumber: residentIdNumber('19820303', 452), homeDivisionCode: GANGKOU } })).registerPerson.id;
    const cause = (await ok(`{ causesOfAction { code } }`)).causesOfAction[0].code;
    await waitFor(async () => {
      const r = await ok(`mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id village { code } } }`, {
        i: { caseNumber: `(2025)浙0522民初${Math.floor(Math.random() * 9000) + 1000}号`, court: '长兴县人民法院', causeCode: cause, judgeId: demoId('judge-1'), effectiveDate: new Date().toISOString().slice(0, 10), obligorIds: [fx.obligorId], obligeeIds: [obligee], principalFen: 500_000 },
      });
      fx.caseId = r.takeInJudgment.id;
      return r.takeInJudgment.village?.code === GANGKOU;
    }, { timeoutMs: 15_000, what: 'a case routed to the village' });
    fx.taskId = await waitFor(async () => (await ok(`query($id: ID!) { case(id: $id) { tasks { id } } }`, { id: fx.caseId })).case.tasks[0]?.id, { what: 'urging follow-up task' });
    const claims: Record<Role, TokenClaims | null> = {
      admin: DEMO_ROLES.admin!, judge: DEMO_ROLES.judge!, officer: DEMO_ROLES.officer!, liaison: DEMO_ROLES.liaison!, cadre: DEMO_ROLES.cadre!,
      otherCadre: { sub: demoId(`secretary-${FANGJIAZHUANG}`), roles: ['VILLAGE_CADRE'], divisionCode: FANGJIAZHUANG },
      department: DEMO_ROLES.department!, partner: DEMO_ROLES.partner!, party: { ...DEMO_ROLES.party!, partyId: fx.obligorId }, anonymous: null,
    };
    for (const role of ROLES) headers[role] = claims[role] ? { authorization: `Bearer ${await issueToken(claims[role]!, DEV)}` } : {};
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  /** allowed: no access error and the expected data; denied: an access error or the item withheld. */
  async function outcome(role: Role, query: string, variables: Record<string, unknown>, sees: (data: any) => boolean): Promise<'allowed' | 'denied' | string> {
    const r = await call(role, query, variables);
    const codes = (r.errors ?? []).map((e) => e.extensions?.code as string);
    if (codes.some((c) => DENIED.has(c)) || r.status === 401) return 'denied';
    if (codes.length) return `error ${codes.join(',')}`;
    return sees(r.data) ? 'allowed' : 'denied';
  }

  const reads: { family: string; query: string; vars: () => Record<string, unknown>; sees: (d: any) => boolean; allowed: Role[] }[] = [
    { family: 'people-credit: public exposure board', query: `query($d: ID!) { exposureBoard(divisionCode: $d) { divisionCode } }`, vars: () => ({ d: GANGKOU }), sees: (d) => !!d.exposureBoard, allowed: ROLES },
    { family: 'cases: a case by id', query: `query($id: ID!) { case(id: $id) { id } }`, vars: () => ({ id: fx.caseId }), sees: (d) => d.case?.id === fx.caseId, allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre', 'party'] },
    { family: 'cases: case lists', query: `{ cases(first: 50) { nodes { id } } }`, vars: () => ({}), sees: (d) => d.cases.nodes.some((c: { id: string }) => c.id === fx.caseId), allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre', 'party'] },
    { family: 'cases: nested through a division', query: `query($d: ID!) { division(code: $d) { cases(first: 50) { nodes { id } } } }`, vars: () => ({ d: GANGKOU }), sees: (d) => !!d.division?.cases.nodes.some((c: { id: string }) => c.id === fx.caseId), allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre', 'party'] },
    { family: 'cases: nested through a staff member (entity reference)', query: `query($s: ID!) { staff(id: $s) { cases(first: 50) { nodes { id } } } }`, vars: () => ({ s: demoId('judge-1') }), sees: (d) => !!d.staff?.cases.nodes.some((c: { id: string }) => c.id === fx.caseId), allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre', 'party'] },
    { family: 'people-credit: a party by id', query: `query($id: ID!) { party(id: $id) { name } }`, vars: () => ({ id: fx.obligorId }), sees: (d) => !!d.party?.name, allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre', 'department', 'party'] },
    { family: 'tasks: a task by id', query: `query($id: ID!) { task(id: $id) { id } }`, vars: () => ({ id: fx.taskId }), sees: (d) => d.task?.id === fx.taskId, allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre'] },
    { family: 'tasks: division task lists', query: `query($d: ID!) { tasks(filter: { divisionCode: $d }, first: 50) { edges { node { id } } } }`, vars: () => ({ d: GANGKOU }), sees: (d) => d.tasks.edges.some((e: { node: { id: string } }) => e.node.id === fx.taskId), allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre'] },
    { family: 'metrics: division cockpit', query: `query($d: ID!, $p: MetricsPeriodInput!) { divisionStats(code: $d, period: $p) { divisionCode } }`, vars: () => ({ d: GANGKOU, p: year }), sees: (d) => !!d.divisionStats, allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre'] },
    { family: 'metrics: judge scores', query: `{ judgeScores { rawCount } }`, vars: () => ({}), sees: (d) => Array.isArray(d.judgeScores), allowed: ['admin', 'judge'] },
    { family: 'metrics: audit log', query: `{ auditLog(first: 1) { nodes { id } } }`, vars: () => ({}), sees: (d) => !!d.auditLog, allowed: ['admin'] },
    { family: 'people-credit: partner credit status', query: `query($n: String!) { partnerCreditStatus(idNumber: $n, department: BANK_LOAN) { status } }`, vars: () => ({ n: fx.obligorIdNumber }), sees: (d) => !!d.partnerCreditStatus, allowed: ['admin', 'judge', 'partner'] },
  ];

  it.each(reads.map((r) => [r.family, r] as const))('%s', async (_family, row) => {
    const actual: Record<string, string> = {};
    for (const role of ROLES) actual[role] = await outcome(role, row.query, row.vars(), row.sees);
    const expected = Object.fromEntries(ROLES.map((role) => [role, row.allowed.includes(role) ? 'allowed' : 'denied']));
    expect(actual).toEqual(expected);
  });

  const mutations: { family: string; mutate: (role: Role, n: number) => Promise<unknown>; wrote: (n: number) => Promise<boolean>; allowed: Role[] }[] = [
    {
      family: 'people-credit: register a person in the village',
      mutate: (role, n) => call(role, `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: '测试人', idNumber: residentIdNumber('19700101', n), homeDivisionCode: GANGKOU } }),
      wrote: async (n) => !!(await call('admin', `query($x: String!) { partyByIdNumber(idNumber: $x) { id } }`, { x: residentIdNumber('19700101', n) })).data?.partyByIdNumber,
      allowed: ['admin', 'judge', 'officer', 'liaison', 'cadre'],
    },
    {
      family: 'cases: take in a judgment',
      mutate: async (role, n) => {
        const cause = (await call('admin', `{ causesOfAction { code } }`)).data.causesOfAction[0].code;
        return call(role, `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, { i: { caseNumber: `(2025)浙0522民初${n}号`, court: '长兴县人民法院', causeCode: cause, judgeId: demoId('judge-1'), effectiveDate: new Date().toISOString().slice(0, 10), obligorIds: [fx.obligorId], obligeeIds: [fx.obligeeId], principalFen: 100 } });
      },
      wrote: async (n) => !!(await call('admin', `query($x: String!) { caseByNumber(caseNumber: $x) { id } }`, { x: `(2025)浙0522民初${n}号` })).data?.caseByNumber,
      allowed: ['admin', 'judge'],
    },
    {
      family: 'tasks: open a task in the village',
      mutate: (role, n) => call(role, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, { i: { caseId: fx.caseId, type: 'HOME_VISIT', level: 'VILLAGE', divisionCode: GANGKOU, title: `visit ${n}`, dueAt: new Date(Date.now() + 86_400_000).toISOString() } }),
      wrote: async (n) => (await call('admin', `query($id: ID!) { case(id: $id) { tasks { title } } }`, { id: fx.caseId })).data.case.tasks.some((t: { title: string }) => t.title === `visit ${n}`),
      // Tasks are given to a village by the court and the township; village cadres work them.
      allowed: ['admin', 'judge', 'officer', 'liaison'],
    },
    {
      family: 'metrics: draft a performance rule set',
      mutate: (role, n) => call(role, `mutation($i: CreatePerformanceRuleSetInput!) { createPerformanceRuleSet(input: $i) { id } }`, { i: { name: `rules ${n}`, effectiveFrom: '2026-01-01', weights: ['PERFORMED_AFTER_URGING', 'COMPLETED', 'SETTLED_AND_PERFORMED', 'TERMINATED_THIS_ROUND', 'EXITED', 'WITHDRAWN'].map((outcome) => ({ outcome, weight: 1 })) } }),
      wrote: async (n) => (await call('admin', `{ performanceRuleSets { name } }`)).data.performanceRuleSets.some((r: { name: string }) => r.name === `rules ${n}`),
      allowed: ['admin'],
    },
  ];

  it.each(mutations.map((m) => [m.family, m] as const))('%s', async (_family, row) => {
    const actual: Record<string, string> = {};
    for (const [i, role] of ROLES.entries()) {
      const n = 100 + i; // distinct per role; the fixture case number is four digits
      const r = (await row.mutate(role, n)) as { errors?: { extensions?: { code?: string } }[] };
      const refused = (r.errors ?? []).some((e) => DENIED.has(e.extensions?.code ?? ''));
      const wrote = await row.wrote(n);
      actual[role] = refused && !wrote ? 'denied' : !refused && wrote ? 'allowed' : `refused=${refused} wrote=${wrote} ${JSON.stringify(r.errors ?? [])}`;
    }
    const expected = Object.fromEntries(ROLES.map((role) => [role, row.allowed.includes(role) ? 'allowed' : 'denied']));
    expect(actual).toEqual(expected);
  });
});
