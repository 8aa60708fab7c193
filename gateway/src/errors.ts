import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DEFAULT_LOCALE, localizedErrorMessage, type Locale } from '@zhiyuan/kernel';

const INTERNAL_DETAIL =
  /(https?:\/\/\S+|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|fetch failed|socket hang up|aborted due to timeout|The operation was aborted)/i;

/**
 * graphql-armor's depth, alias, cost and directive rules and graphql-js's token limit all report as
 * "Syntax Error: …"; the document is well formed, only too big, and a client should be told so.
 */
const LIMITS: [RegExp, string][] = [
  [/^Syntax Error: (Query depth limit of \d+ exceeded.*)$/s, 'depth'],
  [/^Syntax Error: (Aliases limit of \d+ exceeded.*)$/s, 'aliases'],
  [/^Syntax Error: (Query Cost limit of \d+ exceeded.*)$/s, 'cost'],
  [/^Syntax Error: (Directives limit of \d+ exceeded.*)$/s, 'directives'],
  [/^Syntax Error: (Document contains more th\w+ \d+ tokens.*)$/s, 'tokens'],
];

/**
 * What a client sees of an error: subgraph failures become a masked SUBGRAPH_UNAVAILABLE (no
 * internal URL, no stack); a limit exceeded is QUERY_TOO_COMPLEX; domain errors keep their code and
 * message; anything else is masked.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, development: boolean): GraphQLFormattedError {
  const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
  delete ext.stacktrace;
  delete ext.exception;
  // A subgraph's HTTP answer (its internal URL, its body) is the gateway's business only.
  delete ext.response;
  const serviceName = ext.serviceName as string | undefined;
  delete ext.serviceName;
  for (const [pattern, limit] of LIMITS) {
    const m = pattern.exec(formatted.message);
    if (m)
      return {
        message: m[1]!.replace('more that ', 'more than '),
        locations: formatted.locations,
        extensions: { code: 'QUERY_TOO_COMPLEX', limit },
      };
  }
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
    return {
      message: development ? formatted.message : 'Internal error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return { ...formatted, extensions: ext };
}

/**
 * The error for a subgraph's answer that is not 2xx. A 4xx is a refusal of what the client sent (a
 * subgraph checks variables and scalars itself): with a GraphQL error body it keeps the subgraph's
 * first message and its code (BAD_USER_INPUT when it has none or an internal one); without, a plain
 * BAD_REQUEST. 401 and 403 stay UNAUTHENTICATED and FORBIDDEN. Anything else is left to the caller.
 */
export function subgraphClientError(status: number, body: unknown): GraphQLError | undefined {
  if (status === 401)
    return new GraphQLError('The request was not accepted as signed', { extensions: { code: 'UNAUTHENTICATED' } });
  if (status === 403) return new GraphQLError('You are not allowed to do this', { extensions: { code: 'FORBIDDEN' } });
  if (status < 400 || status >= 500) return undefined;
  const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)
    ?.errors?.[0];
  if (first && typeof first.message === 'string') {
    const code =
      typeof first.extensions?.code === 'string' && first.extensions.code !== 'INTERNAL_SERVER_ERROR'
        ? first.extensions.code
        : 'BAD_USER_INPUT';
    return new GraphQLError(first.message, { extensions: { code } });
  }
  return new GraphQLError(status === 413 ? 'The request is too large' : 'The request was refused as malformed', {
    extensions: { code: 'BAD_REQUEST' },
  });
}

/**
 * Every error a client gets carries `extensions.localizedMessage`, the text of its code in the
 * request's locale (Accept-Language, zh-CN by default). `message` stays the English one it always
 * was, so clients and tests that read it keep working; a screen shows `localizedMessage`.
 */
export function withLocalizedMessage(error: GraphQLFormattedError, locale: Locale): GraphQLFormattedError {
  const ext = (error.extensions ?? {}) as Record<string, unknown>;
  const code = typeof ext.code === 'string' ? ext.code : undefined;
  return { ...error, extensions: { ...ext, localizedMessage: localizedErrorMessage(code, ext, locale) } };
}

export function localizedErrorsPlugin(): ApolloServerPlugin<{ locale?: Locale }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length) return;
          const locale = contextValue?.locale ?? DEFAULT_LOCALE;
          response.body.singleResult.errors = errors.map((e) => withLocalizedMessage(e, locale));
        },
      };
    },
  };
}
