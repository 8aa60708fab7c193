import { Agent, Response, fetch as undiciFetch } from 'undici';
import { INTERNAL_IDENTITY_HEADER } from '@zhiyuan/auth';

interface Buffered {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** Describe the body as sent on the wire, not the decoded text a shared answer carries. */
const HOP_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** A subgraph query (never a mutation): the query planner prints `query …` or `{ … }`. */
const QUERY_BODY = /^\{"query":"(query\b|\{)/;

function headerOf(headers: unknown, name: string): string {
  if (!headers) return '';
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? '';
  return String((headers as Record<string, unknown>)[name] ?? '');
}

/**
 * A keep-alive fetcher for subgraph calls with a per-request timeout, so one slow subgraph cannot
 * hold a client's request forever. Identical subgraph queries in flight at the same moment (same
 * subgraph, same body, same signed identity) share one fetch; mutations are never shared.
 */
export function createSubgraphFetcher(timeoutMs: number, opts: { dedupe?: boolean } = {}) {
  const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connections: 128, pipelining: 1 });
  const plain = (url: string, init?: Record<string, unknown>) =>
    undiciFetch(url, { ...(init as object), dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) } as never);
  const inflight = new Map<string, Promise<Buffered>>();
  const stats = { fetched: 0, shared: 0 };

  const fetcher = async (url: string, init?: Record<string, unknown>) => {
    const body = init?.body;
    if (opts.dedupe === false || typeof body !== 'string' || !QUERY_BODY.test(body)) {
      stats.fetched++;
      return plain(url, init);
    }
    const key = `${url}\n${headerOf(init!.headers, INTERNAL_IDENTITY_HEADER)}\n${body}`;
    let pending = inflight.get(key);
    if (pending) stats.shared++;
    else {
      stats.fetched++;
      pending = plain(url, init).then(async (r) => ({ status: r.status, statusText: r.statusText, headers: [...r.headers].filter(([k]) => !HOP_HEADERS.has(k)), body: await r.text() }));
      inflight.set(key, pending);
      const clear = () => void inflight.delete(key);
      pending.then(clear, clear);
    }
    const b = await pending;
    return new Response(b.body, { status: b.status, statusText: b.statusText, headers: b.headers });
  };
  return { fetcher, stats, close: () => agent.close() };
}
