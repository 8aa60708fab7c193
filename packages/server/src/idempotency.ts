import { createHash } from 'node:crypto';
import type { RequestScope } from '@zhiyuan/db';
import { errors } from '@zhiyuan/kernel';

/** The client's key for a mutation, forwarded by the gateway to the subgraph fetch of the mutation. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** 1 to 200 visible ASCII characters (a UUID fits, and so does any client's own scheme). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** JSON with object keys in order, so the same variables in another order hash the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** What makes two subgraph requests the same request: the document, its variables and the operation name. */
export function subgraphRequestHash(body: { query?: unknown; variables?: unknown; operationName?: unknown }): string {
  return createHash('sha256')
    .update(
      canonical({
        query: body.query ?? null,
        variables: body.variables ?? null,
        operationName: body.operationName ?? null,
      }),
    )
    .digest('hex');
}

/** The scope of one subgraph request (see RequestScope); the audit plugin fills in the root field. */
export function scopeOfRequest(actor: string | null, key: string | null, body: unknown): RequestScope {
  return {
    actor,
    idempotencyKey: key,
    requestHash: key ? subgraphRequestHash((body ?? {}) as Record<string, unknown>) : null,
    field: null,
    conflict: (k) =>
      errors.conflict(`Idempotency key ${JSON.stringify(k)} was used for another request`, { idempotencyKey: k }),
  };
}
