import { metrics } from '@zhiyuan/telemetry';
import type { NextFunction, Request, Response } from 'express';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Identity } from '@zhiyuan/auth';
import { subjectMatches } from '@zhiyuan/events';
import { parseAcceptLanguage } from '@zhiyuan/kernel';
import { identities } from './http-guards';
import { sha256 } from './persisted-operations';

/** Every domain subject a read model can change on (audit and dead letters change no figure shown). */
const ALL_DOMAIN_SUBJECTS = ['cases.>', 'people.>', 'credit.>', 'tasks.>', 'metrics.>'];

/**
 * The read-mostly safelisted operations the gateway may answer from its cache, and the event
 * subjects after which an answer may have changed. `projected`: the figures come from metrics'
 * projections, which are updated after the source event, so the operation is dropped once more when
 * the projection has normally caught up (the TTL bounds a backlog).
 */
export const CACHEABLE_OPERATIONS: Record<string, { subjects: string[]; projected: boolean }> = {
  ExposureBoard: { subjects: ['people.>', 'credit.>'], projected: false },
  CountyCockpitRanking: { subjects: ALL_DOMAIN_SUBJECTS, projected: true },
  TownshipDashboard: { subjects: ALL_DOMAIN_SUBJECTS, projected: true },
  VillageDashboard: { subjects: ALL_DOMAIN_SUBJECTS, projected: true },
};

export const INVALIDATION_SUBJECTS = ALL_DOMAIN_SUBJECTS;

/** What a caller may see: anonymous callers share one scope; a signed-in caller's answers are theirs alone. */
export function scopeOf(identity: Identity | undefined): string {
  if (!identity || identity.roles.length === 0) return 'anonymous';
  // Access depends on the roles, the division, the partner department, the party and, for judges,
  // officers and task assignees, on the subject itself: all of it is in the key.
  return JSON.stringify([
    identity.sub,
    [...identity.roles].sort(),
    identity.divisionCode,
    identity.department,
    identity.partyId,
  ]);
}

/** JSON with object keys sorted, so equal variables give equal keys. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

interface Entry {
  operation: string;
  generation: number;
  body: Buffer;
  expires: number;
}

/** Where a missed request's answer goes once the gateway has it, if nothing changed meanwhile. */
export interface CacheTicket {
  operation: string;
  key: string;
  generation: number;
}

/** One request fetching the answer of a key; the same requests arriving meanwhile wait for it. */
interface Flight {
  generation: number;
  done: Promise<Buffer | undefined>;
  finish(body: Buffer | undefined): void;
}

/** What the cache holds for a key: a fresh answer, or one only past its TTL (nothing dropped it). */
export type Lookup = { body: Buffer; fresh: boolean };

export interface ResponseCacheOptions {
  ttlMs: number;
  maxBytes: number;
  /** Delay of the second drop of projected operations after an event. */
  projectionSettleMs?: number;
  now?: () => number;
}

/**
 * A bounded LRU of serialized answers. Dropping an operation is O(1): its generation moves on and
 * entries of older generations are never served again (and are evicted as the LRU turns).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private readonly byHash = new Map<string, string>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly flights = new Map<string, Flight>();
  private bytes = 0;
  readonly stats = { hits: 0, misses: 0, stale: 0, joined: 0, stored: 0, discarded: 0, invalidations: 0, evicted: 0 };

  constructor(private readonly opts: ResponseCacheOptions) {}

  /** Registers the cacheable operations of a safelist (hash to text) by their operation name. */
  register(safelist: Map<string, string>): string[] {
    const names: string[] = [];
    for (const [hash, text] of safelist) {
      let op: OperationDefinitionNode | undefined;
      try {
        const doc = parse(text, { noLocation: true });
        const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        op = ops.length === 1 ? ops[0] : undefined;
      } catch {
        continue;
      }
      const name = op?.name?.value;
      if (!op || op.operation !== 'query' || !name || !CACHEABLE_OPERATIONS[name]) continue;
      this.byHash.set(hash, name);
      this.generations.set(name, this.generations.get(name) ?? 0);
      names.push(name);
    }
    return names;
  }

  /** The cacheable operation a query text (by its hash) is, if any. */
  operationOf(queryHash: string): string | undefined {
    return this.byHash.get(queryHash);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** A fresh answer, if there is one. */
  get(operation: string, key: string): Buffer | undefined {
    const found = this.lookup(operation, key);
    return found?.fresh ? found.body : undefined;
  }

  /**
   * The answer held for a key: fresh, or past its TTL by less than one more TTL (served only while a
   * refresh is under way). An answer whose operation an event or a mutation dropped is never returned.
   */
  lookup(operation: string, key: string): Lookup | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const now = this.now();
    if (e.generation !== this.generations.get(operation) || e.expires + this.opts.ttlMs <= now) {
      this.remove(key, e);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    return { body: e.body, fresh: e.expires > now };
  }

  /** The fetch under way for a key in the operation's current generation, if any. */
  flight(operation: string, key: string): Promise<Buffer | undefined> | undefined {
    const f = this.flights.get(key);
    return f && f.generation === this.generations.get(operation) ? f.done : undefined;
  }

  /** Marks the ticket's request as the one fetching its key; finishFlight() ends it. */
  startFlight(ticket: CacheTicket): void {
    let finish!: (body: Buffer | undefined) => void;
    const done = new Promise<Buffer | undefined>((resolve) => (finish = resolve));
    this.flights.get(ticket.key)?.finish(undefined);
    this.flights.set(ticket.key, { generation: ticket.generation, done, finish });
  }

  /** Ends the ticket's flight: waiting requests get the answer, or (undefined) go fetch it themselves. */
  finishFlight(ticket: CacheTicket, body: Buffer | undefined): void {
    const f = this.flights.get(ticket.key);
    if (!f || f.generation !== ticket.generation) return;
    this.flights.delete(ticket.key);
    f.finish(body);
  }

  /** How many times an operation was dropped so far. */
  generation(operation: string): number {
    return this.generations.get(operation) ?? 0;
  }

  ticket(operation: string, key: string): CacheTicket {
    return { operation, key, generation: this.generations.get(operation) ?? 0 };
  }

  /** Stores an answer unless its operation was dropped since the request began (it may be stale). */
  set(ticket: CacheTicket, body: Buffer): boolean {
    if (this.generations.get(ticket.operation) !== ticket.generation) {
      this.stats.discarded++;
      return false;
    }
    if (body.length > this.opts.maxBytes / 4) return false;
    const old = this.entries.get(ticket.key);
    if (old) this.remove(ticket.key, old);
    this.entries.set(ticket.key, {
      operation: ticket.operation,
      generation: ticket.generation,
      body,
      expires: this.now() + this.opts.ttlMs,
    });
    this.bytes += body.length;
    this.stats.stored++;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.remove(k, e);
      this.stats.evicted++;
    }
    return true;
  }

  private remove(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.body.length;
  }

  /** Drops every operation an event on this subject may have changed. */
  invalidateSubject(subject: string): void {
    for (const [name, spec] of Object.entries(CACHEABLE_OPERATIONS)) {
      if (!this.generations.has(name) || !spec.subjects.some((p) => subjectMatches(p, subject))) continue;
      this.invalidate(name);
      if (spec.projected) this.invalidateLater(name);
    }
  }

  /** Drops one operation, or all of them (after a mutation through this gateway). */
  invalidate(operation?: string): void {
    this.stats.invalidations++;
    for (const name of operation ? [operation] : [...this.generations.keys()]) {
      this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
    }
  }

  private invalidateLater(operation: string): void {
    if (this.settleTimers.has(operation)) return;
    const t = setTimeout(() => {
      this.settleTimers.delete(operation);
      this.invalidate(operation);
    }, this.opts.projectionSettleMs ?? 1_000);
    t.unref();
    this.settleTimers.set(operation, t);
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  close(): void {
    for (const t of this.settleTimers.values()) clearTimeout(t);
    this.settleTimers.clear();
    for (const f of this.flights.values()) f.finish(undefined);
    this.flights.clear();
    this.entries.clear();
    this.bytes = 0;
  }
}

/** sha256 of recently seen query texts (a map lookup is far cheaper than hashing the text again). */
const recentHashes = new Map<string, string>();
function hashOf(query: string): string {
  let h = recentHashes.get(query);
  if (h === undefined) {
    h = sha256(query.trim());
    // Bounded: a thousand texts of at most 8 KB (the safelisted operations are far smaller).
    if (query.length > 8_192) return h;
    if (recentHashes.size >= 1_000) recentHashes.delete(recentHashes.keys().next().value!);
    recentHashes.set(query, h);
  }
  return h;
}

/** The ticket of a request that missed, for the plugin to store its answer. */
export const cacheTickets = new WeakMap<Request, CacheTicket>();

/**
 * Answers a cacheable operation from the cache, or marks the request so its answer is stored. Runs
 * after authentication and the persisted-operation lookup, before Apollo Server. One request at a
 * time fetches a key: the same requests arriving meanwhile wait for its answer, or, when the entry is
 * only past its TTL (no event dropped it), get that answer at once while it is refreshed.
 */
export function serveFromCache(cache: ResponseCache) {
  const send = (res: Response, body: Buffer) => {
    res.status(200).setHeader('content-type', 'application/json; charset=utf-8');
    res.end(body);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!body || typeof body.query !== 'string') return next();
    const operation = cache.operationOf(hashOf(body.query));
    if (!operation || (body.operationName != null && body.operationName !== operation)) return next();
    // The language is part of the answer (summaries, reason texts): one entry per locale.
    const locale = parseAcceptLanguage(req.header('accept-language'));
    const key = `${operation}|${stableStringify(body.variables ?? {})}|${scopeOf(identities.get(req))}|${locale}`;
    const found = cache.lookup(operation, key);
    if (found?.fresh) {
      cache.stats.hits++;
      metrics.responseCache.inc({ result: 'hit' });
      return send(res, found.body);
    }
    const ticket = cache.ticket(operation, key);
    const flight = cache.flight(operation, key);
    if (flight && found) {
      cache.stats.stale++;
      metrics.responseCache.inc({ result: 'stale' });
      return send(res, found.body);
    }
    if (flight) {
      cache.stats.joined++;
      metrics.responseCache.inc({ result: 'joined' });
      void flight.then((answer) => {
        if (answer) return send(res, answer);
        cacheTickets.set(req, ticket);
        next();
      });
      return;
    }
    cache.stats.misses++;
    metrics.responseCache.inc({ result: 'miss' });
    cache.startFlight(ticket);
    // Whatever becomes of the request (an error, a dropped connection), its waiters are let go.
    res.once('close', () => cache.finishFlight(ticket, undefined));
    cacheTickets.set(req, ticket);
    next();
  };
}

/**
 * Stores complete, error-free answers of marked requests; a mutation through this gateway drops the
 * cache once it has answered (its changes are committed by then), so its caller reads its own writes.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<{ cacheTicket?: CacheTicket }> {
  return {
    async requestDidStart() {
      let mutation = false;
      return {
        async didResolveOperation({ operation }) {
          mutation = operation?.operation === 'mutation';
        },
        async willSendResponse({ response, contextValue }) {
          if (mutation) {
            cache.invalidate();
            return;
          }
          const ticket = contextValue.cacheTicket;
          if (!ticket) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!result || result.errors?.length || !result.data || (response.http.status ?? 200) !== 200)
            return cache.finishFlight(ticket, undefined);
          const body = Buffer.from(JSON.stringify(result));
          cache.set(ticket, body);
          // Requests that waited for this one began before it answered: the answer is theirs too.
          cache.finishFlight(ticket, body);
        },
      };
    },
  };
}
