import { createTestDatabase, gqlRequest, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { DEMO_ROLES, createGateway, issueToken, loadGatewayConfig } from '@zhiyuan/gateway';
import { startStack, type Stack } from '../src';

describe('gateway over the four subgraphs', () => {
  let db: TestDatabase;
  let stack: Stack;
  let admin: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = {
      authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, { secret: 'development-jwt-secret-change-me-0000000000', issuer: 'zhiyuan-dev', audience: 'zhiyuan' })}`,
    };
    stack = await startStack({
      databaseUrl: db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: true,
      logger: silentLogger,
      env: {},
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('composes the supergraph from the running subgraphs in introspect mode', async () => {
    const gw = createGateway(
      loadGatewayConfig({
        PORT: '0',
        SUPERGRAPH_MODE: 'introspect',
        CASES_URL: stack.services.cases.url,
        PEOPLE_CREDIT_URL: stack.services.peopleCredit.url,
        TASKS_URL: stack.services.tasks.url,
        METRICS_URL: stack.services.metrics.url,
      }),
      { logger: silentLogger },
    );
    await gw.start();
    try {
      const r = await gqlRequest(gw.url, `{ division(code: "330522") { name } }`, {}, undefined, admin);
      expect(r.data.division.name).toBe('长兴县');
    } finally {
      await gw.stop();
    }
  });

  it('answers with the other subgraphs data and a masked error when one subgraph is down', async () => {
    const query = `{ division(code: "330522") { name stats(period: { kind: YEAR, date: "2026-01-01" }) { __typename } } }`;
    const before = await gqlRequest(stack.gatewayUrl, query, {}, undefined, admin);
    expect(before.errors).toBeUndefined();
    expect(before.data.division.stats.__typename).toBeDefined();

    await stack.services.metrics.stop();
    const r = await gqlRequest(stack.gatewayUrl, query, {}, undefined, admin);
    expect(r.data.division.name).toBe('长兴县');
    expect(r.data.division.stats).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE' });
    expect(JSON.stringify(r.errors)).not.toMatch(/http:|127\.0\.0\.1|ECONNREFUSED|stack/i);
  });

  it('refuses a request made straight to a subgraph, around the gateway', async () => {
    const r = await gqlRequest(stack.services.peopleCredit.url, `{ _service { sdl } }`);
    expect(r.status).toBe(401);
    expect(r.data).toBeUndefined();
  });
});
