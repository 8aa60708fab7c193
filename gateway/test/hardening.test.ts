import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { decodeJwt } from 'jose';
import { INTERNAL_IDENTITY_HEADER, verifyInternalIdentity } from '@zhiyuan/auth';
import type { Logger } from '@zhiyuan/config';
import { createGateway, loadGatewayConfig, type Gateway } from '../src';

const SECRET = 'a-hardening-test-secret-0123456789abcdef';

interface Seen {
  method: string;
  path: string;
  body: string;
  token: string;
}

/**
 * One stand-in for every subgraph: verifies the signed identity against the request exactly as a
 * subgraph does, records what it got, and answers with `answer` (the division lookup by default).
 */
function fakeSubgraph() {
  const seen: Seen[] = [];
  const state: { answer: (s: Seen) => { status: number; body: unknown } } = {
    answer: () => ({ status: 200, body: { data: { division: null } } }),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const s = {
        method: req.method ?? '',
        path: req.url ?? '',
        body,
        token: String(req.headers[INTERNAL_IDENTITY_HEADER] ?? ''),
      };
      seen.push(s);
      res.setHeader('content-type', 'application/json');
      try {
        await verifyInternalIdentity(
          s.token,
          SECRET,
          { method: s.method, path: s.path, body },
          { requireBinding: true },
        );
      } catch {
        res.statusCode = 401;
        return res.end(
          JSON.stringify({
            errors: [
              {
                message: 'Unauthorized',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          }),
        );
      }
      const a = state.answer(s);
      res.statusCode = a.status;
      res.end(JSON.stringify(a.body));
    });
  });
  return { seen, state, server };
}

interface Answer {
  status: number;
  body: {
    data?: unknown;
    errors?: {
      message: string;
      path?: unknown[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

async function post(
  url: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

function capturingLogger() {
  const lines: { level: number; msg?: string }[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write: (s: string) => void lines.push(JSON.parse(s) as { level: number }),
    },
  ) as unknown as Logger;
  return { lines, logger };
}

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  JWT_ALGORITHM: 'ES256',
};

describe.each([
  ['development', {}],
  ['production', PRODUCTION],
])('the gateway refuses bad requests as client errors (%s)', (_env, envExtra) => {
  const sub = fakeSubgraph();
  const log = capturingLogger();
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
        MAX_DEPTH: '4',
        MAX_ALIASES: '3',
        MAX_COST: '200',
        MAX_TOKENS: '200',
        INTERNAL_AUTH_SECRET: SECRET,
        CASES_URL: s,
        PEOPLE_CREDIT_URL: s,
        TASKS_URL: s,
        METRICS_URL: s,
        ...envExtra,
      }),
      { logger: log.logger },
    );
    await gateway.start();
    url = gateway.url;
  });
  afterAll(async () => {
    await gateway.stop();
    sub.server.close();
  });
  beforeEach(() => {
    sub.seen.length = 0;
    sub.state.answer = () => ({
      status: 200,
      body: { data: { division: null } },
    });
  });

  it('answers an unknown operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const r = await post(url, {
      query: 'query A { __typename } query B { __typename }',
      operationName: 'C',
    });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const none = await post(url, {
      query: 'query A { __typename } query B { __typename }',
    });
    expect(none.status).toBe(400);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  describe('control characters in text arguments', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'an inline literal',
        {
          query: '{ exposureBoard(divisionCode: "33\\u0000") { divisionCode } }',
        },
        'exposureBoard.divisionCode',
      ],
      [
        'a variable',
        {
          query: 'query($c: ID!) { exposureBoard(divisionCode: $c) { divisionCode } }',
          variables: { c: '33\u0000' },
        },
        '$c',
      ],
      [
        'a nested input object',
        {
          query: 'query($f: CaseFilter) { cases(filter: $f) { totalCount } }',
          variables: { f: { causeCode: 'x\u0007y' } },
        },
        '$f.causeCode',
      ],
      [
        'a list in a literal input object',
        {
          query: '{ cases(filter: { divisionCode: "330522", states: [], judgeId: "\\u001b[31m" }) { totalCount } }',
        },
        'cases.filter.judgeId',
      ],
      [
        'a second root field',
        {
          query: '{ division(code: "330522") { code } divisions(search: "a\\u0000") { nodes { code } } }',
        },
        'divisions.search',
      ],
      [
        'a list inside a list of input objects',
        {
          query: 'mutation($j: [JudgmentInput!]!) { importJudgments(judgments: $j) { __typename } }',
          variables: {
            j: [
              {
                caseNumber: 'a',
                court: 'c',
                causeCode: 'x',
                effectiveDate: '2024-01-01',
                obligorIds: ['ok', 'bad\u0000'],
                obligeeIds: [],
                principalFen: 1,
              },
            ],
          },
        },
        '$j.0.obligorIds.1',
      ],
    ];
    it.each(cases)(
      'refuses %s with VALIDATION_FAILED naming the field, without calling a subgraph',
      async (_what, payload, field) => {
        const before = log.lines.length;
        const r = await post(url, payload);
        expect(r.status).toBe(400);
        expect(r.body.errors?.[0]?.extensions).toMatchObject({
          code: 'VALIDATION_FAILED',
          field,
        });
        expect(sub.seen).toHaveLength(0);
        expect(log.lines.slice(before).filter((l) => l.level >= 50)).toEqual([]);
      },
    );

    it('allows tab, line feed and carriage return', async () => {
      const r = await post(url, {
        query: 'query($c: ID!) { division(code: $c) { code } }',
        variables: { c: 'a\tb\nc\r' },
      });
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect(sub.seen).toHaveLength(1);
    });
  });

  describe('custom scalars', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'a Fen literal that is not whole',
        {
          query: '{ cases(filter: { minOutstandingFen: 1.5 }) { totalCount } }',
        },
        'cases.filter.minOutstandingFen',
      ],
      [
        'a Date variable that is no calendar day',
        {
          query: 'query($f: Date!) { disputeSeries(code: "330522", from: $f, to: "2024-02-01") { cases } }',
          variables: { f: '2024-13-01' },
        },
        '$f',
      ],
      [
        'a Date inside an input variable',
        {
          query: 'query($p: MetricsPeriodInput!) { divisionStats(code: "330522", period: $p) { divisionCode } }',
          variables: { p: { kind: 'MONTH', date: '2024-02-30' } },
        },
        '$p.date',
      ],
      [
        'a Fen variable in an input object',
        {
          query: 'query($f: CaseFilter) { cases(filter: $f) { totalCount } }',
          variables: { f: { minOutstandingFen: 1e300 } },
        },
        '$f.minOutstandingFen',
      ],
    ];
    it.each(cases)(
      'refuses %s with BAD_USER_INPUT naming it, without calling a subgraph',
      async (_what, payload, field) => {
        const r = await post(url, payload);
        expect(r.status).toBe(400);
        expect(r.body.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
        });
        expect(sub.seen).toHaveLength(0);
      },
    );

    it('lets valid values through', async () => {
      const r = await post(url, {
        query: 'query($f: CaseFilter) { cases(filter: $f) { totalCount } }',
        variables: { f: { minOutstandingFen: 100 } },
      });
      expect(r.body.errors?.[0]?.extensions?.code).not.toBe('BAD_USER_INPUT');
      expect(sub.seen).toHaveLength(1);
    });
  });

  it('turns a subgraph 4xx with a GraphQL error body into a client error with its message', async () => {
    sub.state.answer = () => ({
      status: 400,
      body: {
        errors: [
          {
            message: 'Variable "$a" got invalid value "x"; Date must be a calendar day YYYY-MM-DD',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
    const r = await post(url, {
      query: '{ division(code: "330522") { code } }',
    });
    const e = r.body.errors?.[0];
    expect(e?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e?.message).toMatch(/Date must be a calendar day/);
    expect(JSON.stringify(r.body)).not.toMatch(/INTERNAL_SERVER_ERROR|127\.0\.0\.1|http:/);
    expect(r.status).toBeLessThan(500);

    sub.state.answer = () => ({ status: 413, body: 'too large' });
    const plain = await post(url, {
      query: '{ division(code: "330522") { code } }',
    });
    expect(plain.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(plain.body)).not.toMatch(/INTERNAL_SERVER_ERROR|127\.0\.0\.1|http:/);
  });

  it.each([
    ['depth', '{ cases { nodes { parties { party { cases { totalCount } } } } } }'],
    ['aliases', `{ ${['a', 'b', 'c', 'd', 'e'].map((a) => `${a}: division(code: "1") { code }`).join(' ')} }`],
    ['cost', '{ cases { nodes { id parties { party { id name } } } } tasks(filter: {}) { nodes { id } } }'],
    ['tokens', `{ ${'__typename '.repeat(220)}}`],
  ])('answers a %s limit with 400 QUERY_TOO_COMPLEX, not a syntax error', async (_limit, query) => {
    const r = await post(url, { query });
    expect(r.status).toBe(400);
    const e = r.body.errors?.[0];
    expect(e?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(e?.message).not.toMatch(/Syntax Error/);
    expect(sub.seen).toHaveLength(0);
  });

  it('signs each subgraph request for that request only, for seconds', async () => {
    await post(url, { query: '{ division(code: "330522") { code } }' });
    await post(url, { query: '{ division(code: "330523") { code } }' });
    expect(sub.seen).toHaveLength(2);
    const [a, b] = sub.seen as [Seen, Seen];
    expect(a.token).not.toBe(b.token);
    // The first header on the second body is refused.
    await expect(
      verifyInternalIdentity(a.token, SECRET, {
        method: b.method,
        path: b.path,
        body: b.body,
      }),
    ).rejects.toThrow();
    const claims = decodeJwt(a.token);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15);
  });
});

describe('X-Forwarded-For', () => {
  const sub = fakeSubgraph();
  let subUrl = '';
  beforeAll(async () => {
    await new Promise<void>((r) => sub.server.listen(0, '127.0.0.1', r));
    subUrl = `http://127.0.0.1:${(sub.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => void sub.server.close());

  async function withGateway(env: Record<string, string>, run: (url: string) => Promise<void>) {
    const gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        RESPONSE_CACHE: 'off',
        INTERNAL_AUTH_SECRET: SECRET,
        CASES_URL: subUrl,
        PEOPLE_CREDIT_URL: subUrl,
        TASKS_URL: subUrl,
        METRICS_URL: subUrl,
        ...env,
      }),
      { logger: capturingLogger().logger },
    );
    await gateway.start();
    try {
      await run(gateway.url);
    } finally {
      await gateway.stop();
    }
  }
  const ask = (url: string, forwardedFor: string) =>
    post(url, { query: '{ division(code: "330522") { code } }' }, { 'x-forwarded-for': forwardedFor });
  const lastIp = () => (decodeJwt(sub.seen.at(-1)!.token).id as { ip: string | null }).ip;

  it('is not believed from a loopback client by default: no escape from the rate limit, no fake address', async () => {
    await withGateway({ RATE_LIMIT_PER_MINUTE: '2' }, async (url) => {
      expect((await ask(url, '203.0.113.1')).status).toBe(200);
      expect(lastIp()).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
      expect((await ask(url, '203.0.113.2')).status).toBe(200);
      expect((await ask(url, '203.0.113.3')).status).toBe(429);
    });
  });

  it('is believed from a configured proxy', async () => {
    await withGateway({ RATE_LIMIT_PER_MINUTE: '2', TRUSTED_PROXIES: 'loopback' }, async (url) => {
      expect((await ask(url, '203.0.113.1')).status).toBe(200);
      expect(lastIp()).toBe('203.0.113.1');
      expect((await ask(url, '203.0.113.2')).status).toBe(200);
      expect((await ask(url, '203.0.113.3')).status).toBe(200);
    });
  });
});
