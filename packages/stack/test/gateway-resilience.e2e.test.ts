import { createTestDatabase, gqlRequest, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { startStack, type Stack } from '../src';

describe('gateway over the four subgraphs', () => {
  let db: TestDatabase;
  let stack: Stack;

  beforeAll(async () => {
    db = await createTestDatabase();
    stack = await startStack({ databaseUrl: db.url, gatewayPort: 0, subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 }, seedDemoData: true, logger: silentLogger, env: {} });
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it('answers with the other subgraphs data and a masked error when one subgraph is down', async () => {
    const query = `{ division(code: "330522") { name stats { __typename } } }`;
    const before = await gqlRequest(stack.gatewayUrl, query);
    expect(before.errors).toBeUndefined();
    expect(before.data.division.stats.__typename).toBeDefined();

    await stack.services.metrics.stop();
    const r = await gqlRequest(stack.gatewayUrl, query);
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
