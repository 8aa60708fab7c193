import net from 'node:net';

/** Reads the text of a simple ('Q') or extended ('P') query message; null for any other message. */
function statementOf(type: number, body: Buffer): string | null {
  if (type === 0x51) return body.toString('utf8', 0, Math.max(0, body.length - 1));
  if (type === 0x50) {
    const nameEnd = body.indexOf(0);
    const textEnd = body.indexOf(0, nameEnd + 1);
    return body.toString('utf8', nameEnd + 1, textEnd < 0 ? body.length : textEnd);
  }
  return null;
}

export interface CommitDropper {
  /** host:port to put in a connection string instead of PostgreSQL's. */
  readonly address: string;
  /**
   * From now on, drops every `every`-th COMMIT of a transaction that wrote (INSERT, UPDATE, DELETE)
   * or, with `statement`, that ran a statement matching it; on connections of `application` only,
   * when given. 0 stops.
   */
  arm(every: number, only?: { application?: string; statement?: RegExp }): void;
  readonly dropped: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of PostgreSQL that loses the answer to a COMMIT: it forwards the COMMIT, cuts
 * the client's side at once, and cuts PostgreSQL's side when its answer arrives (the transaction has
 * committed by then, and the client never hears it). Connections may be limited to one application
 * name (from the startup message), so one service of several loses its commits.
 */
export async function startCommitDropper(target: { host: string; port: number }): Promise<CommitDropper> {
  let every = 0;
  let application: string | undefined;
  let marker = /^\s*(INSERT|UPDATE|DELETE|WITH)\b/i;
  let writes = 0;
  let dropped = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let started = false;
    let app = '';
    let wrote = false;
    let dying = false;
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', () => !dying && end());
    upstream.on('error', end).on('close', end);
    upstream.on('data', (chunk: Buffer) => {
      if (dying) return void upstream.destroy();
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      if (dying) return;
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 8) break;
          const len = pending.readInt32BE(0);
          if (pending.length < len) break;
          const params = pending.subarray(8, len).toString('utf8').split('\0');
          const i = params.indexOf('application_name');
          if (i >= 0) app = params[i + 1] ?? '';
          pending = pending.subarray(len);
          started = true;
          continue;
        }
        if (pending.length < 5) break;
        const type = pending[0]!;
        const len = pending.readInt32BE(1);
        if (pending.length < 1 + len) break;
        const text = statementOf(type, pending.subarray(5, 1 + len));
        pending = pending.subarray(1 + len);
        if (text === null) continue;
        if (marker.test(text)) wrote = true;
        if (/^\s*COMMIT\b/i.test(text)) {
          const drop = every > 0 && wrote && (!application || app === application) && ++writes % every === 0;
          wrote = false;
          if (drop) {
            dropped++;
            dying = true;
            client.destroy();
            setTimeout(end, 2000).unref();
            return;
          }
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    arm(n, only = {}) {
      every = n;
      application = only.application;
      marker = only.statement ?? /^\s*(INSERT|UPDATE|DELETE|WITH)\b/i;
      writes = 0;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The connection string `url` through the proxy. */
export function throughProxy(url: string, address: string): string {
  const u = new URL(url);
  const [host, port] = address.split(':');
  u.hostname = host!;
  u.port = port!;
  return u.toString();
}
