import { AsyncLocalStorage } from 'node:async_hooks';
import type { Emit } from './outbox';

/**
 * The mutation root field being resolved in a subgraph request. Apollo resolves a mutation's root
 * fields one after another, so a request has at most one at a time.
 */
export interface MutationFieldScope {
  /** The root field's name (`recordPayment`). */
  readonly operation: string;
  /** Its alias or name: where its answer goes, and what tells two root fields of one request apart. */
  readonly responseKey: string;
  /**
   * Emits the field's audit entry in its first transaction that writes (an event or an idempotency
   * key), so the entry commits with the write or not at all; returns the entry's event id.
   */
  readonly audit?: (emit: Emit, result: unknown) => Promise<string | null>;
  /** Transactions the field has run (only the first claims the key and writes the audit entry). */
  transactions: number;
  /** The audit entry written in the field's transaction, once it was sent to COMMIT. */
  auditEventId?: string | null;
  /** true once that COMMIT answered. */
  auditCommitted?: boolean;
  /** true when the field's first transaction was answered from its idempotency key. */
  replayed?: boolean;
  /** The fields the field's work changed, for its audit entry (noteAuditChanges). */
  changes?: AuditChange[];
}

/** A changed field with its value before and after, already masked for the audit log. */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * Tells the audit entry of the mutation being resolved which fields its work changed. A field noted
 * twice (a transaction run again) keeps its first `before` and its last `after`. Outside a mutation
 * (an event handler, a command line) it does nothing.
 */
export function noteAuditChanges(changes: readonly AuditChange[]): void {
  const field = requestScope.getStore()?.field;
  if (!field || changes.length === 0) return;
  const list = (field.changes ??= []);
  for (const c of changes) {
    const known = list.find((x) => x.field === c.field);
    if (known) known.after = c.after;
    else list.push({ ...c });
  }
}

/** What a subgraph request tells the service's transactions: who asks, with which key, for what. */
export interface RequestScope {
  actor: string | null;
  /** The client's `Idempotency-Key`, as the gateway forwarded it (mutations only). */
  idempotencyKey: string | null;
  /** Hash of the subgraph request (query, variables, operation name); null without a key. */
  requestHash: string | null;
  field: MutationFieldScope | null;
  /** The error a key reused for another request raises (the server's CONFLICT). */
  conflict: (key: string) => Error;
}

/** Set by the subgraph server around each GraphQL request; read by Messaging.transaction. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` outside any request scope (audit writes, the relay): its transactions claim nothing. */
export function outsideRequestScope<R>(fn: () => R): R {
  return requestScope.exit(fn);
}
