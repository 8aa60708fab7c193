import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** A part of the product (a subgraph or the gateway) in a process of its own, from its `src/main.ts`. */
export interface NodeProcess {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:4101 */
  url: string;
  pid(): number | undefined;
  alive(): boolean;
  /** SIGKILL, as a crash: in-flight requests are cut, open transactions roll back. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before it was ready: ${log().slice(-800)}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > until) throw new Error(`not ready at ${url}: ${log().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Spawns `node --import tsx <script>` with `env` on `port`, and waits until `readyPath` answers 200.
 * Its output goes to `<logDir>/<name>.log`.
 */
export async function startNodeProcess(opts: {
  name: string;
  script: string;
  port: number;
  env: Record<string, string | undefined>;
  readyPath: string;
  logDir: string;
  timeoutMs?: number;
  /** Start-ups tried before giving up [3]. */
  attempts?: number;
  onRetry?: (err: unknown) => void;
}): Promise<NodeProcess> {
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${opts.port}`;
  const launch = async () => {
    // node itself with tsx's loader, not the tsx CLI (a parent process): a kill must reach the server.
    const c = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, opts.script)], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json'),
        ...opts.env,
        PORT: String(opts.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let tail = '';
    const file = createWriteStream(path.join(opts.logDir, `${opts.name}.log`), { flags: 'a' });
    const keep = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-10_000);
      file.write(d);
    };
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    c.once('exit', () => file.end());
    try {
      await waitForHealth(`${url}${opts.readyPath}`, c, () => tail, opts.timeoutMs ?? 240_000);
    } catch (err) {
      c.kill('SIGKILL');
      throw new Error(`${opts.name}: ${String(err)}`);
    }
  };
  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    const timer = signal === 'SIGTERM' ? setTimeout(() => c.kill('SIGKILL'), 10_000) : undefined;
    await exited;
    clearTimeout(timer);
  };
  // As a supervisor would (systemd's Restart=on-failure): a start-up that fails, e.g. on a JetStream
  // request refused while the cluster is busy electing leaders, is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      if (attempt >= (opts.attempts ?? 3)) throw err;
      opts.onRetry?.(err);
    }
  }
  return {
    name: opts.name,
    url,
    pid: () => child?.pid,
    alive: () => !!child && child.exitCode === null && child.signalCode === null,
    kill: () => end('SIGKILL'),
    restart: launch,
    stop: () => end('SIGTERM'),
  };
}
