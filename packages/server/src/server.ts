import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@zhiyuan/config';
import { INTERNAL_IDENTITY_HEADER, InternalAuthError, verifyInternalIdentity, type Identity } from '@zhiyuan/auth';
import { requestScope } from '@zhiyuan/db';
import { parseAcceptLanguage, type Locale } from '@zhiyuan/kernel';
import { markActiveSpan, metricsPlugin, scrape } from '@zhiyuan/telemetry';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, scopeOfRequest } from './idempotency';

export interface SubgraphServerOptions<Ctx extends object> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Ctx>;
  port: number;
  /** Interface to bind (default 127.0.0.1); 0.0.0.0 or :: listens on every interface, as in a container. */
  host?: string;
  /** Shared with the gateway; every request must carry an identity signed with it. */
  internalSecret: string;
  /** Builds the per-request context (DataLoaders are created here, never shared across requests). */
  context: (identity: Identity, request: RequestInfo) => Ctx | Promise<Ctx>;
  /** Readiness: each dependency and whether it answers. */
  ready: () => Promise<Record<string, boolean>>;
  logger: Logger;
  development: boolean;
  plugins?: ApolloServerPlugin<Ctx>[];
  /** Unauthenticated GET routes answering JSON, beside /health and /ready (a public key set, never data). */
  publicRoutes?: Record<string, () => Promise<unknown>>;
  /** Runs each HTTP request inside `around` (e.g. an AsyncLocalStorage context that a benchmark uses to attribute SQL to requests). */
  aroundRequest?: (next: () => void) => void;
}

/** What a context needs of the HTTP request besides the identity. */
export interface RequestInfo {
  /** From `Accept-Language`; zh-CN when absent. */
  locale: Locale;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The HTTP side of every subgraph: `/graphql` (only for requests signed by the gateway), `/health`
 * (liveness) and `/ready` (database and bus reachable). Errors reach clients without stack traces;
 * unexpected ones are logged and masked.
 */
export async function startSubgraphServer<Ctx extends object>(
  opts: SubgraphServerOptions<Ctx>,
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const around = opts.aroundRequest;
  if (around) app.use((_req, _res, next) => around(() => next()));
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const log = opts.logger;

  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs: opts.typeDefs, resolvers: opts.resolvers as GraphQLResolverMap<unknown> }),
    includeStacktraceInErrorResponses: opts.development,
    introspection: true, // subgraphs are internal; the gateway needs _service
    csrfPrevention: true,
    // Whoever started the server stops it (main.ts, the all-in-one launcher): Apollo's own handler would
    // re-raise SIGINT/SIGTERM after stopping this server alone, killing the process mid-shutdown.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => maskError(formatted, error, log, opts.development),
    // No cache-control hints: nothing reads them (the gateway keeps its own response cache), and the
    // default plugin would wrap every field resolver of every request to compute them.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(opts.name) as never,
      ...(opts.plugins ?? []),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: opts.name }));
  // Prometheus scrapes the subgraph's own port, which is internal (never published; only the gateway's is).
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await scrape();
    res.set('content-type', contentType).send(body);
  });
  app.get('/ready', async (_req, res) => {
    const checks = await opts.ready().catch(() => ({ ready: false }));
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });

  for (const [path, answer] of Object.entries(opts.publicRoutes ?? {})) {
    app.get(path, async (_req, res) => {
      try {
        res.set('cache-control', 'public, max-age=300').json(await answer());
      } catch (err) {
        log.error({ path, err: err instanceof Error ? err.message : String(err) }, 'public route failed');
        res.status(503).json({ error: 'unavailable' });
      }
    });
  }

  // The signature covers the request's method, path and body, so the raw body is read first, the
  // identity verified against it, and only then is the body parsed and anything else run.
  const identities = new WeakMap<express.Request, Identity>();
  const unauthorized = (res: express.Response) =>
    void res.status(401).json({ errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] });
  app.use('/graphql', express.raw({ type: () => true, limit: '1mb' }), async (req, res, next) => {
    markActiveSpan(opts.name);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let identity: Identity;
    try {
      identity = await verifyInternalIdentity(
        req.header(INTERNAL_IDENTITY_HEADER),
        opts.internalSecret,
        { method: req.method, path: req.originalUrl, body: raw },
        { requireBinding: !opts.development },
      );
      identities.set(req, identity);
    } catch (err) {
      if (err instanceof InternalAuthError) return unauthorized(res);
      return next(err);
    }
    if (raw.length === 0 || !req.is('application/json')) {
      req.body = undefined;
    } else {
      try {
        req.body = JSON.parse(raw.toString('utf8'));
      } catch {
        res
          .status(400)
          .json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
    }
    const key = req.header(IDEMPOTENCY_KEY_HEADER) ?? null;
    if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      res.status(400).json({
        errors: [
          {
            message: `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 200 visible ASCII characters`,
            extensions: { code: 'VALIDATION_FAILED', field: IDEMPOTENCY_KEY_HEADER },
          },
        ],
      });
      return;
    }
    // The rest of the request (Apollo, the resolvers, their transactions) runs in its scope.
    requestScope.run(scopeOfRequest(identity.sub || null, key, req.body), next);
  });
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        opts.context(identities.get(req)!, { locale: parseAcceptLanguage(req.header('accept-language')) }),
    }),
  );

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${reachableHost(host)}:${port}/graphql`;
  log.info({ url }, `${opts.name} subgraph listening`);
  return {
    url,
    port,
    stop: async () => {
      await apollo.stop();
    },
  };
}

/**
 * The address to reach a server bound to `host` from this machine: a wildcard bind is reached through
 * loopback (the URL goes to the gateway of `npm start` and to tests); IPv6 literals get brackets.
 */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Known errors (with a code) go through; anything else becomes a generic internal error, logged. */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  development: boolean,
): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const original = error instanceof GraphQLError ? error.originalError : error;
  const known = code && code !== 'INTERNAL_SERVER_ERROR';
  if (known) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: development ? formatted.extensions : extensions };
  }
  log.error(
    {
      err: original instanceof Error ? { message: original.message, stack: original.stack } : String(original),
      path: formatted.path,
    },
    'unexpected error in resolver',
  );
  return {
    message: 'Internal error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
