import { gqlRequest, silentLogger } from '@zhiyuan/testing';
import { createGateway, loadGatewayConfig } from '@zhiyuan/gateway';
import { useE2eStack } from './support/e2e';

describe('gateway over the four subgraphs', () => {
  const e2e = useE2eStack({
    name: 'resilience',
    env: { RATE_LIMIT_PER_MINUTE: undefined, TASK_SCHEDULERS_ENABLED: undefined },
  });

  it('composes the supergraph from the running subgraphs in introspect mode', async () => {
    const gw = createGateway(
      loadGatewayConfig({
        PORT: '0',
        SUPERGRAPH_MODE: 'introspect',
        CASES_URL: e2e.stack.services.cases.url,
        PEOPLE_CREDIT_URL: e2e.stack.services.peopleCredit.url,
        TASKS_URL: e2e.stack.services.tasks.url,
        METRICS_URL: e2e.stack.services.metrics.url,
      }),
      { logger: silentLogger },
    );
    await gw.start();
    try {
      const r = await gqlRequest(gw.url, `{ division(code: "330522") { name } }`, {}, undefined, e2e.auth.admin);
      expect(r.data.division.name).toBe('长兴县');
    } finally {
      await gw.stop();
    }
  });

  it('answers with the other subgraphs data and a masked error when one subgraph is down', async () => {
    const query = `{ division(code: "330522") { name stats(period: { kind: YEAR, date: "2026-01-01" }) { __typename } } }`;
    const before = await gqlRequest(e2e.gatewayUrl, query, {}, undefined, e2e.auth.admin);
    expect(before.errors).toBeUndefined();
    expect(before.data.division.stats.__typename).toBeDefined();

    await e2e.stack.services.metrics.stop();
    const r = await gqlRequest(e2e.gatewayUrl, query, {}, undefined, e2e.auth.admin);
    expect(r.data.division.name).toBe('长兴县');
    expect(r.data.division.stats).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE' });
    expect(JSON.stringify(r.errors)).not.toMatch(/http:|127\.0\.0\.1|ECONNREFUSED|stack/i);
  });

  it('refuses a request made straight to a subgraph, around the gateway', async () => {
    const r = await gqlRequest(e2e.stack.services.peopleCredit.url, `{ _service { sdl } }`);
    expect(r.status).toBe(401);
    expect(r.data).toBeUndefined();
  });
});
