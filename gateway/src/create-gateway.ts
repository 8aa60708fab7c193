import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'node:fs';
import { createLogger, type Logger } from '@zhiyuan/config';
import { ANONYMOUS, INTERNAL_IDENTITY_HEADER, InternalTokenCache, type Identity } from '@zhiyuan/auth';
import type { GatewayConfig } from './config';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createAuthenticator } from './auth';
import { formatGatewayError } from './errors';
import { authenticate, bodyErrors, identities, limitRate, persistedOperations } from './http-guards';
import { DEFAULT_SAFELIST_PATH, loadSafelist } from './persisted-operations';
import { createSubgraphFetcher } from './fetcher';
import { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';

export interface GatewayContext {
  identity: Identity;
}

export interface Gateway {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly url: string;
}

/** Forwards the verified identity, signed, to every subgraph fetch. */
class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly tokens: InternalTokenCache, fetcher: ReturnType<typeof createSubgraphFetcher>['fetcher']) {
    super({ url, fetcher: fetcher as never });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const identity = (context as Partial<GatewayContext>)?.identity ?? ANONYMOUS;
    request.http?.headers.set(INTERNAL_IDENTITY_HEADER, await this.tokens.tokenFor(identity));
  }
}

export function createGateway(config: GatewayConfig, deps: { logger?: Logger } = {}): Gateway {
  const log = deps.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const development = config.NODE_ENV !== 'production';
  const urls: Record<string, string> = {
    cases: config.CASES_URL,
    'people-credit': config.PEOPLE_CREDIT_URL,
    tasks: config.TASKS_URL,
    metrics: config.METRICS_URL,
  };
  const tokens = new InternalTokenCache(config.INTERNAL_AUTH_SECRET);
  const subgraphFetch = createSubgraphFetcher(config.SUBGRAPH_TIMEOUT_MS);
  const buildService = ({ name, url }: { name: string; url?: string }) => new SignedDataSource(urls[name] ?? url!, tokens, subgraphFetch.fetcher);

  const gateway = new ApolloGateway({
    ...(config.SUPERGRAPH_MODE === 'static'
      ? { supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') }
      : { supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPHS.map((s) => ({ name: s.name, url: urls[s.name] })) }) }),
    buildService,
    logger: log as never,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const introspection = config.INTROSPECTION ?? development;
  // Depth, alias, cost and token limits reject abusive documents at validation, before any subgraph is called.
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    costLimit: { maxCost: config.MAX_COST },
    maxTokens: { n: config.MAX_TOKENS },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection,
    csrfPrevention: true,
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError: (formatted) => formatGatewayError(formatted, development),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ...armor.plugins],
  });
  let url = '';

  return {
    get url() {
      return url;
    },
    async start() {
      await server.start();
      app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
      const auth = await createAuthenticator(config);
      const safelist = loadSafelist(config.PERSISTED_OPERATIONS_FILE ?? DEFAULT_SAFELIST_PATH);
      app.use(
        '/graphql',
        express.json({ limit: config.MAX_BODY_BYTES }),
        authenticate(auth),
        ...(config.RATE_LIMIT_PER_MINUTE > 0 ? [limitRate(config.RATE_LIMIT_PER_MINUTE)] : []),
        persistedOperations(config.PERSISTED_OPERATIONS, safelist),
        expressMiddleware(server, {
          context: async ({ req }) => ({ identity: identities.get(req) ?? { ...ANONYMOUS, ip: req.ip ?? null } }),
        }),
      );
      app.use(bodyErrors);
      await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
      url = `http://${config.HOST}:${(httpServer.address() as AddressInfo).port}/graphql`;
      log.info({ url, mode: config.SUPERGRAPH_MODE }, 'gateway listening');
    },
    async stop() {
      await server.stop();
      await subgraphFetch.close();
    },
  };
}
