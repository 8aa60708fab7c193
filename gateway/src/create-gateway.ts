import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApolloGateway,
  IntrospectAndCompose,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'node:fs';
import { createLogger, type Logger } from '@zhiyuan/config';
import { metricsPlugin, scrape, timedFetch } from '@zhiyuan/telemetry';
import { ANONYMOUS, type Identity } from '@zhiyuan/auth';
import type { GatewayConfig } from './config';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { FiniteNumberLiterals } from './finite-numbers';
import { createAuthenticator } from './auth';
import { servePartyJwks } from './jwks';
import { authenticate, bodyErrors, identities, limitRate, persistedOperations } from './http-guards';
import { DEFAULT_SAFELIST_PATH, loadSafelist } from './persisted-operations';
import { ACCEPT_LANGUAGE, IDENTITY_TO_SIGN, createSubgraphFetcher } from './fetcher';
import { DEFAULT_LOCALE, parseAcceptLanguage, type Locale } from '@zhiyuan/kernel';
import { inputGuardPlugin } from './input-guard';
import { formatGatewayError, localizedErrorsPlugin, subgraphClientError } from './errors';
import { copyMutationHeaders, mutationHeadersOf, validateMutationHeaders } from './mutation-headers';
import { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';
import { ResponseCache, cacheTickets, responseCachePlugin, serveFromCache, type CacheTicket } from './response-cache';
import { exportHandler, type ExecuteAs } from './exports/route';
import { attachmentRoutes } from './attachments/route';
import { findPdfFont } from './exports/pdf';
import { scannerFromConfig, storageFromConfig, type ObjectStorage, type VirusScanner } from '@zhiyuan/storage';
import { listenForChanges, type EventSource, type Invalidation } from './invalidation';
import { warmOperations } from './warm-up';
import { mountExplorer, mountWebConsole } from './web-console';
import { startLiveEdge, type LiveEdge } from './live';
import type { InProcessLog } from './live/sources';

export interface GatewayContext {
  identity: Identity;
  /** Set for a cacheable operation the response cache missed. */
  cacheTicket?: CacheTicket;
  /** Set while the safelisted operations are planned at start: no subgraph is called. */
  warmUp?: boolean;
  /** The client's headers its mutations carry to the subgraphs (mutation-headers.ts). */
  mutationHeaders?: Record<string, string>;
  /** From the client's Accept-Language; forwarded to every subgraph, and the language of error texts. */
  locale?: Locale;
}

export class WarmUpFetchSkipped extends Error {}

export interface Gateway {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly url: string;
  /** The response cache, when on (tests and diagnostics). */
  readonly responseCache?: ResponseCache;
  /** The separate Prometheus endpoint (METRICS_PORT), when configured. */
  readonly metricsUrl?: string;
  /** Open live subscriptions, and those with events still to resolve (tests and diagnostics); undefined when off. */
  readonly live?: { subscriptions: number; busy: number };
}

/** Forwards the verified identity to every subgraph fetch (the fetcher signs it, bound to the request). */
class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, fetcher: ReturnType<typeof createSubgraphFetcher>['fetcher']) {
    super({ url, fetcher: fetcher as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ((context as Partial<GatewayContext>)?.warmUp) throw new WarmUpFetchSkipped('planning only');
    const identity = (context as Partial<GatewayContext>)?.identity ?? ANONYMOUS;
    request.http?.headers.set(IDENTITY_TO_SIGN, JSON.stringify(identity));
    // Forwarded as the one locale it resolves to, so equal requests stay equal (the fetcher shares them).
    request.http?.headers.set(ACCEPT_LANGUAGE, (context as Partial<GatewayContext>)?.locale ?? DEFAULT_LOCALE);
    copyMutationHeaders(request, (context as Partial<GatewayContext>)?.mutationHeaders);
  }

  /** A subgraph's refusal (4xx) is the client's error, with the subgraph's message; never an internal one. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    if (response.status < 400 || response.status >= 500) return super.errorFromResponse(response);
    return subgraphClientError(response.status, await this.parseBody(response).catch(() => undefined))!;
  }
}

async function serveMetrics(_req: express.Request, res: express.Response): Promise<void> {
  const { contentType, body } = await scrape();
  res.set('content-type', contentType).send(body);
}

export function createGateway(
  config: GatewayConfig,
  deps: {
    logger?: Logger;
    bus?: EventSource & InProcessLog;
    clock?: () => number;
    /** The attachment storage and scanner; by default those of the configuration. */
    storage?: ObjectStorage;
    scanner?: VirusScanner;
  } = {},
): Gateway {
  const log = deps.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const development = config.NODE_ENV !== 'production';
  const urls: Record<string, string> = {
    cases: config.CASES_URL,
    'people-credit': config.PEOPLE_CREDIT_URL,
    tasks: config.TASKS_URL,
    metrics: config.METRICS_URL,
  };
  const subgraphFetch = createSubgraphFetcher(config.SUBGRAPH_TIMEOUT_MS, { secret: config.INTERNAL_AUTH_SECRET });
  const subgraphOf = new Map(Object.entries(urls).map(([name, u]) => [u, name]));
  const fetcher = timedFetch((u) => subgraphOf.get(u) ?? 'other', subgraphFetch.fetcher);
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new SignedDataSource(urls[name] ?? url!, fetcher);

  const gateway = new ApolloGateway({
    ...(config.SUPERGRAPH_MODE === 'static'
      ? { supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') }
      : {
          supergraphSdl: new IntrospectAndCompose({
            subgraphs: SUBGRAPHS.map((s) => ({ name: s.name, url: urls[s.name] })),
          }),
        }),
    buildService,
    logger: log as never,
    // Never print query plans into answers, whatever the environment.
    __exposeQueryPlanExperimental: false,
  });
  let apiSchema: import('graphql').GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies configured (none by default): the client
  // address keys the anonymous rate limit and goes into the audit log.
  app.set('trust proxy', config.TRUSTED_PROXIES);
  let live: LiveEdge | undefined;
  // Live subscriptions over SSE are answered ahead of Express (live/transports.ts: what an idle stream holds).
  const httpServer = http.createServer((req, res) => {
    if (!live?.serveEventStream(req, res)) app(req, res);
  });
  httpServer.keepAliveTimeout = 65_000;
  const introspection = config.INTROSPECTION ?? development;
  // Depth, alias, cost and token limits reject abusive documents at parse and validation, before any
  // subgraph is called. The token limit is graphql-js's own (parseOptions.maxTokens): it counts while
  // parsing the document once, where graphql-armor's plugin lexes it a second time; a document
  // Apollo Server already parsed and validated (its document cache) is not parsed again.
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    costLimit: { maxCost: config.MAX_COST },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
  const safelist = loadSafelist(config.PERSISTED_OPERATIONS_FILE ?? DEFAULT_SAFELIST_PATH);
  const cache =
    config.RESPONSE_CACHE === 'on' && (deps.bus || config.NATS_URL)
      ? new ResponseCache({
          ttlMs: config.RESPONSE_CACHE_TTL_MS,
          maxBytes: config.RESPONSE_CACHE_MAX_MB * 1024 * 1024,
          now: deps.clock,
        })
      : undefined;
  if (config.RESPONSE_CACHE === 'on' && !cache)
    log.warn('response cache off: no NATS_URL and no event bus to hear changes on');
  const cached = cache?.register(safelist) ?? [];
  let invalidation: Invalidation | undefined;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // The process decides what a signal does (main.ts stops everything, in order).
    stopOnTerminationSignals: false,
    introspection,
    csrfPrevention: true,
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    validationRules: [...armor.validationRules, FiniteNumberLiterals],
    parseOptions: { maxTokens: config.MAX_TOKENS },
    formatError: (formatted) => formatGatewayError(formatted, development),
    // Only what the gateway needs: no landing page, no usage or schema reporting, no inline traces,
    // no cache-control computation, in every environment.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      inputGuardPlugin(log),
      localizedErrorsPlugin(),
      metricsPlugin('gateway') as never,
      ...armor.plugins,
      ...(cache ? [responseCachePlugin(cache) as never] : []),
    ],
  });
  let url = '';
  let metricsServer: http.Server | undefined;
  let consoleServed = false;
  let metricsUrl: string | undefined;

  return {
    get url() {
      return url;
    },
    responseCache: cache,
    get metricsUrl() {
      return metricsUrl;
    },
    get live() {
      return live ? { subscriptions: live.engine.size, busy: live.engine.busy } : undefined;
    },
    async start() {
      await server.start();
      app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
      app.get('/.well-known/jwks.json', servePartyJwks(config, log));
      // Prometheus: never on the public port in production (a separate port, METRICS_PORT).
      if (development) app.get('/metrics', serveMetrics);
      if (config.METRICS_PORT !== undefined) {
        metricsServer = http.createServer(express().disable('x-powered-by').get('/metrics', serveMetrics));
        await new Promise<void>((resolve) => metricsServer!.listen(config.METRICS_PORT, config.METRICS_HOST, resolve));
        const port = (metricsServer.address() as AddressInfo).port;
        metricsUrl = `http://${config.METRICS_HOST === '0.0.0.0' || config.METRICS_HOST === '::' ? '127.0.0.1' : config.METRICS_HOST}:${port}/metrics`;
      }
      // The explorer for a developer's browser (GET /graphql asking for HTML), before the GraphQL mount.
      mountExplorer(app, config, () => consoleServed);
      const auth = await createAuthenticator(config);
      if (cache) {
        invalidation = await listenForChanges(
          { natsUrl: config.NATS_URL, user: config.NATS_USER, pass: config.NATS_PASSWORD, bus: deps.bus },
          { event: (subject) => cache.invalidateSubject(subject), gap: () => cache.invalidate() },
          log,
        );
      }
      // Parse, validate and plan every safelisted query now, so the first callers do not pay for it.
      const warmed = apiSchema
        ? await warmOperations(server, apiSchema, safelist, { identity: ANONYMOUS, warmUp: true })
        : 0;
      // Live subscriptions: SSE at /graphql/stream (answered before Express, so before the /graphql mount)
      // and WebSocket upgrades on /graphql (docs/live.md).
      live = await startLiveEdge({
        config,
        server: server as never,
        httpServer,
        app,
        authenticate: auth,
        schema: () => apiSchema,
        rules: [...armor.validationRules, FiniteNumberLiterals],
        safelist,
        bus: deps.bus,
        log,
      });
      app.use(
        '/graphql',
        express.json({ limit: config.MAX_BODY_BYTES }),
        authenticate(auth),
        validateMutationHeaders,
        ...(config.RATE_LIMIT_PER_MINUTE > 0 ? [limitRate(config.RATE_LIMIT_PER_MINUTE)] : []),
        persistedOperations(config.PERSISTED_OPERATIONS, safelist),
        ...(cache ? [serveFromCache(cache)] : []),
        expressMiddleware(server, {
          context: async ({ req }) => ({
            identity: identities.get(req) ?? { ...ANONYMOUS, ip: req.ip ?? null },
            cacheTicket: cacheTickets.get(req),
            mutationHeaders: mutationHeadersOf(req),
            locale: parseAcceptLanguage(req.header(ACCEPT_LANGUAGE)),
          }),
        }),
      );
      const executeAs: ExecuteAs = async (query, variables, identity) => {
        const r = await server.executeOperation({ query, variables }, { contextValue: { identity } });
        if (r.body.kind !== 'single') throw new Error('an export reads no incremental answer');
        return r.body.singleResult as never;
      };
      const pdfFont = findPdfFont(config);
      if (!pdfFont)
        log.warn(
          { PDF_FONT_PATH: config.PDF_FONT_PATH ?? null },
          'no Chinese font found: the PDF lists answer 503 PDF_FONT_MISSING (set PDF_FONT_PATH or install fonts-wqy-microhei)',
        );
      const rateLimited = config.RATE_LIMIT_PER_MINUTE > 0 ? [limitRate(config.RATE_LIMIT_PER_MINUTE)] : [];
      app.get(
        '/exports/:file',
        authenticate(auth),
        ...rateLimited,
        exportHandler(executeAs, { pageSize: config.EXPORT_PAGE_SIZE, log, pdfFont }),
      );
      // Files attached to tasks, meetings, forms and settlements: the signed link is the permission (docs/attachments.md).
      const attachments = attachmentRoutes(executeAs, {
        secret: config.INTERNAL_AUTH_SECRET,
        storage: deps.storage ?? storageFromConfig(config),
        scanner: deps.scanner ?? scannerFromConfig(config),
        log,
      });
      app.put('/attachments/upload/:ticket', ...rateLimited, attachments.upload);
      app.get('/attachments/:ticket', ...rateLimited, attachments.download);
      app.use(bodyErrors);
      consoleServed = mountWebConsole(app, config, log);
      await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
      // A wildcard bind is reached on loopback from this machine.
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
      url = `http://${host}:${(httpServer.address() as AddressInfo).port}/graphql`;
      log.info(
        { url, mode: config.SUPERGRAPH_MODE, warmed, responseCache: cache ? cached : 'off', live: live ? 'on' : 'off' },
        'gateway listening',
      );
    },
    async stop() {
      if (metricsServer) await new Promise((resolve) => metricsServer!.close(resolve));
      await live?.stop();
      await server.stop();
      await invalidation?.stop();
      cache?.close();
      await subgraphFetch.close();
    },
  };
}
