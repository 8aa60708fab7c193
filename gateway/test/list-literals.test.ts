import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, visit, type ListValueNode } from 'graphql';
import pino from 'pino';
import type { Logger } from '@zhiyuan/config';
import { DEMO_ROLES, DEV_JWT_SECRET, createGateway, issueToken, loadGatewayConfig, type Gateway } from '../src';

const SECRET = 'a-list-literal-test-secret-0123456789ab';
const DEV = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

/**
 * A list literal inside an input literal that also holds a variable
 * (`tasks(filter: { divisionCode: $code, status: [OPEN, IN_PROGRESS] })`) goes through the gateway's
 * guards and planner to the subgraph as the same values, in a document the subgraph can parse.
 */
describe('list literals inside input literals', () => {
  const received: { query: string; variables: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
      received.push(payload);
      res.setHeader('content-type', 'application/json');
      try {
        parse(payload.query);
        res.end(JSON.stringify({ data: { tasks: { edges: [] }, division: null } }));
      } catch (err) {
        res.end(JSON.stringify({ errors: [{ message: (err as Error).message }] }));
      }
    });
  });
  let gateway: Gateway;
  let cadre = '';

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const s = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
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
    cadre = await issueToken(DEMO_ROLES.cadre!, DEV);
  });
  afterAll(async () => {
    await gateway.stop();
    server.close();
  });
  beforeEach(() => void (received.length = 0));

  const post = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cadre}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
  };

  /** The enum lists the subgraph's document holds, in order. */
  const listsOf = (query: string) => {
    const lists: string[][] = [];
    visit(parse(query), {
      ListValue(node: ListValueNode) {
        lists.push(node.values.map((v) => (v.kind === Kind.ENUM ? v.value : v.kind)));
      },
    });
    return lists;
  };

  it.each([
    [
      'beside a variable, with a sibling root field',
      `query W($code: ID!) {
        division(code: $code) { code name }
        tasks(filter: { divisionCode: $code, status: [OPEN, IN_PROGRESS] }, first: 30) { edges { node { id } } }
      }`,
    ],
    [
      'as the printed form, without spaces',
      `query W($code:ID!){tasks(filter:{divisionCode:$code,status:[OPEN,IN_PROGRESS]},first:30){edges{node{id}}}}`,
    ],
    [
      'after the variable and before another literal',
      `query W($code: ID!) { tasks(filter: { status: [IN_PROGRESS, OPEN], divisionCode: $code, overdue: true }) { edges { node { id } } } }`,
    ],
  ])('passes a list literal %s', async (_name, query) => {
    const r = await post(query, { code: '330522104201' });
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
    const tasks = received.find((p) => p.query.includes('tasks('));
    expect(tasks).toBeDefined();
    expect(tasks!.variables).toEqual({ code: '330522104201' });
    const expected = query.includes('[IN_PROGRESS, OPEN]') ? ['IN_PROGRESS', 'OPEN'] : ['OPEN', 'IN_PROGRESS'];
    expect(listsOf(tasks!.query)).toEqual([expected]);
  });

  it('refuses a bad value inside such a list at the edge, naming it', async () => {
    const r = await post(
      `query W($code: ID!) { tasks(filter: { divisionCode: $code, status: [OPEN, "DONE"] }) { edges { node { id } } } }`,
      { code: '330522104201' },
    );
    expect(r.body.errors?.length).toBeGreaterThan(0);
    expect(received).toEqual([]);
  });
});
