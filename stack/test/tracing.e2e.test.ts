import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, uniqueService, type TestDatabase } from '@zhiyuan/testing';

const root = path.resolve(__dirname, '../..');

interface SpanLine {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

/**
 * One payment through the gateway yields one trace: the gateway's plan and fetch, the cases
 * subgraph's request and its SQL, the outbox relay's publish and people-credit's handling of the
 * event, a child of the publish through the trace context the envelope carries. The stack runs in a
 * process of its own with an in-memory exporter (test/support/trace-payment.ts): the
 * instrumentations patch http, pg and graphql as they are first loaded, which Jest's module registry
 * would hide from them.
 */
describe('tracing across the gateway, a subgraph and an event', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('zy_tracing');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('puts the gateway, the cases subgraph, its SQL, the publish and people-credit’s handler in one trace', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      CONSUMER_GROUP: uniqueService('tracing'),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'stack/test/support/trace-payment.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
    const line = out.split('\n').find((l) => l.startsWith('SPANS '));
    expect(line).toBeDefined();
    const { spans } = JSON.parse(line!.slice('SPANS '.length)) as { traceId: string; spans: SpanLine[] };
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestors = (s: SpanLine): SpanLine[] => {
      const up: SpanLine[] = [];
      for (let p = s.parentSpanId && byId.get(s.parentSpanId); p; p = p.parentSpanId && byId.get(p.parentSpanId))
        up.push(p);
      return up;
    };
    const one = (test: (s: SpanLine) => boolean, what: string): SpanLine => {
      const found = spans.find(test);
      if (!found) throw new Error(`no span of ${what} in ${spans.map((s) => s.name).join(', ')}`);
      return found;
    };

    // One root: the client's request; everything else hangs below it.
    const roots = spans.filter((s) => !s.parentSpanId || !byId.has(s.parentSpanId));
    expect(roots.map((s) => s.name)).toEqual(['client recordPayment']);
    const gatewayFetch = one((s) => s.name === 'gateway.fetch', 'the gateway fetching a subgraph');
    expect(ancestors(gatewayFetch).map((s) => s.name)).toEqual(
      expect.arrayContaining(['gateway.execute', 'gateway.request']),
    );
    one((s) => s.name === 'gateway.plan', 'the query plan');
    const cases = one((s) => s.attributes['zhiyuan.service'] === 'cases', 'the cases subgraph');
    expect(ancestors(cases)).toContain(gatewayFetch);
    const sql = spans.filter((s) => s.attributes['db.system'] === 'postgresql' || s.name.startsWith('pg.query'));
    expect(sql.some((s) => ancestors(s).includes(cases))).toBe(true);
    const publish = one((s) => s.name === 'publish cases.performance.recorded', 'the publish');
    expect(ancestors(publish)).toContain(cases);
    const handled = one(
      (s) => s.name === 'people-credit handle cases.performance.recorded',
      'people-credit handling the payment',
    );
    expect(handled.parentSpanId).toBe(publish.spanId);
    expect(handled.attributes['zhiyuan.handler']).toEqual(expect.any(String));
  }, 240_000);
});
