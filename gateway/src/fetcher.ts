import { Agent, Response, fetch as undiciFetch } from 'undici';
import { INTERNAL_IDENTITY_HEADER, signInternalRequest, type Identity } from '@zhiyuan/auth';
import { metrics } from '@zhiyuan/telemetry';

/**
 * Where the data source leaves the caller's identity for the fetcher, which signs it together with the
 * request's method, path and body and sends only the signature (this header never leaves the gateway).
 */
export const IDENTITY_TO_SIGN = 'x-zhiyuan-identity-to-sign';

/** The client's language, forwarded to the subgraphs (as the locale the gateway resolved it to). */
export const ACCEPT_LANGUAGE = 'accept-language';

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

/** The request's identity, taken off its headers (the data source's plain object). */
function takeIdentity(init: Record<string, unknown> | undefined): string | undefined {
  const headers = init?.headers as Record<string, string> | undefined;
  if (!headers || typeof headers !== 'object') return undefined;
  const identity = headers[IDENTITY_TO_SIGN];
  delete headers[IDENTITY_TO_SIGN];
  return identity;
}

/**
 * A keep-alive fetcher for subgraph calls with a per-request timeout, so one slow subgraph cannot
 * hold a client's request forever. It signs each request's identity bound to that request (see
 * signInternalRequest). Identical subgraph queries in flight at the same moment (same subgraph, same
 * body, same identity, same language) share one fetch; mutations are never shared. Each request
 * counts in `zhiyuan_subgraph_fetches_total` as fetched or shared (the benchmarks' deduplicated share).
 */
export function createSubgraphFetcher(timeoutMs: number, opts: { secret: string; dedupe?: boolean }) {
  const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, connections: 128, pipelining: 1 });
  const plain = async (url: string, init: Record<string, unknown> | undefined, identity: string | undefined) => {
    if (identity !== undefined) {
      const { pathname, search } = new URL(url);
      const method = String(init?.method ?? 'GET');
      const body = typeof init?.body === 'string' ? init.body : '';
      const token = await signInternalRequest(JSON.parse(identity) as Identity, opts.secret, {
        method,
        path: pathname + search,
        body,
      });
      init = { ...init, headers: { ...(init?.headers as Record<string, string>), [INTERNAL_IDENTITY_HEADER]: token } };
    }
    return undiciFetch(url, {
      ...(init as object),
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
    } as never);
  };
  const inflight = new Map<string, Promise<Buffered>>();
  const stats = { fetched: 0, shared: 0 };

  const fetcher = async (url: string, init?: Record<string, unknown>) => {
    const body = init?.body;
    const identity = takeIdentity(init);
    if (opts.dedupe === false || typeof body !== 'string' || !QUERY_BODY.test(body)) {
      stats.fetched++;
      metrics.subgraphFetches.inc({ result: 'fetched' });
      return plain(url, init, identity);
    }
    // Answers differ by language (timeline summaries, reason texts): only equal languages share.
    const language = (init?.headers as Record<string, string> | undefined)?.[ACCEPT_LANGUAGE] ?? '';
    const key = `${url}\n${identity ?? ''}\n${language}\n${body}`;
    let pending = inflight.get(key);
    if (pending) {
      stats.shared++;
      metrics.subgraphFetches.inc({ result: 'shared' });
    } else {
      stats.fetched++;
      metrics.subgraphFetches.inc({ result: 'fetched' });
      pending = plain(url, init, identity).then(async (r) => ({
        status: r.status,
        statusText: r.statusText,
        headers: [...r.headers].filter(([k]) => !HOP_HEADERS.has(k)),
        body: await r.text(),
      }));
      inflight.set(key, pending);
      const clear = () => void inflight.delete(key);
      pending.then(clear, clear);
    }
    const b = await pending;
    return new Response(b.body, { status: b.status, statusText: b.statusText, headers: b.headers });
  };
  return { fetcher, stats, close: () => agent.close() };
}
