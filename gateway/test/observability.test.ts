import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Logger } from '@zhiyuan/config';
import { createGateway, loadGatewayConfig, type Gateway } from '../src';

const SECRET = 'an-observability-test-secret-0123456789';
const silent = pino({ level: 'silent' }) as unknown as Logger;

/** Every subgraph at once: answers the division lookup (the identity is not checked here). */
function fakeSubgraph() {
  return http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { division: { code: '330522' } } }));
    });
  });
}

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  JWT_ALGORITHM: 'ES256',
};

/** The value of one sample line of the text exposition (0 when absent). */
function sample(text: string, pattern: RegExp): number {
  const line = text.split('\n').find((l) => pattern.test(l));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function startGateway(env: Record<string, string>, subgraph: string): Promise<Gateway> {
  const gateway = createGateway(
    loadGatewayConfig({
      PORT: '0',
      METRICS_PORT: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      RESPONSE_CACHE: 'off',
      INTERNAL_AUTH_SECRET: SECRET,
      CASES_URL: subgraph,
      PEOPLE_CREDIT_URL: subgraph,
      TASKS_URL: subgraph,
      METRICS_URL: subgraph,
      ...env,
    }),
    { logger: silent },
  );
  await gateway.start();
  return gateway;
}

describe.each([
  ['development', {} as Record<string, string>],
  ['production', PRODUCTION],
])('the gateway metrics and explorer (%s)', (env, extra) => {
  const sub = fakeSubgraph();
  let gateway: Gateway;
  /** The same with a built console to serve (development: the explorer is its /explorer page). */
  let consoleGateway: Gateway;
  let origin = '';
  const consoleDir = mkdtempSync(path.join(os.tmpdir(), 'zy-console-'));

  beforeAll(async () => {
    writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    await new Promise<void>((r) => sub.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(sub.address() as AddressInfo).port}/graphql`;
    gateway = await startGateway(extra, url);
    consoleGateway = await startGateway({ ...extra, WEB_CONSOLE_DIR: consoleDir }, url);
    origin = new URL(gateway.url).origin;
  });
  afterAll(async () => {
    await gateway?.stop();
    await consoleGateway?.stop();
    sub.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('serves /metrics on METRICS_PORT, and on the public port only outside production', async () => {
    const separate = await fetch(gateway.metricsUrl!);
    expect(separate.status).toBe(200);
    expect(await separate.text()).toContain('# TYPE zhiyuan_graphql_requests_total counter');
    const open = await fetch(`${origin}/metrics`);
    if (env === 'production') {
      expect(open.status).toBe(404);
      expect(await open.text()).not.toContain('zhiyuan_');
    } else {
      expect(open.status).toBe(200);
      expect(await open.text()).toContain('zhiyuan_graphql_requests_total');
    }
  });

  it('counts operations by name and outcome and times the subgraph fetches', async () => {
    const scrape = async () => (await fetch(gateway.metricsUrl!)).text();
    const ok = /^zhiyuan_graphql_requests_total\{service="gateway",operation="DivisionProbe",outcome="ok"\}/;
    const failed = /^zhiyuan_graphql_requests_total\{service="gateway",operation="invalid",outcome="error"\}/;
    const fetches = /^zhiyuan_subgraph_fetch_duration_seconds_count\{subgraph="[a-z-]+",outcome="ok"\}/;
    const timed =
      /^zhiyuan_graphql_request_duration_seconds_count\{service="gateway",operation="DivisionProbe",outcome="ok"\}/;
    const before = await scrape();
    const post = (query: string, operationName?: string) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName }),
      });
    const r = await post('query DivisionProbe { division(code: "330522") { code } }', 'DivisionProbe');
    expect(r.status).toBe(200);
    await post('query Broken { division(code: ');
    const after = await scrape();
    expect(sample(after, ok)).toBe(sample(before, ok) + 1);
    expect(sample(after, timed)).toBe(sample(before, timed) + 1);
    expect(sample(after, failed)).toBe(sample(before, failed) + 1);
    expect(sample(after, fetches)).toBeGreaterThan(sample(before, fetches));
  });

  it('sends a browser opening /graphql to the explorer in development only', async () => {
    const r = await fetch(gateway.url, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    if (env === 'production') {
      expect(r.status).not.toBe(302);
      expect(r.headers.get('content-type') ?? '').not.toContain('text/html');
      const served = await fetch(consoleGateway.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(served.status).not.toBe(302);
      expect(served.headers.get('content-type') ?? '').not.toContain('text/html');
    } else {
      // No console built in this test: the page says how to get the explorer.
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('npm run build -w @zhiyuan/web');
      const served = await fetch(consoleGateway.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(served.status).toBe(302);
      expect(served.headers.get('location')).toBe('/explorer');
    }
    // A GET asking for JSON is the GraphQL endpoint's in both.
    const api = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
