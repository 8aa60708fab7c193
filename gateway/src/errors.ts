import type { GraphQLFormattedError } from 'graphql';

const INTERNAL_DETAIL = /(https?:\/\/\S+|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|fetch failed|socket hang up|aborted due to timeout|The operation was aborted)/i;

/**
 * What a client sees of an error: subgraph failures become a masked SUBGRAPH_UNAVAILABLE (no
 * internal URL, no stack); domain errors keep their code and message; anything else is masked.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, development: boolean): GraphQLFormattedError {
  const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
  delete ext.stacktrace;
  delete ext.exception;
  const serviceName = ext.serviceName as string | undefined;
  delete ext.serviceName;
  if (INTERNAL_DETAIL.test(formatted.message)) {
    return {
      message: `Part of the answer is unavailable right now${serviceName ? ` (${serviceName})` : ''}; try again shortly`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...(serviceName ? { service: serviceName } : {}) },
    };
  }
  const code = ext.code as string | undefined;
  if (!code || code === 'INTERNAL_SERVER_ERROR') {
    return { message: development ? formatted.message : 'Internal error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { ...formatted, extensions: ext };
}
