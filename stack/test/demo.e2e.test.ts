import { DEMO_ROLES, DEV_JWT_SECRET, issueToken } from '@zhiyuan/gateway';
import { createTestDatabase, gqlRequest, silentLogger, waitFor, type TestDatabase } from '@zhiyuan/testing';
import { loadDemoCases, startStack, type Stack } from '../src';

const JWT = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

describe('demo cases on first start', () => {
  let db: TestDatabase;
  let stack: Stack;

  beforeAll(async () => {
    db = await createTestDatabase('zy_demo');
    stack = await startStack({
      databaseUrl: db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: true,
      logger: silentLogger,
      env: { RATE_LIMIT_PER_MINUTE: '0', TASK_SCHEDULERS_ENABLED: 'false' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('loads cases through the product, once, with one obligor on the public board', async () => {
    await loadDemoCases(stack.gatewayUrl, JWT, silentLogger);
    await loadDemoCases(stack.gatewayUrl, JWT, silentLogger);
    const admin = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, JWT)}` };
    const cases = await gqlRequest(
      stack.gatewayUrl,
      `{ cases(first: 50) { nodes { caseNumber state } } }`,
      {},
      undefined,
      admin,
    );
    expect(cases.data.cases.nodes).toHaveLength(8);
    expect(cases.data.cases.nodes.filter((c: { state: string }) => c.state === 'PERFORMED_AFTER_URGING')).toHaveLength(
      2,
    );
    const board = await waitFor(
      async () => {
        const r = await gqlRequest(
          stack.gatewayUrl,
          `{ exposureBoard(divisionCode: "330522") { nodes { name idNumberMasked } } }`,
        );
        return r.data.exposureBoard.nodes.length === 1 ? r.data.exposureBoard.nodes : undefined;
      },
      { what: 'one board entry' },
    );
    expect(board[0].idNumberMasked).toMatch(/^\d{10}\*{4}\d{3}[\dX]$/);
  });
});
