import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
  at: number;
}

/**
 * A real HTTP receiver on loopback that records every request and answers what `answer` says
 * (204 unless told otherwise). `down()` closes the port, `up()` listens on it again.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  answer: (req: { headers: IncomingHttpHeaders; body: string }, res: ServerResponse) => number = () => 204;
  private server: Server | null = null;
  port = 0;

  async up(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = this.answer({ headers: req.headers, body }, res);
        this.requests.push({ headers: req.headers, body, status, at: Date.now() });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests answered with a 2xx. */
  accepted(): ReceivedRequest[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }
}
