/**
 * The memory an idle live subscriber holds in the gateway, apart from the rest of the stack
 * (`npm run live-memory -w @zhiyuan/bench -- 1000,5000,10000`): the gateway's own SSE transport and live
 * engine on the in-process bus, behind a real HTTP server, with the subscribers opened by a child process
 * (their sockets are not counted here). After each step the heap is collected and measured, so the
 * figures are what the subscribers hold, not garbage waiting for a collection. Run with --expose-gc.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { writeHeapSnapshot } from 'node:v8';
import { buildSchema } from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import { InProcessEventBus } from '@zhiyuan/events';
import { LiveEngine, inProcessLiveSource, serveEventStream } from '@zhiyuan/gateway';
import { silentLogger } from '@zhiyuan/testing';

const schema = buildSchema(`
  type Case { id: ID! paidFen: Int! }
  type CaseUpdate { eventId: ID! kind: String! occurredAt: String! cursor: String! case: Case! }
  type Query { case(id: ID!): Case }
  type Subscription { caseUpdated(caseId: ID!, since: String): CaseUpdate! }
`);
const VILLAGE = '330522104201';
const QUERY = 'subscription($id: ID!) { caseUpdated(caseId: $id) { eventId case { paidFen } } }';

async function client(url: string, from: number, to: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const body = (i: number) => JSON.stringify({ query: QUERY, variables: { id: caseOf(i) } });
  let open = 0;
  await new Promise<void>((resolve, reject) => {
    let next = from;
    const one = () => {
      if (next >= to) return;
      const i = next++;
      const req = http.request(url, {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${tokenOf(i)}`,
        },
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.on('data', (d: Buffer) => reject(new Error(`HTTP ${res.statusCode} ${d.toString()}`)));
          return;
        }
        res.once('data', () => {
          if (++open === to - from) resolve();
          one();
        });
      });
      req.on('error', reject);
      req.end(body(i));
    };
    for (let k = 0; k < 50; k++) one();
  });
}

/** A token shaped like a JWT (the transport reads its expiry); this profile's authenticate trusts it. */
const tokenOf = (i: number) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: `c${i}`, exp: Math.floor(Date.now() / 1000) + 900 })).toString('base64url')}.x`;

const caseOf = (i: number) => `00000000-0000-4000-8000-${String(i % 500).padStart(12, '0')}`;

async function main(): Promise<void> {
  if (process.argv[2] === 'client') {
    const [url, from, to] = [process.argv[3]!, Number(process.argv[4]), Number(process.argv[5])];
    await client(url, from, to);
    process.send!('open');
    return new Promise(() => undefined);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const steps = (process.argv[2] ?? '1000,5000,10000').split(',').map(Number);
  const bus = new InProcessEventBus(silentLogger);
  await bus.start();
  const engine = new LiveEngine(
    inProcessLiveSource(bus, silentLogger),
    () => schema,
    async () => ({ data: {} }),
    { perIdentity: 20, queue: 100, replay: 10_000 },
    silentLogger,
  );
  await engine.start();
  const sse = serveEventStream('/graphql/stream', {
    engine,
    schema: () => schema,
    authenticate: async (authorization): Promise<Identity> => ({
      sub: authorization!.slice(7),
      roles: ['VILLAGE_CADRE'],
      divisionCode: VILLAGE,
      department: null,
      partyId: null,
      ip: '127.0.0.1',
    }),
    rules: [],
    maxTokens: 3_000,
    maxBodyBytes: 100_000,
    keepAliveMs: 15_000,
    clientAddress: () => '127.0.0.1',
    persisted: { mode: 'off', safelist: new Map() },
    log: silentLogger,
  });
  const server = http.createServer((req, res) => {
    if (!sse(req, res)) res.writeHead(404).end();
  });
  server.maxConnections = 100_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql/stream`;
  const measure = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return { heap: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
  };
  const base = measure();
  const rows: string[] = [];
  let opened = 0;
  const clients: import('node:child_process').ChildProcess[] = [];
  for (const n of steps) {
    const c = fork(__filename, ['client', url, String(opened), String(n)], { execArgv: ['--import', 'tsx'] });
    clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('message', () => resolve());
      c.once('exit', (code) => reject(new Error(`client exited ${code}`)));
    });
    opened = n;
    const m = measure();
    const per = (v: number, b: number) => ((v - b) / n / 1024).toFixed(1);
    rows.push(
      `| ${n.toLocaleString('en')} | ${engine.size} | ${((m.heap - base.heap) / 1e6).toFixed(1)} MB (${per(m.heap, base.heap)} KB each) | ${((m.rss - base.rss) / 1e6).toFixed(1)} MB (${per(m.rss, base.rss)} KB each) |`,
    );
  }
  if (process.env.LIVE_MEMORY_SNAPSHOT) console.log(writeHeapSnapshot(process.env.LIVE_MEMORY_SNAPSHOT));
  console.log('| subscribers | in the engine | heap after GC, above idle | RSS above idle |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  for (const c of clients) c.kill();
  await engine.stop();
  server.closeAllConnections();
  server.close();
  await bus.close();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
