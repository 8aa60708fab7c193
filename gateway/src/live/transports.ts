import type http from 'node:http';
import querystring from 'node:querystring';
import type { Express, Request, Response } from 'express';
import express from 'express';
import { GraphQLError, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { Identity } from '@zhiyuan/auth';
import type { Logger } from '@zhiyuan/config';
import { parseAcceptLanguage } from '@zhiyuan/kernel';
import { AuthenticationError, type Authenticate } from '../auth';
import { withLocalizedMessage } from '../errors';
import { ACCEPT_LANGUAGE } from '../fetcher';
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
 * Writes one stream's results as the engine yields them; a client that reads slower than events come waits
 * for the socket, while the engine's bounded queue decides when it is cut off. Methods, not closures, and no
 * async function left suspended: an idle stream holds this object and the pending read only.
 */
class StreamWriter {
  constructor(
    private readonly res: http.ServerResponse,
    private readonly iterator: AsyncIterableIterator<ExecutionResult>,
    private readonly finished: (res: http.ServerResponse) => void,
    private readonly log: Logger,
  ) {}

  pump(): void {
    this.iterator.next().then(
      (r) => this.write(r),
      (err: unknown) => this.fail(err),
    );
  }

  private write({ done, value }: IteratorResult<ExecutionResult>): void {
    const res = this.res;
    if (res.destroyed) return this.finished(res);
    if (done) {
      this.finished(res);
      res.end('event: complete\ndata:\n\n');
      return;
    }
    if (res.write(frame(value))) this.pump();
    else res.once('drain', () => this.pump());
  }

  private fail(err: unknown): void {
    this.log.warn({ err: String(err) }, 'live: event stream failed');
    this.finished(this.res);
    this.res.destroy();
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * GraphQL over Server-Sent Events (the graphql-sse protocol, distinct connections mode) at `path`: POST the
 * operation as JSON (or GET with `query`, `variables`, `operationName` in the query string) with
 * `Authorization: Bearer …`; each result is an `event: next` with the cursor as its `id`, the end is
 * `event: complete`. `Last-Event-ID` (or a `since` argument) resumes after that cursor.
 *
 * Served on the bare HTTP server, ahead of Express (the returned handler answers true for the requests it
 * takes): an idle stream is held for hours, and Express's request and response (each given a hidden class
 * of its own when Express swaps their prototypes, plus its routing state) were a third of what one held.
 */
export function serveEventStream(
  path: string,
  o: LiveTransportOptions,
): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  // Body errors as on /graphql (bodyErrors in http-guards.ts): a GraphQL-shaped error, localized.
  const bodyError = (req: http.IncomingMessage, res: http.ServerResponse, err: { type?: string; status?: number }) => {
    const [status, code, message] =
      err?.type === 'entity.too.large'
        ? [413, 'PAYLOAD_TOO_LARGE', 'The request body is too large']
        : err?.type === 'entity.parse.failed'
          ? [400, 'BAD_REQUEST', 'The request body is not valid JSON']
          : // An unsupported charset or encoding (415), an aborted upload: the body parser's own status.
            [
              err?.status && err.status >= 400 && err.status < 500 ? err.status : 400,
              'BAD_REQUEST',
              'The request body could not be read',
            ];
    const locale = parseAcceptLanguage(req.headers[ACCEPT_LANGUAGE] as string | undefined);
    sendJson(res, status, { errors: [withLocalizedMessage({ message, extensions: { code } }, locale)] });
  };
  const refuse = (res: http.ServerResponse, status: number, errors: GraphQLError[]) =>
    sendJson(res, status, { errors: errors.map((e) => e.toJSON()) });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, query: string | undefined) => {
    let identity: Identity;
    const authorization = req.headers.authorization;
    try {
      identity = await o.authenticate(authorization, o.clientAddress(req));
    } catch (err) {
      if (err instanceof AuthenticationError)
        return refuse(res, 401, [new GraphQLError(err.message, { extensions: { code: 'UNAUTHENTICATED' } })]);
      throw err;
    }
    const schema = o.schema();
    if (!schema)
      return refuse(res, 503, [
        new GraphQLError('The gateway is starting', { extensions: { code: 'SERVICE_UNAVAILABLE' } }),
      ]);
    let params: Record<string, unknown>;
    if (req.method === 'GET') {
      const q = querystring.parse(query ?? '');
      params = {
        query: q.query,
        operationName: q.operationName,
        variables: typeof q.variables === 'string' ? safeJson(q.variables) : undefined,
      };
    } else {
      params = ((req as { body?: unknown }).body ?? {}) as Record<string, unknown>;
      // The parsed body is not needed any more; the request lives as long as the stream.
      (req as { body?: unknown }).body = undefined;
    }
    let iterator: AsyncIterableIterator<ExecutionResult>;
    try {
      const lastEventId = req.headers['last-event-id'];
      const op = compileLiveOperation(schema, persistedParams(params, o.persisted), identity, {
        rules: o.rules,
        maxTokens: o.maxTokens,
        lastEventId: (typeof lastEventId === 'string' && lastEventId) || undefined,
      });
      iterator = o.engine.open(op, identity, { expiresAt: expiryOf(authorization) });
    } catch (err) {
      const errors = asGraphQLErrors(err);
      const code = errors[0]?.extensions.code;
      return refuse(res, code === 'UNAUTHENTICATED' ? 401 : code === 'RATE_LIMITED' ? 429 : 400, errors);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(':\n\n');
    alive.add(res);
    keepAlive ??= setInterval(() => {
      for (const r of alive) r.write(':\n\n');
    }, o.keepAliveMs).unref();
    req.socket.setTimeout(0);
    res.on('close', () => {
      forget(res);
      void iterator.return?.();
    });
    new StreamWriter(res, iterator, forget, o.log).pump();
  };

  // One keep-alive timer for every open stream (a timer each is most of what an idle stream holds).
  const alive = new Set<http.ServerResponse>();
  let keepAlive: NodeJS.Timeout | undefined;
  const forget = (res: http.ServerResponse) => {
    alive.delete(res);
    if (!alive.size && keepAlive) {
      clearInterval(keepAlive);
      keepAlive = undefined;
    }
  };
  const parseJson = express.json({ limit: o.maxBodyBytes });
  const failed = (res: http.ServerResponse) => (err: unknown) => {
    o.log.error({ err: String(err) }, 'live: event stream request failed');
    if (res.headersSent) res.destroy();
    else refuse(res, 500, asGraphQLErrors(err));
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    // As Express routes: case-insensitive, a trailing slash allowed.
    const pathname = (q < 0 ? url : url.slice(0, q)).toLowerCase().replace(/(.)\/$/, '$1');
    if (pathname !== path) return false;
    const query = q < 0 ? undefined : url.slice(q + 1);
    if (req.method === 'GET') {
      void handle(req, res, query).catch(failed(res));
      return true;
    }
    parseJson(req as Request, res as Response, (err?: unknown) => {
      if (err) return bodyError(req, res, err as { type?: string; status?: number });
      void handle(req, res, query).catch(failed(res));
    });
    return true;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
