import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { decodeJwt } from 'jose';
import type { Identity } from '@zhiyuan/auth';
import { InProcessEventBus, createEvent } from '@zhiyuan/events';
import { silentLogger, waitFor } from '@zhiyuan/testing';
import { AuthenticationError } from '../src/auth';
import { LiveEngine } from '../src/live';
import type { RunQuery } from '../src/live/engine';
import { inProcessLiveSource } from '../src/live/sources';
import { serveEventStream } from '../src/live/transports';

const schema = buildSchema(`
  type Case { id: ID! paidFen: Int! }
  type CaseUpdate { eventId: ID! kind: String! occurredAt: String! cursor: String! case: Case! }
  type Query { case(id: ID!): Case }
  type Subscription { caseUpdated(caseId: ID!, since: String): CaseUpdate! }
`);
const QUERY = 'subscription($id: ID!) { caseUpdated(caseId: $id) { cursor case { id paidFen } } }';

const cadre = (sub: string): Identity => ({
  sub,
  roles: ['VILLAGE_CADRE'],
  divisionCode: '330522104201',
  department: null,
  partyId: null,
  ip: '127.0.0.1',
});

/** A token shaped like a JWT (the transport reads its expiry); this test's authenticate trusts it. */
const tokenOf = (sub: string) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 900 })).toString('base64url')}.x`;

const payment = (caseId: string) =>
  createEvent(
    'cases.performance.recorded',
    {
      caseId,
      performanceId: randomUUID(),
      amountFen: 100,
      source: 'VOLUNTARY',
      paidOn: '2025-01-02',
      outstandingFen: 900,
      totalPaidFen: 100,
      obligorIds: [randomUUID()],
      recordedAt: new Date().toISOString(),
    },
    { producer: 'cases', key: caseId },
  );

/** The SSE transport on a bare HTTP server, as the gateway serves it ahead of Express. */
describe('live SSE transport on the bare HTTP server', () => {
  let bus: InProcessEventBus;
  let engine: LiveEngine;
  let server: http.Server;
  let base: string;
  const run: RunQuery = async (_query, variables) => {
    const id = variables.zyLiveKey_case as string;
    return { data: { zyLiveProbe_case: { id }, zyLive_case_case: { id, paidFen: 100 } } };
  };

  beforeAll(async () => {
    bus = new InProcessEventBus(silentLogger);
    await bus.start();
    engine = new LiveEngine(
      inProcessLiveSource(bus, silentLogger),
      () => schema,
      run,
      { perIdentity: 5, queue: 10, replay: 100 },
      silentLogger,
    );
    await engine.start();
    const sse = serveEventStream('/graphql/stream', {
      engine,
      schema: () => schema,
      authenticate: async (authorization) => {
        if (authorization === 'Bearer bad') throw new AuthenticationError('The bearer token is invalid');
        return cadre(decodeJwt(authorization!.slice(7)).sub!);
      },
      rules: [],
      maxTokens: 1_000,
      maxBodyBytes: 1_000,
      keepAliveMs: 60_000,
      clientAddress: () => '127.0.0.1',
      persisted: { mode: 'off', safelist: new Map() },
      log: silentLogger,
    });
    // Whatever the transport leaves is the rest of the gateway's (Express's) to answer.
    server = http.createServer((req, res) => {
      if (!sse(req, res)) res.writeHead(404, { 'x-left-to': 'express' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await engine.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await bus.close();
  });

  /** Reads the stream until `until` holds of what came so far. */
  async function readUntil(res: Response, until: (text: string) => boolean): Promise<string> {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!until(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    reader.releaseLock();
    return text;
  }

  it('streams the events of a POSTed subscription with their cursors, and forgets a client that leaves', async () => {
    const caseId = randomUUID();
    const abort = new AbortController();
    const res = await fetch(`${base}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenOf('c1')}`,
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ query: QUERY, variables: { id: caseId } }),
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await readUntil(res, (t) => t.startsWith(':\n\n'));
    await waitFor(() => engine.size === 1, { what: 'the subscription opened' });
    await bus.publish('cases.performance.recorded', payment(randomUUID()));
    await bus.publish('cases.performance.recorded', payment(caseId));
    const text = await readUntil(res, (t) => t.includes('\n\n', t.indexOf('event: next')));
    const frame = /id: (\S+)\nevent: next\ndata: (.+)\n\n/.exec(text);
    expect(frame).not.toBeNull();
    const body = JSON.parse(frame![2]!) as { data: { caseUpdated: { cursor: string; case: { id: string } } } };
    expect(body.data.caseUpdated.case.id).toBe(caseId);
    expect(body.data.caseUpdated.cursor).toBe(frame![1]);
    // Only the event of its case came.
    expect(text.match(/event: next/g)).toHaveLength(1);
    abort.abort();
    await waitFor(() => engine.size === 0, { what: 'the subscriber released' });
  });

  it('takes GET with the operation in the query string, on the path as Express would match it', async () => {
    const abort = new AbortController();
    const qs = new URLSearchParams({ query: QUERY, variables: JSON.stringify({ id: randomUUID() }) });
    const res = await fetch(`${base}/GraphQL/Stream/?${qs}`, {
      headers: { authorization: `Bearer ${tokenOf('c2')}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    await readUntil(res, (t) => t.startsWith(':\n\n'));
    await waitFor(() => engine.size === 1, { what: 'the subscription opened' });
    abort.abort();
    await waitFor(() => engine.size === 0, { what: 'the subscriber released' });
  });

  it('refuses a bad body, a bad token and a bad operation with typed errors', async () => {
    const post = (body: string, authorization = `Bearer ${tokenOf('c3')}`) =>
      fetch(`${base}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization, 'accept-language': 'zh-CN' },
        body,
      });
    const large = await post(JSON.stringify({ query: QUERY, variables: { id: 'x'.repeat(2_000) } }));
    expect(large.status).toBe(413);
    const largeError = ((await large.json()) as { errors: { extensions: Record<string, string> }[] }).errors[0]!;
    expect(largeError.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(largeError.extensions.localizedMessage).toEqual(expect.any(String));
    const broken = await post('{"query":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'BAD_REQUEST',
    );
    const unauthenticated = await post(JSON.stringify({ query: QUERY, variables: { id: randomUUID() } }), 'Bearer bad');
    expect(unauthenticated.status).toBe(401);
    expect(
      ((await unauthenticated.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
    const query = await post(JSON.stringify({ query: '{ case(id: "1") { id } }' }));
    expect(query.status).toBe(400);
    expect(engine.size).toBe(0);
  });

  it('leaves every other path and method to the rest of the gateway', async () => {
    for (const [method, path] of [
      ['POST', '/graphql'],
      ['GET', '/graphql'],
      ['POST', '/graphql/streams'],
      ['PUT', '/graphql/stream'],
    ] as const) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect([method, path, res.status, res.headers.get('x-left-to')]).toEqual([method, path, 404, 'express']);
    }
  });
});
