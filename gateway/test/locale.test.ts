import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Logger } from '@zhiyuan/config';
import { createGateway, loadGatewayConfig, type Gateway } from '../src';

const SECRET = 'a-locale-test-secret-0123456789abcdef0';

/** A stand-in subgraph that records the Accept-Language of each request and answers `answer`. */
function fakeSubgraph() {
  const languages: (string | undefined)[] = [];
  const state: { answer: () => unknown; delayMs: number } = {
    answer: () => ({ data: { division: null } }),
    delayMs: 0,
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      languages.push(req.headers['accept-language'] as string | undefined);
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(state.answer()));
      }, state.delayMs);
    });
  });
  return { languages, state, server };
}

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

const QUERY = { query: '{ division(code: "330522") { code } }' };

describe('the client language', () => {
  const sub = fakeSubgraph();
  let gateway: Gateway;
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((r) => sub.server.listen(0, '127.0.0.1', r));
    const s = `http://127.0.0.1:${(sub.server.address() as AddressInfo).port}/graphql`;
    gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        RESPONSE_CACHE: 'off',
        PERSISTED_OPERATIONS: 'allow',
        INTERNAL_AUTH_SECRET: SECRET,
        CASES_URL: s,
        PEOPLE_CREDIT_URL: s,
        TASKS_URL: s,
        METRICS_URL: s,
      }),
      { logger: pino({ level: 'silent' }) as unknown as Logger },
    );
    await gateway.start();
    url = gateway.url;
  });
  afterAll(async () => {
    await gateway.stop();
    sub.server.close();
  });
  beforeEach(() => {
    sub.languages.length = 0;
    sub.state.answer = () => ({ data: { division: null } });
    sub.state.delayMs = 0;
  });

  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['zh-TW', 'zh-CN'],
    ['de', 'zh-CN'],
  ])('forwards Accept-Language %p to the subgraph as %s', async (header, forwarded) => {
    await post(url, QUERY, header ? { 'accept-language': header } : {});
    expect(sub.languages).toEqual([forwarded]);
  });

  it('does not share one subgraph answer between two languages', async () => {
    sub.state.delayMs = 100;
    await Promise.all([
      post(url, QUERY, { 'accept-language': 'en' }),
      post(url, QUERY, { 'accept-language': 'zh-CN' }),
      post(url, QUERY, { 'accept-language': 'en' }),
    ]);
    expect([...sub.languages].sort()).toEqual(['en', 'zh-CN']);
  });

  it('gives a subgraph error a localized message in the requested language, keeping its message', async () => {
    sub.state.answer = () => ({
      data: { division: null },
      errors: [
        {
          message: 'Division 330522 was not found',
          path: ['division'],
          extensions: { code: 'NOT_FOUND', entity: 'Division', id: '330522' },
        },
      ],
    });
    const zh = await post(url, QUERY);
    expect(zh.body.errors?.[0]).toMatchObject({
      message: 'Division 330522 was not found',
      extensions: { code: 'NOT_FOUND', localizedMessage: '未找到所查询的记录' },
    });
    const en = await post(url, QUERY, { 'accept-language': 'en-GB' });
    expect(en.body.errors?.[0]?.extensions?.localizedMessage).toBe('The record was not found');
  });

  it('localizes the errors the gateway answers itself', async () => {
    const invalid = await post(url, { query: '{ nope }' }, { 'accept-language': 'zh-CN' });
    expect(invalid.body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      localizedMessage: '查询语句与接口定义不符',
    });
    const unlisted = await post(
      url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      { 'accept-language': 'en' },
    );
    expect(unlisted.body.errors?.[0]?.extensions).toEqual({
      code: 'PERSISTED_QUERY_NOT_FOUND',
      localizedMessage: 'This operation is not on the safelist',
    });
    const key = await post(url, QUERY, { 'idempotency-key': 'a b' });
    expect(key.body.errors?.[0]?.extensions?.localizedMessage).toBe('填写的内容有误：Idempotency-Key，请检查后重试');
  });
});
