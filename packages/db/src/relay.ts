import type { Logger } from '@zhiyuan/config';
import type { EventBus, EventEnvelope } from '@zhiyuan/events';
import { inEventSpan, outsideTrace, traceContextOf, tracingEnabled } from '@zhiyuan/telemetry';
import type { DataSource } from 'typeorm';
import { outsideRequestScope } from './request-scope';

export interface RelayOptions {
  batchSize?: number;
  /** Poll interval when nobody kicks the relay (another process may have written). */
  intervalMs?: number;
}

/**
 * Publishes unpublished outbox rows in commit order and marks them. One relay per schema publishes
 * at a time (a transaction-scoped advisory lock), so order per aggregate holds with several
 * replicas; a crash between publish and mark republishes with the same Nats-Msg-Id, which
 * JetStream's duplicate window and the consumers' inbox absorb.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly batchSize: number;
  private readonly intervalMs: number;

  constructor(
    private readonly ds: DataSource,
    private readonly schema: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
    opts: RelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.intervalMs = opts.intervalMs ?? 250;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Asks for a run now (called after a commit that wrote events). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    // Not part of the request that kicked it: the loop's statements belong to no mutation.
    // Its batch serves many requests: it belongs to none of their traces (each publish joins its row's).
    this.running = outsideRequestScope(() => outsideTrace(() => this.loop())).finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.kick(), this.again ? 0 : this.intervalMs).unref();
      this.again = false;
    });
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) === this.batchSize) {
        // a full batch: there may be more
      }
    } catch (err) {
      this.log.warn({ err: String(err) }, 'outbox relay run failed; will retry');
    }
  }

  /** Publishes one batch; returns how many rows it published (0 when another relay holds the lock). */
  async publishBatch(): Promise<number> {
    return this.ds.transaction(async (m) => {
      // The lock and the batch in one statement: the lateral reads the rows only once the lock is held.
      const rows: { seq: string; subject: string; envelope: EventEnvelope }[] = await m.query(
        `SELECT o.seq, o.subject, o.envelope FROM (SELECT pg_try_advisory_xact_lock(hashtext($2)) AS locked) l
         CROSS JOIN LATERAL (SELECT seq, subject, envelope FROM "${this.schema}".outbox_message
           WHERE l.locked AND published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE) o
         ORDER BY o.seq`,
        [this.batchSize, `${this.schema}.outbox`],
      );
      if (rows.length === 0) return 0;
      // Sent in order on one connection; acks awaited together.
      await Promise.all(rows.map((r) => this.publish(r.subject, r.envelope)));
      await m.query(`UPDATE "${this.schema}".outbox_message SET published_at = now() WHERE seq = ANY($1::bigint[])`, [
        rows.map((r) => r.seq),
      ]);
      return rows.length;
    });
  }

  /**
   * Publishes one row. Traced, the publish is a span in the trace the row's envelope names, and the
   * envelope goes out naming the publish span, so the consumers' spans are its children.
   */
  private publish(subject: string, envelope: EventEnvelope): Promise<void> {
    if (!tracingEnabled() || !envelope.traceContext) return this.bus.publish(subject, envelope);
    return inEventSpan(
      `publish ${subject}`,
      'producer',
      envelope.traceContext,
      {
        'messaging.system': this.bus.kind === 'nats' ? 'nats' : 'in-process',
        'messaging.destination.name': subject,
        'messaging.message.id': envelope.id,
        'zhiyuan.outbox.schema': this.schema,
      },
      (span) => this.bus.publish(subject, { ...envelope, traceContext: traceContextOf(span) ?? envelope.traceContext }),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
