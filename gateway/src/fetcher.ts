import { Agent, fetch as undiciFetch } from 'undici';

/**
 * A keep-alive fetcher for subgraph calls with a per-request timeout, so one slow subgraph cannot
 * hold a client's request forever.
 */
export function createSubgraphFetcher(timeoutMs: number) {
  const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connections: 128, pipelining: 1 });
  const fetcher = (url: string, init?: Record<string, unknown>) =>
    undiciFetch(url, { ...(init as object), dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) } as never);
  return { fetcher, close: () => agent.close() };
}
