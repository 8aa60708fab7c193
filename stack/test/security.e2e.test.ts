import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, exportSPKI, generateKeyPair, type KeyLike } from 'jose';

import { gqlRequest, silentLogger } from '@zhiyuan/testing';
import { useE2eStack, DEV_JWT } from './support/e2e';
import { DEMO_ROLES, createGateway, issueToken, loadGatewayConfig, sha256, type Gateway } from '@zhiyuan/gateway';

describe('gateway security', () => {
  let prod: Gateway;
  let privateKey: KeyLike;
  const safeQuery = '{ division(code: "330522") { name } }';
  const introspectionQuery = '{ __schema { types { name } } }';
  // Production refuses the development secret; the subgraphs and the production gateway share this one.
  const SECRET = 'security-test-internal-secret-0123456789';

  const e2e = useE2eStack({
    name: 'security',
    env: { INTERNAL_AUTH_SECRET: SECRET, TASK_SCHEDULERS_ENABLED: undefined },
  });
  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const safelistFile = path.join(tmpdir(), `safelist-${Date.now()}.json`);
    writeFileSync(
      safelistFile,
      JSON.stringify({ [sha256(safeQuery)]: safeQuery, [sha256(introspectionQuery)]: introspectionQuery }),
    );
    prod = createGateway(
      loadGatewayConfig({
        NODE_ENV: 'production',
        INTERNAL_AUTH_SECRET: SECRET,
        PORT: '0',
        JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey),
        JWT_ISSUER: 'https://idp.example',
        JWT_AUDIENCE: 'zhiyuan',
        RATE_LIMIT_PER_MINUTE: '5',
        PERSISTED_OPERATIONS: 'enforce',
        PERSISTED_OPERATIONS_FILE: safelistFile,
        CASES_URL: e2e.stack.services.cases.url,
        PEOPLE_CREDIT_URL: e2e.stack.services.peopleCredit.url,
        TASKS_URL: e2e.stack.services.tasks.url,
        METRICS_URL: e2e.stack.services.metrics.url,
      }),
      { logger: silentLogger },
    );
    await prod.start();
  });
  e2e.beforeStop(() => prod?.stop());

  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('refuses a forged, expired or malformed bearer token with 401 and nothing else', async () => {
    const forged = await issueToken(DEMO_ROLES.admin!, { ...DEV_JWT, secret: 'x'.repeat(40) });
    const expired = await issueToken(DEMO_ROLES.admin!, { ...DEV_JWT, ttl: '-1m' });
    for (const headers of [bearer(forged), bearer(expired), { authorization: 'Basic abc' }]) {
      const r = await gqlRequest(e2e.gatewayUrl, safeQuery, {}, undefined, headers);
      expect(r.status).toBe(401);
      expect(r.data).toBeUndefined();
      expect(r.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const ok = await gqlRequest(
      e2e.gatewayUrl,
      '{ __typename }',
      {},
      undefined,
      bearer(await issueToken(DEMO_ROLES.admin!, DEV_JWT)),
    );
    expect(ok.status).toBe(200);
  });

  it('in production accepts only tokens of the configured key, issuer and audience', async () => {
    const sign = (iss: string) =>
      new SignJWT({ roles: ['ADMIN'] })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('u')
        .setIssuer(iss)
        .setAudience('zhiyuan')
        .setExpirationTime('5m')
        .sign(privateKey);
    const good = await gqlRequest(prod.url, safeQuery, {}, undefined, bearer(await sign('https://idp.example')));
    expect(good.status).toBe(200);
    const wrongIssuer = await gqlRequest(
      prod.url,
      safeQuery,
      {},
      undefined,
      bearer(await sign('https://evil.example')),
    );
    expect(wrongIssuer.status).toBe(401);
    const hs256 = await gqlRequest(
      prod.url,
      safeQuery,
      {},
      undefined,
      bearer(await issueToken(DEMO_ROLES.admin!, { ...DEV_JWT, issuer: 'https://idp.example' })),
    );
    expect(hs256.status).toBe(401);
  });

  it('rejects documents that are too deep, have too many aliases or are too large, without touching a subgraph', async () => {
    // A gateway whose subgraph calls all go through a counting proxy.
    let forwarded = 0;
    const target = new URL(e2e.stack.services.peopleCredit.url);
    const proxy = http.createServer((req, res) => {
      forwarded++;
      const up = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    const gw = createGateway(
      loadGatewayConfig({
        PORT: '0',
        INTERNAL_AUTH_SECRET: SECRET,
        CASES_URL: proxyUrl,
        PEOPLE_CREDIT_URL: proxyUrl,
        TASKS_URL: proxyUrl,
        METRICS_URL: proxyUrl,
      }),
      { logger: silentLogger },
    );
    await gw.start();
    const fine = await gqlRequest(
      gw.url,
      '{ division(code: "330522") { code } }',
      {},
      undefined,
      bearer(await issueToken(DEMO_ROLES.admin!, DEV_JWT)),
    );
    expect(fine.data.division.code).toBe('330522');
    expect(forwarded).toBe(1);
    const deep = `{ division(code: "330522") { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }`;
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: division(code: "330522") { code }`).join(' ')} }`;
    for (const q of [deep, aliases]) {
      const r = await gqlRequest(gw.url, q);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]?.message).toMatch(/depth|alias/i);
    }
    const huge = await gqlRequest(gw.url, `{ __typename } # ${'x'.repeat(200_000)}`);
    expect(huge.status).toBe(413);
    expect(huge.errors![0]!.extensions!.code).toBe('PAYLOAD_TOO_LARGE');
    expect(forwarded).toBe(1);
    await gw.stop();
    proxy.close();
  });

  it('hides introspection and field suggestions in production', async () => {
    const intro = await gqlRequest(prod.url, introspectionQuery);
    expect(intro.data).toBeUndefined();
    expect(intro.errors![0]!.message).toMatch(/introspection/i);
    const devIntro = await gqlRequest(e2e.gatewayUrl, introspectionQuery);
    expect(devIntro.data.__schema.types.length).toBeGreaterThan(10);
    const dev = await gqlRequest(e2e.gatewayUrl, '{ divison(code: "330522") { name } }');
    expect(dev.errors![0]!.message).toMatch(/Did you mean/);
  });

  it('enforces the safelist of persisted operations and accepts one by its hash', async () => {
    const free = await gqlRequest(prod.url, '{ __typename }');
    expect(free.status).toBe(400);
    expect(free.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_REQUIRED');
    const sign = new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('u')
      .setIssuer('https://idp.example')
      .setAudience('zhiyuan')
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await fetch(prod.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(safeQuery) } } }),
    });
    const body = (await res.json()) as { data?: { division: { name: string } } };
    expect(body.data?.division.name).toBe('长兴县');
  });

  it('limits the rate per identity', async () => {
    let limited = 0;
    for (let i = 0; i < 8; i++) {
      const r = await gqlRequest(prod.url, safeQuery);
      if (r.status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
