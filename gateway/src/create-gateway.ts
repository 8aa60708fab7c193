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
import { formatGatewayError } from './errors';
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
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: development,
    csrfPrevention: true,
    formatError: (formatted) => formatGatewayError(formatted, development),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  let url = '';

  return {
    get url() {
      return url;
    },
    async start() {
      await server.start();
      app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
      app.use(
        '/graphql',
        express.json({ limit: '100kb' }),
        expressMiddleware(server, {
          context: async ({ req }) => ({ identity: { ...ANONYMOUS, ip: req.ip ?? null } }),
        }),
      );
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
