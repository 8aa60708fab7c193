import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  /** Base URL, e.g. http://127.0.0.1:4101 */
  url: string;
  healthy: boolean;
}

export interface Balancer {
  /** Base URL of the balancer, e.g. http://127.0.0.1:14000 */
  url: string;
  upstreams: readonly Upstream[];
  /** Requests answered by each upstream, by its URL. */
  served: Record<string, number>;
  /** Requests the balancer answered 502 itself (no upstream took them, or one died mid-answer). */
  failed: number;
  stop(): Promise<void>;
}

/** Largest request body: each is held whole so a refused connection can be retried (an attachment is at most 20 MB). */
const BODY_LIMIT = 32 * 1024 * 1024;

/**
 * Round-robin HTTP balancer in front of replicas of one server, for the local cluster. Every
 * `intervalMs` it asks each upstream's `healthPath` and sends nothing to one that does not answer 200.
 * A request an upstream refused to connect (ECONNREFUSED: it never reached the server, so nothing was
 * done) goes to the next one; one cut after it was sent answers 502, since the server may have acted
 * on it: the client retries it, with its Idempotency-Key for a mutation (docs/gateway.md).
 */
export async function startBalancer(opts: {
  upstreams: string[];
  port?: number;
  healthPath: string;
  intervalMs?: number;
}): Promise<Balancer> {
  const upstreams: Upstream[] = opts.upstreams.map((url) => ({ url, healthy: true }));
  const served: Record<string, number> = Object.fromEntries(opts.upstreams.map((u) => [u, 0]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  let failed = 0;

  const check = async (u: Upstream) => {
    u.healthy = await fetch(`${u.url}${opts.healthPath}`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false);
  };
  const timer = setInterval(() => void Promise.all(upstreams.map(check)), opts.intervalMs ?? 500);
  timer.unref();

  /** The healthy upstreams from the next in turn, then the others (a check may lag behind a restart). */
  const order = (): Upstream[] => {
    const start = next++ % upstreams.length;
    const turn = [...upstreams.slice(start), ...upstreams.slice(0, start)];
    return [...turn.filter((u) => u.healthy), ...turn.filter((u) => !u.healthy)];
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tries: Upstream[]) => {
    const u = tries.shift();
    if (!u) {
      failed++;
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"No replica answered","extensions":{"code":"BAD_GATEWAY"}}]}');
      return;
    }
    const target = new URL(req.url ?? '/', u.url);
    const up = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host }, agent },
      (upRes) => {
        served[u.url] = (served[u.url] ?? 0) + 1;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.once('error', () => res.destroy());
      },
    );
    up.once('error', (err: NodeJS.ErrnoException) => {
      if (res.headersSent) return void res.destroy();
      if (err.code === 'ECONNREFUSED') {
        u.healthy = false;
        return forward(req, res, body, tries);
      }
      failed++;
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: `The replica failed mid-request (${err.code})`, extensions: { code: 'BAD_GATEWAY' } }],
        }),
      );
    });
    up.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        res.writeHead(413, { connection: 'close' }).end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.once('end', () => {
      if (size <= BODY_LIMIT) forward(req, res, Buffer.concat(chunks), order());
    });
  });
  // Long-lived answers (SSE, WebSocket upgrades) are not the balancer's to time out.
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    upstreams,
    served,
    get failed() {
      return failed;
    },
    stop: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
