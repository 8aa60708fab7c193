/**
 * Example webhook receiver for a partner department of Zhiyuan.
 *
 * A department that runs no NATS client registers a webhook (an administrator calls
 * `registerWebhook(department, url, events: ["credit.link.changed"])` and hands the department the
 * secret shown once). Each change of a person's restriction status for that department is then
 * POSTed to the URL as JSON, signed per Standard Webhooks. This receiver:
 *   1. verifies the signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`; HMAC-SHA256)
 *      with the `standardwebhooks` package, against each secret it holds (two during a rotation),
 *      and refuses a stale timestamp (more than 5 minutes off): 401, nothing done;
 *   2. deduplicates by `webhook-id`, the change's stable id: a retry or a replay of a change it has
 *      already handled is answered 200 without handing it to your code again;
 *   3. hands each new change to your code (`onChange`) and answers 200 only once that succeeded;
 *      if it throws, the answer is 500 and the platform retries with backoff (for up to 3 days,
 *      in order per person), so nothing is lost. The 200 is the department's acknowledgement.
 *
 * Run it:
 *   WEBHOOK_SECRETS=whsec_... PORT=8080 [SEEN_FILE=./seen-ids.txt] npx tsx examples/partner-webhook-receiver/index.ts
 *
 * In production put it behind your HTTPS endpoint: the platform POSTs only to https URLs there.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** `data` of a `credit.link.changed` delivery (see docs/events/asyncapi.yaml): the masked ID number, never a name. */
export interface CreditLinkChange {
  changeId: string;
  partyId: string;
  department: 'PARTY_MEMBERSHIP' | 'ENLISTMENT' | 'BANK_LOAN' | 'CIVILIZED_HOUSEHOLD';
  status: 'RESTRICTED' | 'CLEAR';
  idNumberMasked: string;
  listingIds: string[];
  reason: string;
  changedAt: string;
}

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: CreditLinkChange;
}

/** Which webhook ids were handled. Keep it durable (a table, a file) so a restart does not handle a change twice. */
export interface SeenStore {
  has(id: string): boolean | Promise<boolean>;
  add(id: string): void | Promise<void>;
}

/** In memory: enough for a demo, forgets on restart. */
export function memoryStore(): SeenStore & { ids: Set<string> } {
  const ids = new Set<string>();
  return { ids, has: (id) => ids.has(id), add: (id) => void ids.add(id) };
}

/** One id per line in a file, read at start and appended to. */
export function fileStore(path: string): SeenStore {
  const ids = new Set(existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);
  return {
    has: (id) => ids.has(id),
    add: (id) => {
      appendFileSync(path, `${id}\n`);
      ids.add(id);
    },
  };
}

export interface ReceiverOptions {
  /** The secrets shown at registration and rotation (`whsec_...`); any one verifying is enough. */
  secrets: string[];
  /** Your code: update the loan system, flag the applicant... Throw to have the change sent again. */
  onChange: (change: CreditLinkChange, body: WebhookBody) => void | Promise<void>;
  seen?: SeenStore;
  port?: number;
  host?: string;
  log?: (msg: string) => void;
}

export interface WebhookReceiver {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Verifies against each secret in turn; returns the parsed body, or null when none verifies. */
export function verify(secrets: string[], body: string, headers: IncomingMessage['headers']): WebhookBody | null {
  const h = {
    'webhook-id': String(headers['webhook-id'] ?? ''),
    'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
    'webhook-signature': String(headers['webhook-signature'] ?? ''),
  };
  for (const secret of secrets) {
    try {
      return new Webhook(secret).verify(body, h) as WebhookBody;
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
    }
  }
  return null;
}

export async function startWebhookReceiver(opts: ReceiverOptions): Promise<WebhookReceiver> {
  const seen = opts.seen ?? memoryStore();
  const log = opts.log ?? ((m: string) => process.stdout.write(`${m}\n`));
  // A change being handled right now: a concurrent retry of it waits for the answer of the first.
  const inFlight = new Map<string, Promise<number>>();

  async function handle(id: string, parsed: WebhookBody): Promise<number> {
    if (await seen.has(id)) return 200;
    try {
      await opts.onChange(parsed.data, parsed);
    } catch (err) {
      log(`change ${id} failed, the platform will send it again: ${String(err)}`);
      return 500;
    }
    await seen.add(id);
    return 200;
  }

  const server = createServer((req, res) => {
    const answer = (status: number) => {
      res.statusCode = status;
      res.end();
    };
    if (req.method !== 'POST') return answer(405);
    readBody(req).then(
      async (body) => {
        const parsed = verify(opts.secrets, body, req.headers);
        if (!parsed) return answer(401);
        const id = String(req.headers['webhook-id']);
        let pending = inFlight.get(id);
        if (!pending) {
          pending = handle(id, parsed).finally(() => inFlight.delete(id));
          inFlight.set(id, pending);
        }
        answer(await pending);
      },
      () => answer(413),
    );
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) {
  const secrets = (process.env.WEBHOOK_SECRETS ?? '').split(/[\s,]+/).filter(Boolean);
  if (!secrets.length) {
    process.stderr.write('Set WEBHOOK_SECRETS to the secret(s) shown at registration (whsec_...)\n');
    process.exit(2);
  }
  void startWebhookReceiver({
    secrets,
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    seen: process.env.SEEN_FILE ? fileStore(process.env.SEEN_FILE) : memoryStore(),
    onChange: (c) => {
      process.stdout.write(
        `${c.changedAt} ${c.department} ${c.idNumberMasked} ${c.status} (${c.reason}) #${c.changeId}\n`,
      );
    },
  }).then((r) => process.stdout.write(`listening on ${r.url}\n`));
}
