import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { refusedAddress, resolveAllowed, type AddressPolicy } from './addresses';

export interface PostResult {
  /** The HTTP status, or null when no answer came (refused, unreachable, timed out). */
  status: number | null;
  error: string | null;
}

/**
 * The connection's own lookup: the host is resolved and every address checked as it is connected,
 * so the address checked is the address used (no second resolution that a DNS answer could change).
 */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, policy).then(
      (addresses) => {
        const all = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof all) => void)(null, all);
        else callback(null, all[0]!.address, all[0]!.family);
      },
      (err: Error) => callback(Object.assign(err, { code: 'EREFUSED' }) as NodeJS.ErrnoException, '', 0),
    );
  };
}

/**
 * POSTs one webhook body. Redirects are not followed (a 3xx is a failed attempt), the answer's body
 * is read and dropped, and the whole exchange is bounded by `timeoutMs`.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; policy: AddressPolicy },
): Promise<PostResult> {
  const target = new URL(url);
  // An address in the URL is connected to without a lookup: check it here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  const refused = isIP(literal) ? refusedAddress(literal, opts.policy) : null;
  if (refused) return Promise.resolve({ status: null, error: refused });
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'zhiyuan-webhooks/1',
        },
        lookup: checkedLookup(opts.policy),
        timeout: opts.timeoutMs,
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? null;
          const redirect = status !== null && status >= 300 && status < 400;
          done({ status, error: redirect ? `redirect to ${String(res.headers.location)} not followed` : null });
        });
        res.on('error', (err) => done({ status: res.statusCode ?? null, error: err.message }));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err) => done({ status: null, error: err.message }));
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}
