import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, type Identity } from '@zhiyuan/auth';
import { DEV_JWT_SECRET, issueToken, claimsOf } from '@zhiyuan/gateway';
import { TEST_INTERNAL_SECRET } from '@zhiyuan/testing';

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Headers for a request through a gateway (a development bearer token) or straight at a subgraph (a signed internal identity). */
export interface Caller {
  gatewayHeaders: Record<string, string>;
  internalHeaders: Record<string, string>;
}

export async function callerFor(identity: Identity): Promise<Caller> {
  const token = await issueToken(claimsOf(identity), {
    secret: DEV_JWT_SECRET,
    issuer: 'zhiyuan-dev',
    audience: 'zhiyuan',
    ttl: '12h',
  });
  // One hour, so a benchmark can reuse one header; the gateway signs 60-second ones.
  const internal = await signInternalIdentity(identity, TEST_INTERNAL_SECRET, 3600);
  return {
    gatewayHeaders: { authorization: `Bearer ${token}` },
    internalHeaders: { [INTERNAL_IDENTITY_HEADER]: internal },
  };
}

export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as Omit<GqlResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Throws with the first error's code and message (for loading, where a failure must be seen). */
export async function gqlOk<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<T> {
  const r = await gql<T>(url, query, variables, headers);
  if (r.errors?.length || !r.data) {
    const e = r.errors?.[0];
    throw new GqlError(e?.message ?? `HTTP ${r.status}`, String(e?.extensions?.code ?? r.status));
  }
  return r.data;
}

export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Runs tasks with at most `limit` in flight. */
export async function pool<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  const runners = Array.from({ length: limit }, async () => {
    for (;;) {
      const n = it.next();
      if (n.done) return;
      await work(n.value);
    }
  });
  await Promise.all(runners);
}
