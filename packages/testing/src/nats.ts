import { spawnSync } from 'node:child_process';

/** What the NATS adapter tests do: run against the URL, skip with a warning, or fail the run. */
export type NatsDecision =
  { action: 'run'; url: string } | { action: 'skip'; warning: string } | { action: 'fail'; error: string };

/**
 * The rule for tests over real NATS: they run when NATS_URL is set and the server answers; otherwise
 * they are skipped loudly, except with CI=true, where a missing or unreachable NATS fails the run
 * (CI must never pass by skipping them). `reachable` is asked only when there is a URL to probe.
 */
export function decideNats(env: { NATS_URL?: string; CI?: string }, reachable: (url: string) => boolean): NatsDecision {
  const url = env.NATS_URL;
  const ci = env.CI === 'true';
  if (!url) {
    if (ci) return { action: 'fail', error: 'NATS_URL is not set, and CI=true: the NATS adapter tests must run' };
    return { action: 'skip', warning: 'NATS_URL is not set: the tests over real NATS JetStream are SKIPPED' };
  }
  if (reachable(url)) return { action: 'run', url };
  if (ci)
    return {
      action: 'fail',
      error: `NATS_URL=${redact(url)} does not answer, and CI=true: the NATS adapter tests must run`,
    };
  return {
    action: 'skip',
    warning: `NATS_URL=${redact(url)} is set but does not answer: the tests over real NATS JetStream are SKIPPED (with CI=true this fails)`,
  };
}

// Runs in a child process: the probe must be synchronous because test files decide on `describe` vs
// `describe.skip` while Jest collects them, before anything can be awaited. A NATS server greets
// every client with an INFO line; waiting for it tells NATS from any port that merely accepts (a
// proxy, another program). Over WebSocket nothing comes before the upgrade, so a connection is enough.
const PROBE = `
const [host, port, ms, greeting] = process.argv.slice(1);
const s = require('node:net').connect({ host, port: Number(port) });
const timer = setTimeout(() => process.exit(1), Number(ms));
let seen = '';
s.on('connect', () => { if (greeting !== 'true') process.exit(0); });
s.on('data', (d) => { seen += d; if (seen.length >= 5) process.exit(seen.startsWith('INFO ') ? 0 : 1); });
s.on('error', () => process.exit(1));
s.on('close', () => process.exit(1));
`;

/**
 * Whether one of the URL's servers (comma-separated, as NATS_URL allows) answers as NATS within
 * `timeoutMs`. Credentials are not checked: a server that is up but refuses the tests' user should
 * fail them, not skip them.
 */
export function natsReachable(natsUrls: string, timeoutMs = 1_000): boolean {
  return natsUrls.split(',').some((server) => {
    const target = hostPort(server.trim());
    if (!target) return false;
    const args = ['-e', PROBE, target.host, String(target.port), String(timeoutMs), String(target.greets)];
    return spawnSync(process.execPath, args, { timeout: timeoutMs + 5_000, stdio: 'ignore' }).status === 0;
  });
}

function hostPort(server: string): { host: string; port: number; greets: boolean } | undefined {
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(server) ? server : `nats://${server}`);
    const ws = u.protocol === 'ws:' || u.protocol === 'wss:';
    const fallback = u.protocol === 'ws:' ? 80 : u.protocol === 'wss:' ? 443 : 4222;
    return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : fallback, greets: !ws };
  } catch {
    return undefined;
  }
}

/** Keeps credentials in a URL out of test output. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/g, '//***@');
}

// One probe per NATS_URL and CI value for each test module (Jest loads this module once per test file).
const decisions = new Map<string, NatsDecision>();
const warned = new Set<string>();

/**
 * The NATS URL for adapter tests, or undefined when they are to be skipped (NATS_URL unset or not
 * answering, with a warning on stderr). With CI=true either case throws instead.
 */
export function natsUrl(): string | undefined {
  const env = { NATS_URL: process.env.NATS_URL, CI: process.env.CI };
  const key = `${env.NATS_URL ?? ''}\n${env.CI ?? ''}`;
  let decision = decisions.get(key);
  if (!decision) {
    decision = decideNats(env, (url) => natsReachable(url));
    decisions.set(key, decision);
  }
  if (decision.action === 'fail') throw new Error(decision.error);
  if (decision.action === 'skip') {
    if (!warned.has(decision.warning)) {
      warned.add(decision.warning);
      process.stderr.write(`\n*** ${decision.warning} ***\n\n`);
    }
    return undefined;
  }
  return decision.url;
}

/** `describe` over real NATS: skipped loudly when NATS_URL is unset or unreachable, failing under CI=true. */
export function describeWithNats(name: string, fn: () => void): void {
  (natsUrl() ? describe : describe.skip)(name, fn);
}

/** A unique prefix for durable names, so parallel test files never share a consumer. */
export function uniqueService(name: string): string {
  return `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
