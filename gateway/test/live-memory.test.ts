import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * What an idle SSE subscriber holds in the gateway's heap, measured after garbage collection in a process of
 * its own (test/fixtures/live-memory-probe.ts: 2,000 subscribers over real sockets, the heap between 500 and
 * 2,500 open). About 8.2 KB now (runs within 2% of each other), of which some 5.5 KB is Node's own HTTP
 * request, response and socket. It was 15 KB while the streams went through Express and per-stream closures,
 * and the very same transport routed by Express alone measures 12.3 KB: the bound catches either, or a timer
 * or a parse per subscriber, with a quarter of headroom.
 */
describe('live edge memory per idle subscriber', () => {
  it('stays under 10 KB of heap per idle SSE subscriber', () => {
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'fixtures/live-memory-probe.ts'), '500', '2500'],
      { cwd: path.join(__dirname, '..'), encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`the probe failed: ${r.stderr || r.error}`);
    const { held, perSubscriberBytes } = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      held: number;
      perSubscriberBytes: number;
    };
    expect(held).toBe(2500);
    expect(perSubscriberBytes).toBeGreaterThan(0);
    expect(perSubscriberBytes).toBeLessThan(10 * 1024);
  });
});
