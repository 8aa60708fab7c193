import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a statement belongs: serving a request, publishing the outbox, handling events, or anything else in the background. */
export type StatementPhase = 'command' | 'relay' | 'consumer' | 'other';

export type StatementProfile = Record<string, Record<StatementPhase, number>>;

interface OpenTransaction {
  inRequest: boolean;
  statements: string[];
}

const TRANSACTION_START = /^\s*(START TRANSACTION|BEGIN)\b/i;
const TRANSACTION_END = /^\s*(COMMIT|ROLLBACK)\b/i;
const RELAY_POLL = /outbox_message\s+WHERE (l\.locked AND )?published_at IS NULL/i;
/** people-credit's webhook deliverer looks for due deliveries every few hundred milliseconds. */
const WEBHOOK_POLL = /^\s*WITH due AS \(\s*SELECT d\.id FROM people\.webhook_delivery/i;
const RELAY_MARK = /UPDATE\s+"[^"]+"\.outbox_message\s+SET\s+published_at/i;
const INBOX = /inbox_message/i;

/**
 * Counts the SQL statements of the services started by startStack, by service and phase. Statements
 * are grouped into their transactions by the connection that ran them, and each transaction is
 * classified as a whole: one run inside a subgraph HTTP request is the command's; one that marks
 * outbox rows published is the relay's, and a relay poll that found nothing is left out (it runs
 * every 250 ms whether or not anything happened); one that takes inbox rows is a consumer's. Every
 * statement of a transaction counts, `START TRANSACTION` and `COMMIT` included, since each is a
 * round trip to PostgreSQL.
 *
 * Pass `onQuery` and `aroundRequest` to startStack; `reset()` starts a count, `read()` returns it.
 */
export class StatementProfiler {
  private readonly requests = new AsyncLocalStorage<true>();
  private readonly open = new Map<object, OpenTransaction>();
  private counts: StatementProfile = {};
  private enabled = false;
  /** false: requests are not counted (a test's own reads while it waits for an effect). */
  countRequests = true;
  /** When the last statement that counted was seen (performance.now()). */
  lastCounted = 0;
  /** The counted statements by service, phase and text (first 140 characters), to see what to cut. */
  shapes = new Map<string, number>();

  readonly aroundRequest = (next: () => void): void => this.requests.run(true, next);

  readonly onQuery = (service: string, sql: string, connection?: object): void => {
    if (!this.enabled) return;
    const inRequest = !!this.requests.getStore();
    if (connection && TRANSACTION_START.test(sql)) {
      this.open.set(connection, { inRequest, statements: [sql] });
      return;
    }
    const tx = connection ? this.open.get(connection) : undefined;
    if (!tx) {
      this.count(service, classify([sql], inRequest), [sql]);
      return;
    }
    tx.statements.push(sql);
    if (TRANSACTION_END.test(sql)) {
      this.open.delete(connection!);
      this.count(service, classify(tx.statements, tx.inRequest), tx.statements);
    }
  };

  reset(): void {
    this.counts = {};
    this.shapes.clear();
    this.open.clear();
    this.enabled = true;
    this.countRequests = true;
    this.lastCounted = performance.now();
  }

  read(): StatementProfile {
    return structuredClone(this.counts);
  }

  /** The statements of a profile, per service (the phases summed). */
  static totals(profile: StatementProfile): Record<string, number> {
    return Object.fromEntries(
      Object.entries(profile).map(([service, phases]) => [service, Object.values(phases).reduce((s, n) => s + n, 0)]),
    );
  }

  private count(service: string, phase: StatementPhase | null, statements: string[]): void {
    if (!phase || (phase === 'command' && !this.countRequests)) return;
    const row = (this.counts[service] ??= { command: 0, relay: 0, consumer: 0, other: 0 });
    row[phase] += statements.length;
    this.lastCounted = performance.now();
    for (const s of statements) {
      const shape = `${service} ${phase}: ${s.replace(/\s+/g, ' ').slice(0, 140)}`;
      this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
    }
  }
}

/** The phase of one transaction (or lone statement); null for an idle relay poll. */
function classify(statements: string[], inRequest: boolean): StatementPhase | null {
  if (statements.some((s) => RELAY_MARK.test(s))) return 'relay';
  if (statements.some((s) => RELAY_POLL.test(s))) return null;
  const work = statements.filter((s) => !TRANSACTION_START.test(s) && !TRANSACTION_END.test(s));
  if (work.length === 1 && WEBHOOK_POLL.test(work[0]!)) return null;
  // Before the request test: on the in-process bus a handler runs in the async context of the relay's publish.
  if (statements.some((s) => INBOX.test(s))) return 'consumer';
  if (inRequest) return 'command';
  return 'other';
}
