import type http from 'node:http';
import type { Express, Request, Response } from 'express';
import express from 'express';
import { GraphQLError, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { Identity } from '@zhiyuan/auth';
import type { Logger } from '@zhiyuan/config';
import { AuthenticationError, type Authenticate } from '../auth';
import { sha256 } from '../persisted-operations';
import { compileLiveOperation, type LiveOperation } from './operation';
import type { LiveEngine } from './engine';

/** WebSocket close code for a missing, invalid or expired token (graphql-ws uses 4401 for Unauthorized). */
export const CLOSE_UNAUTHENTICATED = 4401;

export interface LiveTransportOptions {
  engine: LiveEngine;
  schema: () => GraphQLSchema | undefined;
  authenticate: Authenticate;
  rules: readonly ValidationRule[];
  maxTokens: number;
  maxBodyBytes: number;
  keepAliveMs: number;
  /** The client address of an upgrade request, by the rule of the HTTP path (`clientAddressOf`). */
  clientAddress(req: http.IncomingMessage): string | null;
  /** Persisted operations, as on /graphql: a safelisted hash is accepted, and `enforce` accepts nothing else. */
  persisted: { mode: 'off' | 'allow' | 'enforce'; safelist: Map<string, string> };
  log: Logger;
}

/** The operation a client sent, after the persisted-operations rule of /graphql (docs/gateway.md). */
export function persistedParams(
  params: Record<string, unknown>,
  persisted: LiveTransportOptions['persisted'],
): Record<string, unknown> {
  if (persisted.mode === 'off') return params;
  const ext = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const hash = ext?.persistedQuery?.sha256Hash;
  if (typeof hash === 'string') {
    const query = persisted.safelist.get(hash);
    if (!query)
      throw new GraphQLError('This operation is not on the safelist', {
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      });
    return { ...params, query };
  }
  if (
    persisted.mode === 'enforce' &&
    (typeof params.query !== 'string' || !persisted.safelist.has(sha256(params.query.trim())))
  )
    throw new GraphQLError('Only safelisted operations are accepted', {
      extensions: { code: 'PERSISTED_QUERY_REQUIRED' },
    });
  return params;
}

/**
 * The client address of a request that did not go through Express (a WebSocket upgrade), by the very rule
 * of the HTTP path: Express's own `req.ip` over the app's `trust proxy` (TRUSTED_PROXIES), so the
 * per-address limit of anonymous subscribers and the audited address are the same on both transports.
 */
export function clientAddressOf(app: Express): (req: http.IncomingMessage) => string | null {
  return (req) => {
    const view = Object.create(app.request as object, {
      app: { value: app },
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as { ip?: string };
    return view.ip ?? req.socket.remoteAddress ?? null;
  };
}

/** When a verified bearer token expires (ms since the epoch); none for an anonymous caller. */
function expiryOf(authorization: string | undefined): number | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  const exp = decodeJwt(token).exp;
  return exp === undefined ? undefined : exp * 1000;
}

function asGraphQLErrors(err: unknown): GraphQLError[] {
  if (err instanceof GraphQLError) return [err];
  return [new GraphQLError('Internal error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
}

interface Connection {
  identity: Identity;
  expiry?: NodeJS.Timeout;
}

/**
 * GraphQL over WebSocket (graphql-ws, subprotocol `graphql-transport-ws`) on the gateway's port and path.
 * The bearer token comes in `connection_init` (`{ "authorization": "Bearer …" }`); an invalid one closes
 * the socket with 4401, and so does the token's expiry, ending every subscription of the connection.
 */
export function serveWebSocket(
  httpServer: http.Server,
  path: string,
  o: LiveTransportOptions,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: httpServer, path, maxPayload: o.maxBodyBytes });
  const connections = new WeakMap<object, Connection>();
  const disposable = useServer<
    Record<string, unknown>,
    { socket: import('ws').WebSocket; request: http.IncomingMessage }
  >(
    {
      schema: () => o.schema()!,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw =
          params.authorization ?? params.Authorization ?? (params.token ? `Bearer ${String(params.token)}` : undefined);
        const authorization = typeof raw === 'string' ? raw : undefined;
        try {
          const identity = await o.authenticate(authorization, o.clientAddress(ctx.extra.request));
          const conn: Connection = { identity };
          const exp = expiryOf(authorization);
          if (exp !== undefined) {
            conn.expiry = setTimeout(
              () => ctx.extra.socket.close(CLOSE_UNAUTHENTICATED, 'The bearer token expired'),
              Math.max(0, exp - Date.now()),
            );
            conn.expiry.unref();
          }
          connections.set(ctx, conn);
          return true;
        } catch (err) {
          if (!(err instanceof AuthenticationError)) throw err;
          ctx.extra.socket.close(CLOSE_UNAUTHENTICATED, err.message);
          return false;
        }
      },
      onClose: (ctx) => clearTimeout(connections.get(ctx)?.expiry),
      onSubscribe: (ctx, _id, payload) => {
        const conn = connections.get(ctx)!;
        const schema = o.schema();
        if (!schema)
          return [new GraphQLError('The gateway is starting', { extensions: { code: 'SERVICE_UNAVAILABLE' } })];
        try {
          const op = compileLiveOperation(
            schema,
            persistedParams(payload as unknown as Record<string, unknown>, o.persisted),
            conn.identity,
            { rules: o.rules, maxTokens: o.maxTokens },
          );
          o.engine.admit(conn.identity);
          return {
            schema,
            document: op.document,
            operationName: op.operationName,
            variableValues: op.variables,
            contextValue: { op, identity: conn.identity },
          };
        } catch (err) {
          return asGraphQLErrors(err);
        }
      },
      subscribe: (args) => {
        const { op, identity } = args.contextValue as { op: LiveOperation; identity: Identity };
        try {
          return o.engine.open(op, identity);
        } catch (err) {
          return { errors: asGraphQLErrors(err) };
        }
      },
    },
    wss,
  );
  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The SSE frame of one result: its cursor as the event id, so a reconnecting EventSource resumes after it. */
function frame(result: ExecutionResult): string {
  const cursor = (result.extensions as { cursor?: string } | undefined)?.cursor;
  return `${cursor ? `id: ${cursor}\n` : ''}event: next\ndata: ${JSON.stringify(result)}\n\n`;
}

/**
 * GraphQL over Server-Sent Events (the graphql-sse protocol, distinct connections mode) at `path`: POST the
 * operation as JSON (or GET with `query`, `variables`, `operationName` in the query string) with
 * `Authorization: Bearer …`; each result is an `event: next` with the cursor as its `id`, the end is
 * `event: complete`. `Last-Event-ID` (or a `since` argument) resumes after that cursor.
 */
export function serveEventStream(app: Express, path: string, o: LiveTransportOptions): void {
  const handle = async (req: Request, res: Response) => {
    const refuse = (status: number, errors: GraphQLError[]) =>
      void res.status(status).json({ errors: errors.map((e) => e.toJSON()) });
    let identity: Identity;
    const authorization = req.header('authorization');
    try {
      identity = await o.authenticate(authorization, req.ip ?? null);
    } catch (err) {
      if (err instanceof AuthenticationError)
        return refuse(401, [new GraphQLError(err.message, { extensions: { code: 'UNAUTHENTICATED' } })]);
      throw err;
    }
    const schema = o.schema();
    if (!schema)
      return refuse(503, [
        new GraphQLError('The gateway is starting', { extensions: { code: 'SERVICE_UNAVAILABLE' } }),
      ]);
    const params =
      req.method === 'GET'
        ? {
            query: req.query.query,
            operationName: req.query.operationName,
            variables: typeof req.query.variables === 'string' ? safeJson(req.query.variables) : undefined,
          }
        : ((req.body ?? {}) as Record<string, unknown>);
    let iterator: AsyncIterableIterator<ExecutionResult>;
    try {
      const op = compileLiveOperation(schema, persistedParams(params, o.persisted), identity, {
        rules: o.rules,
        maxTokens: o.maxTokens,
        lastEventId: req.header('last-event-id') || undefined,
      });
      iterator = o.engine.open(op, identity, { expiresAt: expiryOf(authorization) });
    } catch (err) {
      const errors = asGraphQLErrors(err);
      const code = errors[0]?.extensions.code;
      return refuse(code === 'UNAUTHENTICATED' ? 401 : code === 'RATE_LIMITED' ? 429 : 400, errors);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(':\n\n');
    // The parsed body is not needed any more; the request lives as long as the stream.
    req.body = undefined;
    alive.add(res);
    keepAlive ??= setInterval(() => {
      for (const r of alive) r.write(':\n\n');
    }, o.keepAliveMs).unref();
    req.socket.setTimeout(0);
    res.on('close', () => {
      forget(res);
      void iterator.return?.();
    });
    try {
      for await (const result of iterator) {
        if (res.destroyed) break;
        // A client that reads slower than events come: wait for the socket, while the engine's bounded
        // queue decides when it is cut off.
        if (!res.write(frame(result))) await new Promise((r) => res.once('drain', r).once('close', r));
      }
      if (!res.destroyed) res.end('event: complete\ndata:\n\n');
    } catch (err) {
      o.log.warn({ err: String(err) }, 'live: event stream failed');
      res.destroy();
    } finally {
      forget(res);
    }
  };
  // One keep-alive timer for every open stream (a timer each is most of what an idle stream holds).
  const alive = new Set<Response>();
  let keepAlive: NodeJS.Timeout | undefined;
  const forget = (res: Response) => {
    alive.delete(res);
    if (!alive.size && keepAlive) {
      clearInterval(keepAlive);
      keepAlive = undefined;
    }
  };
  const json = express.json({ limit: o.maxBodyBytes });
  app.post(path, json, (req, res, next) => void handle(req, res).catch(next));
  app.get(path, (req, res, next) => void handle(req, res).catch(next));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
