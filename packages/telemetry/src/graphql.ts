import { metrics } from './metrics';

/** Distinct operation names kept as labels; past it, `other` (a client can send any name). */
const MAX_OPERATION_NAMES = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The shape of an Apollo Server plugin this needs (no dependency on @apollo/server here). */
interface RequestContextLike {
  operationName?: string | null;
  operation?: unknown;
  errors?: readonly unknown[];
  response: { body: { kind: string; singleResult?: { errors?: readonly unknown[] } } };
}

/**
 * Counts and times every GraphQL operation of a part, by operation name and outcome: `error` when
 * the answer carries any error (a refusal, a failed field, a request that did not parse).
 */
export function metricsPlugin(service: string) {
  const names = new Set<string>();
  const label = (ctx: RequestContextLike): string => {
    const name = ctx.operation ? ctx.operationName : null;
    if (!name) return ctx.operation ? 'anonymous' : 'invalid';
    if (!NAME.test(name)) return 'other';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(ctx: RequestContextLike) {
          const body = ctx.response.body;
          const failed =
            (ctx.errors?.length ?? 0) > 0 || (body.kind === 'single' && !!body.singleResult?.errors?.length);
          const labels = { service, operation: label(ctx), outcome: failed ? 'error' : 'ok' };
          metrics.requests.inc(labels);
          metrics.requestDuration.observe(labels, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** A fetcher timed per subgraph (the gateway's data sources call it for every fetch of a plan). */
export function timedFetch<F extends (url: string, init?: Record<string, unknown>) => Promise<{ status: number }>>(
  subgraphOf: (url: string) => string,
  fetcher: F,
): F {
  return (async (url: string, init?: Record<string, unknown>) => {
    const started = performance.now();
    const subgraph = subgraphOf(url);
    try {
      const r = await fetcher(url, init);
      metrics.subgraphFetchDuration.observe(
        { subgraph, outcome: r.status < 400 ? 'ok' : 'error' },
        (performance.now() - started) / 1000,
      );
      return r;
    } catch (err) {
      metrics.subgraphFetchDuration.observe({ subgraph, outcome: 'error' }, (performance.now() - started) / 1000);
      throw err;
    }
  }) as F;
}
