import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Express } from 'express';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from '@zhiyuan/config';
import type { Authenticate } from '../auth';
import type { GatewayConfig } from '../config';
import { LiveEngine, type RunQuery } from './engine';
import { inProcessLiveSource, natsLiveSource, type InProcessLog } from './sources';
import { clientAddressOf, serveEventStream, serveWebSocket } from './transports';

export { LIVE_FIELDS, LIVE_SUBJECTS, liveField, type LiveField } from './registry';
export { compileLiveOperation, shapePayload } from './operation';
export { formatCursor, parseCursor, type Cursor } from './cursor';
export { LiveEngine } from './engine';
export { CLOSE_UNAUTHENTICATED } from './transports';

/** The paths of the live edge: WebSocket upgrades on the GraphQL path, SSE beside it. */
export const LIVE_WS_PATH = '/graphql';
export const LIVE_SSE_PATH = '/graphql/stream';

export interface LiveEdge {
  engine: LiveEngine;
  /** Answers a request for the SSE path (true); any other is left to the caller (false). */
  serveEventStream(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  stop(): Promise<void>;
}

/**
 * Starts the live edge (docs/live.md) on the gateway's own HTTP server: hears the events (NATS, or the
 * in-process bus of `npm start`) and serves the subscription fields over WebSocket and SSE (the caller hands
 * requests to `serveEventStream` ahead of Express), resolving each payload through `server` under the
 * subscriber's identity. Undefined when there is nothing to hear.
 */
export async function startLiveEdge(deps: {
  config: GatewayConfig;
  server: ApolloServer<{ identity: import('@zhiyuan/auth').Identity }>;
  httpServer: http.Server;
  app: Express;
  authenticate: Authenticate;
  schema: () => GraphQLSchema | undefined;
  rules: readonly ValidationRule[];
  safelist: Map<string, string>;
  bus?: InProcessLog;
  log: Logger;
}): Promise<LiveEdge | undefined> {
  const { config, log } = deps;
  if (config.LIVE_SUBSCRIPTIONS === 'off') return undefined;
  const source = deps.bus
    ? inProcessLiveSource(deps.bus, log)
    : config.NATS_URL
      ? natsLiveSource({ url: config.NATS_URL, user: config.NATS_USER, pass: config.NATS_PASSWORD }, log)
      : undefined;
  if (!source) {
    log.warn('live subscriptions off: no NATS_URL and no event bus to hear events on');
    return undefined;
  }
  const run: RunQuery = async (query, variables, identity) => {
    const r = await deps.server.executeOperation({ query, variables }, { contextValue: { identity } });
    return r.body.kind === 'single' ? r.body.singleResult : { errors: [{ message: 'incremental delivery' }] };
  };
  const engine = new LiveEngine(
    source,
    deps.schema,
    run,
    {
      perIdentity: config.LIVE_MAX_SUBSCRIPTIONS_PER_IDENTITY,
      queue: config.LIVE_QUEUE_MAX,
      replay: config.LIVE_RESUME_MAX_EVENTS,
    },
    log.child({ part: 'live' }),
  );
  await engine.start();
  const options = {
    engine,
    schema: deps.schema,
    authenticate: deps.authenticate,
    rules: deps.rules,
    maxTokens: config.MAX_TOKENS,
    maxBodyBytes: config.MAX_BODY_BYTES,
    keepAliveMs: config.LIVE_KEEPALIVE_MS,
    clientAddress: clientAddressOf(deps.app),
    persisted: { mode: config.PERSISTED_OPERATIONS, safelist: deps.safelist },
    log,
  };
  const eventStream = serveEventStream(LIVE_SSE_PATH, options);
  const ws = serveWebSocket(deps.httpServer, LIVE_WS_PATH, options);
  return {
    engine,
    serveEventStream: eventStream,
    async stop() {
      await ws.close();
      await engine.stop();
    },
  };
}
