import { connect } from 'nats';

let warned = false;

/**
 * The NATS URL for adapter tests. Without NATS_URL those tests are skipped, loudly; with CI=true a
 * missing or unreachable NATS is a failure, never a skip.
 */
export function natsUrl(): string | undefined {
  const url = process.env.NATS_URL;
  if (!url) {
    if (process.env.CI === 'true') throw new Error('NATS_URL is not set, and CI=true: the NATS adapter tests must run');
    if (!warned) {
      warned = true;
      process.stderr.write('\n*** NATS_URL is not set: the tests over real NATS JetStream are SKIPPED ***\n\n');
    }
  }
  return url;
}

/** `describe` over real NATS, skipped loudly when NATS_URL is unset outside CI. */
export function describeWithNats(name: string, fn: () => void): void {
  (natsUrl() ? describe : describe.skip)(name, fn);
}

/** Checks the server answers; in CI an unreachable server fails the run. */
export async function assertNatsReachable(url: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 3_000 });
  await nc.close();
}

/** A unique prefix for durable names, so parallel test files never share a consumer. */
export function uniqueService(name: string): string {
  return `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
