import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { metrics } from '@zhiyuan/telemetry';
import { createSubgraphFetcher } from '../src/fetcher';

/** The counter's value for a result (0 before its first increment). */
async function counted(result: 'fetched' | 'shared'): Promise<number> {
  const m = await metrics.subgraphFetches.get();
  return m.values.find((v) => v.labels.result === result)?.value ?? 0;
}

describe('the subgraph fetcher', () => {
  let server: http.Server;
  let url: string;
  let received = 0;
  /** Answers held until released, so that requests are in flight together. */
  let held: (() => void)[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received++;
      req.resume();
      req.on('end', () => {
        held.push(() => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { ok: true } }));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = 0;
    held = [];
  });

  async function untilReceived(n: number): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (received < n || held.length < n) {
      if (Date.now() > deadline) throw new Error(`the server received ${received} requests, expected ${n}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('counts an identical query in flight as shared, and a different one as fetched', async () => {
    const f = createSubgraphFetcher(5_000, { secret: 'x'.repeat(32) });
    const fetched0 = await counted('fetched');
    const shared0 = await counted('shared');
    const body = JSON.stringify({ query: 'query { a }', variables: {} });
    const other = JSON.stringify({ query: 'query { b }', variables: {} });
    const init = () => ({ method: 'POST', headers: { 'content-type': 'application/json' } });
    const answers = [
      f.fetcher(url, { ...init(), body }),
      f.fetcher(url, { ...init(), body }),
      f.fetcher(url, { ...init(), body }),
      f.fetcher(url, { ...init(), body: other }),
    ];
    await untilReceived(2);
    for (const release of held) release();
    const texts = await Promise.all(answers.map(async (a) => (await a).text()));
    expect(texts.every((t) => t === '{"data":{"ok":true}}')).toBe(true);
    expect(received).toBe(2);
    expect((await counted('fetched')) - fetched0).toBe(2);
    expect((await counted('shared')) - shared0).toBe(2);
    await f.close();
  });

  it('never shares a mutation, and counts each as fetched', async () => {
    const f = createSubgraphFetcher(5_000, { secret: 'x'.repeat(32) });
    const fetched0 = await counted('fetched');
    const shared0 = await counted('shared');
    const body = JSON.stringify({ query: 'mutation { pay }', variables: {} });
    const answers = [f.fetcher(url, { method: 'POST', body }), f.fetcher(url, { method: 'POST', body })];
    await untilReceived(2);
    for (const release of held) release();
    await Promise.all(answers.map(async (a) => (await a).text()));
    expect((await counted('fetched')) - fetched0).toBe(2);
    expect((await counted('shared')) - shared0).toBe(0);
    await f.close();
  });
});
