import { GraphQLError, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import type { Logger } from '@zhiyuan/config';
import { streamFor } from '@zhiyuan/events';
import { formatCursor, type Cursor } from './cursor';
import { entityAlias, liveError, probeAlias, queryVariables, shapePayload, type LiveOperation } from './operation';
import type { LiveField, LiveMatch } from './registry';
import { provablyUnseen, shareScope } from './sharing';
import type { LiveMessage, LiveSource } from './sources';

/** Runs a query through the gateway's own Apollo Server under an identity (the query path, its rules and masking). */
export type RunQuery = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

export interface LiveLimits {
  /** Open subscriptions per identity (per client address when anonymous). */
  perIdentity: number;
  /** Events waiting for one subscriber; beyond it the subscriber is cut off (SLOW_CONSUMER). */
  queue: number;
  /** Stream messages a resume may read; a cursor further behind is refused (RESUME_TOO_OLD). */
  replay: number;
}

export interface OpenOptions {
  /** When the subscriber's token expires (ms since the epoch): the subscription ends UNAUTHENTICATED then. */
  expiresAt?: number;
}

type Ending = ExecutionResult | undefined;

const ending = (code: string, message: string): ExecutionResult => ({
  errors: [new GraphQLError(message, { extensions: { code } })],
});

interface Queued {
  m: LiveMessage;
  match: LiveMatch;
  /** The shared resolution this event waits on (Resolutions). */
  key: string;
}

/**
 * The answers of per-event queries shared by subscribers of one scope (sharing.ts): counted by the
 * subscribers that queued the event, run once by the first that reads it, dropped when the last is done.
 */
class Resolutions {
  private readonly entries = new Map<string, { refs: number; result?: ReturnType<RunQuery> }>();

  hold(key: string): void {
    const e = this.entries.get(key);
    if (e) e.refs++;
    else this.entries.set(key, { refs: 1 });
  }

  release(key: string): void {
    const e = this.entries.get(key);
    if (e && --e.refs <= 0) this.entries.delete(key);
  }

  /** The answer for `key`, running `run` only if no subscriber of the key ran it yet. */
  get(key: string, run: () => ReturnType<RunQuery>): ReturnType<RunQuery> {
    const e = this.entries.get(key);
    if (e?.result) return e.result;
    this.runs++;
    const result = run();
    if (e) e.result = result;
    return result;
  }

  /** Queries run so far (each answering every subscriber of its key). */
  runs = 0;

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One open subscription: the events matched for it, resolved one after another as its transport reads. It is
 * itself the iterator the transport reads (methods, not closures: an idle subscriber holds only its fields).
 */
class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  readonly queue: Queued[] = [];
  /** The last sequence taken in per stream (queued, skipped or replayed): later copies are ignored. */
  readonly seen: Cursor;
  /** The cursor handed out: the last sequence resolved per stream. */
  readonly delivered: Cursor;
  replaying = true;
  resolving = false;
  /** Live events heard while a resume replays (none kept when not resuming). */
  held?: LiveMessage[];
  ended = false;
  ending: Ending;
  private wake?: () => void;
  /** The second its token expires (a key of LiveEngine's expiry buckets), if it does. */
  expiresAtSecond?: number;

  /** Who this subscriber may share resolutions with (sharing.ts), and the operation's share key. */
  readonly scope: string;

  constructor(
    readonly op: LiveOperation,
    readonly identity: Identity,
    readonly streams: string[],
    start: Cursor,
    private readonly engine: LiveEngine,
  ) {
    this.seen = { ...start };
    this.delivered = { ...start };
    this.scope = `${shareScope(identity, op.subjectFree)}|${op.shareKey}`;
  }

  take(m: LiveMessage, limit: number): void {
    if (this.ended || !this.streams.includes(m.stream)) return;
    if (this.replaying) {
      (this.held ??= []).push(m);
      return;
    }
    if (m.seq <= (this.seen[m.stream] ?? 0)) return;
    this.seen[m.stream] = m.seq;
    const match = this.op.field.match(m.event, this.op.args, this.identity);
    if (!match || provablyUnseen(this.identity, m.event, match)) return;
    if (this.queue.length >= limit) {
      this.end(ending('SLOW_CONSUMER', 'Too many events waiting for this subscriber; resume from the last cursor'));
      return;
    }
    const keys = Object.keys(match.keys)
      .sort()
      .map((k) => `${k}=${match.keys[k]}`)
      .join('&');
    const key = `${m.stream}:${m.seq}|${keys}|${this.scope}`;
    this.engine.resolutions.hold(key);
    this.queue.push({ m, match, key });
    this.wake?.();
  }

  end(ending?: Ending): void {
    if (this.ended) return;
    this.ended = true;
    this.ending = ending;
    for (const item of this.queue) this.engine.resolutions.release(item.key);
    this.queue.length = 0;
    this.wake?.();
  }

  private work(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
      if (this.queue.length || this.ended) this.wake();
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      if (this.ended) {
        this.engine.release(this);
        const last = this.ending;
        this.ending = undefined;
        return last ? { done: false, value: last } : { done: true, value: undefined };
      }
      const item = this.queue.shift();
      if (!item) {
        await this.work();
        continue;
      }
      this.resolving = true;
      const result = await this.engine
        .resolve(this, item)
        .catch((err) => {
          this.engine.log.warn({ err: String(err), field: this.op.field.name }, 'live: an event could not be resolved');
          return null;
        })
        .finally(() => {
          this.resolving = false;
          this.engine.resolutions.release(item.key);
        });
      this.delivered[item.m.stream] = item.m.seq;
      if (result && !this.ended) return { done: false, value: result };
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    this.engine.release(this);
    return { done: true, value: undefined };
  }
}

/**
 * The live edge: hears the events once per replica, hands each to the subscriptions whose pre-filter it
 * passes, and resolves each subscriber's payload through the supergraph under that subscriber's identity.
 */
export class LiveEngine {
  private readonly subscribers = new Set<Subscriber>();
  private readonly perIdentity = new Map<string, number>();
  readonly resolutions = new Resolutions();

  constructor(
    private readonly source: LiveSource,
    private readonly schema: () => GraphQLSchema | undefined,
    private readonly run: RunQuery,
    readonly limits: LiveLimits,
    readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.source.start((m) => {
      for (const s of this.subscribers) s.take(m, this.limits.queue);
    });
  }

  /**
   * Token expiries by the second, swept by one timer: a timer per subscriber cost more than the rest of its
   * state in the engine (each distinct delay is a timer list of its own in Node).
   */
  private readonly expiries = new Map<number, Set<Subscriber>>();
  private sweeper?: NodeJS.Timeout;

  private expireAt(sub: Subscriber, at: number): void {
    const second = Math.ceil(at / 1000);
    sub.expiresAtSecond = second;
    let bucket = this.expiries.get(second);
    if (!bucket) this.expiries.set(second, (bucket = new Set()));
    bucket.add(sub);
    if (at <= Date.now()) queueMicrotask(() => this.sweep());
    this.sweeper ??= setInterval(() => this.sweep(), 1_000).unref();
  }

  private unexpire(sub: Subscriber): void {
    if (sub.expiresAtSecond === undefined) return;
    const bucket = this.expiries.get(sub.expiresAtSecond);
    bucket?.delete(sub);
    if (bucket && !bucket.size) this.expiries.delete(sub.expiresAtSecond);
  }

  private sweep(): void {
    const now = Date.now() / 1000;
    for (const [second, bucket] of this.expiries) {
      if (second > now) continue;
      this.expiries.delete(second);
      for (const sub of bucket) sub.end(ending('UNAUTHENTICATED', 'The bearer token expired; sign in again'));
    }
    if (!this.expiries.size && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    for (const s of this.subscribers) s.end();
    await this.source.stop();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Subscribers with events still queued, being resolved or being replayed. */
  get busy(): number {
    let n = 0;
    for (const s of this.subscribers) if (s.queue.length || s.resolving || s.replaying) n++;
    return n;
  }

  /** Refuses a subscription over the per-identity limit; call before open(). */
  admit(identity: Identity): void {
    const key = identityKey(identity);
    if ((this.perIdentity.get(key) ?? 0) >= this.limits.perIdentity)
      throw liveError('RATE_LIMITED', `At most ${this.limits.perIdentity} live subscriptions at once`, {
        limit: 'subscriptions',
      });
  }

  /** Opens a subscription: an async iterator of results that ends when the client leaves or the token expires. */
  open(op: LiveOperation, identity: Identity, opts: OpenOptions = {}): AsyncIterableIterator<ExecutionResult> {
    this.admit(identity);
    const streams = streamsOf(op.field);
    const head = this.source.head();
    const start: Cursor = {};
    for (const s of streams) start[s] = Math.max(op.since?.[s] ?? head[s] ?? 0, 0);
    const behind = streams.reduce((n, s) => n + Math.max(0, (head[s] ?? 0) - start[s]!), 0);
    if (op.since && behind > this.limits.replay)
      throw liveError('RESUME_TOO_OLD', 'This cursor is too far behind to resume from; reload and subscribe again', {
        field: 'since',
      });
    const sub = new Subscriber(op, identity, streams, start, this);
    const key = identityKey(identity);
    this.perIdentity.set(key, (this.perIdentity.get(key) ?? 0) + 1);
    this.subscribers.add(sub);
    if (opts.expiresAt !== undefined) this.expireAt(sub, opts.expiresAt);
    void this.catchUp(sub, head);
    return sub;
  }

  /** Forgets a subscriber that ended (its iterator calls this; a second call does nothing). */
  release(sub: Subscriber): void {
    if (!this.subscribers.delete(sub)) return;
    this.unexpire(sub);
    const key = identityKey(sub.identity);
    const n = (this.perIdentity.get(key) ?? 1) - 1;
    if (n > 0) this.perIdentity.set(key, n);
    else this.perIdentity.delete(key);
  }

  /** Replays what a resuming subscriber missed (from its cursor to the head at open), then lets live events in. */
  private async catchUp(sub: Subscriber, head: Cursor): Promise<void> {
    try {
      for (const stream of sub.streams) {
        const from = sub.seen[stream] ?? 0;
        const upTo = head[stream] ?? 0;
        if (!sub.op.since || from >= upTo) continue;
        await this.source.replay(stream, from, upTo, (m) => {
          sub.replaying = false;
          sub.take(m, Number.MAX_SAFE_INTEGER);
          sub.replaying = true;
        });
      }
    } catch (err) {
      this.log.warn({ err: String(err) }, 'live: replay failed');
      sub.end(ending('INTERNAL_SERVER_ERROR', 'Could not resume; subscribe again'));
    } finally {
      sub.replaying = false;
      const held = sub.held ?? [];
      sub.held = undefined;
      for (const m of held) sub.take(m, this.limits.queue);
    }
  }

  /** The payload of one queued event for `sub`, or null when it does not get it (its iterator calls this). */
  async resolve(sub: Subscriber, { m, match, key }: Queued): Promise<ExecutionResult | null> {
    const schema = this.schema();
    if (!schema) return null;
    const op = sub.op;
    const keyed = Object.keys(match.keys);
    // One run per event for the subscribers of one scope and query (sharing.ts); its answer is read-only here.
    const result = await this.resolutions.get(key, () =>
      settled(() => this.run(op.queryFor(keyed), queryVariables(op, match), sub.identity), keyed),
    );
    const data = result.data ?? {};
    const probes: Record<string, Record<string, unknown>> = {};
    for (const entity of keyed) {
      const probe = data[probeAlias(entity)];
      // Refused (FORBIDDEN, UNAUTHENTICATED) or not found: this subscriber does not get the event.
      if (!probe || typeof probe !== 'object') return null;
      probes[entity] = probe as Record<string, unknown>;
    }
    if (op.field.accept && !op.field.accept(probes, op.args, sub.identity, match)) return null;
    const cursor = formatCursor({ ...sub.delivered, [m.stream]: m.seq });
    const fields = { eventId: m.event.id, kind: m.event.type, occurredAt: m.event.occurredAt, cursor, ...match.fields };
    const shaped: ExecutionResult = { ...shapePayload(schema, op, fields, data), extensions: { cursor } };
    if (!shaped.data) return null;
    const nested = (result.errors ?? []).filter((e) => !String(e.path?.[0] ?? '').startsWith('zyLiveProbe_'));
    if (!nested.length) return shaped;
    // Errors below an entity keep the path the subscriber would see: payload field, then the rest.
    const errors = nested.map((e) => {
      const [root, ...rest] = e.path ?? [];
      const entity = Object.keys(op.field.entities).find((en) => String(root).startsWith(entityAlias(en, '')));
      const key = entity ? String(root).slice(entityAlias(entity, '').length) : undefined;
      return new GraphQLError(e.message, {
        path: key ? [op.responseKey, key, ...rest] : e.path,
        extensions: e.extensions,
      });
    });
    return { ...shaped, errors: [...(shaped.errors ?? []), ...errors] };
  }
}

/** Codes of a failure to read, not a refusal: the event is tried again rather than taken for invisible. */
const TRANSIENT = new Set(['SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);
const RETRY_DELAYS_MS = [250, 1_000, 4_000];

/**
 * Runs a per-event query, again (after 0.25, 1 and 4 s) while a probe came back empty because a
 * subgraph failed: a refused or missing entity drops the event, an unavailable subgraph must not (it
 * would drop it for every subscriber sharing the run).
 */
async function settled(run: () => ReturnType<RunQuery>, keyed: readonly string[]): ReturnType<RunQuery> {
  for (let attempt = 0; ; attempt++) {
    const result = await run().catch((err: unknown) => {
      if (attempt >= RETRY_DELAYS_MS.length) throw err;
      return undefined;
    });
    const failed =
      !result ||
      (keyed.some((e) => !result.data?.[probeAlias(e)]) &&
        (result.errors ?? []).some((e) => TRANSIENT.has(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))));
    if (result && (!failed || attempt >= RETRY_DELAYS_MS.length)) return result;
    await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]).unref());
  }
}

const fieldStreams = new WeakMap<LiveField, string[]>();
/** The streams a field's subjects are in (one array per field, shared by its subscribers). */
function streamsOf(field: LiveField): string[] {
  let streams = fieldStreams.get(field);
  if (!streams) fieldStreams.set(field, (streams = [...new Set(field.subjects.map((s) => streamFor(s)))]));
  return streams;
}

function identityKey(identity: Identity): string {
  return identity.roles.length ? `sub:${identity.sub}` : `ip:${identity.ip ?? ''}`;
}
