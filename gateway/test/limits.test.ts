import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '@zhiyuan/testing';
import { createGateway, loadGatewayConfig, type Gateway } from '../src';

/** The token limit (graphql-js counting while it parses, once) refuses a document before any subgraph is called. */
describe('operation limits', () => {
  let forwarded = 0;
  const subgraph = http.createServer((_req, res) => {
    forwarded++;
    res.statusCode = 500;
    res.end();
  });
  let gateway: Gateway;

  beforeAll(async () => {
    await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
    gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        MAX_TOKENS: '40',
        MAX_ALIASES: '100',
        RATE_LIMIT_PER_MINUTE: '0',
        RESPONSE_CACHE: 'off',
        CASES_URL: url,
        PEOPLE_CREDIT_URL: url,
        TASKS_URL: url,
        METRICS_URL: url,
      }),
      { logger: silentLogger },
    );
    await gateway.start();
  });
  afterAll(async () => {
    await gateway.stop();
    subgraph.close();
  });

  const post = async (query: string) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
    };
  };

  it('refuses a document over MAX_TOKENS, every time, without calling a subgraph', async () => {
    // 2 braces + 40 fields: 42 tokens.
    const tooMany = `{ ${Array.from({ length: 40 }, () => 'division(code: "1") { code }').join(' ')} }`;
    for (let i = 0; i < 2; i++) {
      const r = await post(tooMany);
      expect(r.status).toBe(400);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors?.[0]?.message).toMatch(/Document contains more th\w+ 40 tokens/);
    }
    const tooManyCheap = `{ ${'__typename '.repeat(39)}}`;
    expect((await post(tooManyCheap)).body.errors?.[0]?.message).toMatch(/Document contains more th\w+ 40 tokens/);
    expect(forwarded).toBe(0);
  });

  it('accepts a document at the limit', async () => {
    const atLimit = `{ ${'__typename '.repeat(38)}}`;
    const r = await post(atLimit);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ __typename: 'Query' });
  });
});
