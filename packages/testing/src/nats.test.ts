import { spawn } from 'node:child_process';
import net from 'node:net';
import { decideNats, natsReachable, natsUrl } from './nats';

const URL_ = 'nats://127.0.0.1:4222';

describe('decideNats', () => {
  const probe = (answer: boolean) => jest.fn((_url: string) => answer);

  it.each([
    // NATS_URL, CI, reachable → action
    [undefined, undefined, undefined, 'skip'],
    [undefined, 'true', undefined, 'fail'],
    [URL_, undefined, true, 'run'],
    [URL_, 'true', true, 'run'],
    [URL_, undefined, false, 'skip'],
    [URL_, 'false', false, 'skip'],
    [URL_, 'true', false, 'fail'],
  ])('NATS_URL=%s CI=%s reachable=%s: %s', (url, ci, reachable, action) => {
    const reach = probe(reachable ?? false);
    const d = decideNats({ NATS_URL: url, CI: ci }, reach);
    expect(d.action).toBe(action);
    // Reachability is asked exactly when there is a URL, with that URL.
    expect(reach.mock.calls).toEqual(url ? [[url]] : []);
    if (d.action === 'run') expect(d.url).toBe(url);
  });

  it('says why it skips or fails, naming NATS_URL, without the credentials in the URL', () => {
    const unset = decideNats({}, probe(true));
    expect(unset).toEqual({ action: 'skip', warning: expect.stringMatching(/^NATS_URL is not set: .*SKIPPED/) });
    const down = decideNats({ NATS_URL: 'nats://svc:s3cret@10.0.0.9:4222' }, probe(false));
    expect(down).toEqual({
      action: 'skip',
      warning: expect.stringMatching(
        /^NATS_URL=nats:\/\/\*\*\*@10\.0\.0\.9:4222 is set but does not answer: .*SKIPPED/,
      ),
    });
    expect(JSON.stringify(down)).not.toContain('s3cret');
    const ci = decideNats({ NATS_URL: URL_, CI: 'true' }, probe(false));
    expect(ci).toEqual({ action: 'fail', error: expect.stringMatching(/does not answer, and CI=true/) });
  });
});

/**
 * A TCP server in a child process: the probe blocks this process while it waits, so a server here
 * could accept (the kernel does) but never write its greeting.
 */
async function serveInChild(greeting: string | null): Promise<{ port: number; stop(): void }> {
  const script = `
    const server = require('node:net').createServer((s) => { const g = ${JSON.stringify(greeting)}; if (g) s.end(g); });
    server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', () => reject(new Error('test server exited')));
  });
  return { port, stop: () => void child.kill() };
}

async function closedPort(): Promise<number> {
  const spare = net.createServer();
  await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
  const { port } = spare.address() as net.AddressInfo;
  await new Promise((r) => spare.close(r));
  return port;
}

describe('natsReachable', () => {
  let nats: Awaited<ReturnType<typeof serveInChild>>;
  let silent: Awaited<ReturnType<typeof serveInChild>>;
  let closed: number;

  beforeAll(async () => {
    // One greets like a NATS server; the other accepts and says nothing (a proxy, some other program).
    nats = await serveInChild('INFO {"server_id":"test","version":"2.10.0"}\r\n');
    silent = await serveInChild(null);
    closed = await closedPort();
  });
  afterAll(() => {
    nats?.stop();
    silent?.stop();
  });

  it('is true for a server that greets as NATS and false for a closed port', () => {
    expect(natsReachable(`nats://127.0.0.1:${nats.port}`)).toBe(true);
    expect(natsReachable(`127.0.0.1:${nats.port}`)).toBe(true);
    expect(natsReachable(`nats://127.0.0.1:${closed}`)).toBe(false);
  });

  it('is false, after the timeout, for a port that accepts but is not NATS', () => {
    const started = Date.now();
    expect(natsReachable(`nats://127.0.0.1:${silent.port}`, 300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is true when any server of a comma-separated list answers', () => {
    expect(natsReachable(`nats://127.0.0.1:${closed},nats://127.0.0.1:${nats.port}`)).toBe(true);
  });

  it('is false for a URL it cannot read', () => {
    expect(natsReachable('nats://[not-a-host')).toBe(false);
  });
});

describe('natsUrl', () => {
  const saved = { NATS_URL: process.env.NATS_URL, CI: process.env.CI };
  let stderr: jest.SpyInstance;
  let closed: number;

  beforeAll(async () => {
    closed = await closedPort();
  });
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('skips loudly, once, when NATS_URL is set but nothing answers', () => {
    process.env.NATS_URL = `nats://127.0.0.1:${closed}`;
    delete process.env.CI;
    expect(natsUrl()).toBeUndefined();
    expect(natsUrl()).toBeUndefined();
    const warnings = stderr.mock.calls.map((c) => String(c[0]));
    expect(warnings).toEqual([
      expect.stringContaining(`NATS_URL=nats://127.0.0.1:${closed} is set but does not answer`),
    ]);
  });

  it('fails with CI=true when NATS_URL is set but nothing answers', () => {
    process.env.NATS_URL = `nats://127.0.0.1:${closed}`;
    process.env.CI = 'true';
    expect(() => natsUrl()).toThrow(/does not answer, and CI=true/);
  });

  it('fails with CI=true when NATS_URL is unset', () => {
    delete process.env.NATS_URL;
    process.env.CI = 'true';
    expect(() => natsUrl()).toThrow(/NATS_URL is not set, and CI=true/);
  });
});
