import { sqlExec, sqlRow, sqlRows, type Messaging } from '@zhiyuan/db';
import { PARTNER_DEPARTMENTS, type EventBus } from '@zhiyuan/events';
import { isUuid } from '@zhiyuan/kernel';
import type { PartnerDepartment } from '../generated/resolvers-types';

/** The durable consumer of a partner department on stream PEOPLE_CREDIT (see deploy/nats.conf). */
export const partnerDurable = (department: string) => `partner_${department}`;

export const PARTNER_STREAM = 'PEOPLE_CREDIT';
export const partnerSubject = (department: string) => `credit.link.changed.${department}`;

/** The part of the JetStream manager this step reads (nats.js `JetStreamManager` satisfies it). */
export interface JetStreamReader {
  consumers: {
    info(
      stream: string,
      durable: string,
    ): Promise<{
      created: string;
      ack_floor: { stream_seq: number };
      config: { ack_policy?: string; deliver_policy?: string; filter_subject?: string; max_deliver?: number };
    }>;
  };
  streams: {
    info(stream: string): Promise<{ created: string }>;
    getMessage(
      stream: string,
      query: { seq: number; next_by_subj: string },
    ): Promise<{ seq: number; data: Uint8Array }>;
  };
}

/** The JetStream manager behind a NATS bus (or a wrapper of one); null for the in-process bus. */
export function jetStreamOf(bus: EventBus): JetStreamReader | null {
  if (bus.kind !== 'nats') return null;
  const clients = (bus as unknown as { clients?: { jsm: JetStreamReader } }).clients;
  return clients?.jsm ?? null;
}

export interface AckByDeliveryOptions {
  now: Date;
  durableOf?: (department: string) => string;
  /** Messages read per department and run; the next run goes on from there. */
  maxMessages?: number;
  log?: (msg: string, data: Record<string, unknown>) => void;
}

/** A partner's read position: the last stream sequence counted, with the creation times it was counted under. */
interface AckCursorRow {
  stream_seq: string;
  stream_created: Date;
  consumer_created: Date;
}

function changeIdOf(data: Uint8Array): string | null {
  try {
    const id = JSON.parse(Buffer.from(data).toString('utf8'))?.payload?.changeId;
    return isUuid(id) ? id : null;
  } catch {
    return null;
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string | number; api_error?: { code?: number } };
  return String(e?.code) === '404' || e?.api_error?.code === 404;
}

/**
 * A partner acknowledges a credit change through the graph or by acking its JetStream delivery.
 * This step counts the second: every message of the department's subject at or below its durable
 * consumer's ack floor was acked (the floor only passes a message once it and all before it are
 * acked), so the change named in each such message is marked acknowledged, with
 * credit.partner.acknowledged. Messages are matched by the changeId they carry, not by order.
 *
 * Only a consumer made as provisioned (deliver all, explicit acks, no delivery limit, the
 * department's subject) is trusted: a consumer that started later, or one whose floor also passes
 * messages given up after a delivery limit, says nothing about what the partner read. An AckTerm
 * by the partner also passes the floor and counts as an acknowledgement.
 */
export async function acknowledgeDeliveredChanges(
  messaging: Messaging,
  jsm: JetStreamReader,
  opts: AckByDeliveryOptions,
): Promise<number> {
  const durableOf = opts.durableOf ?? partnerDurable;
  const maxMessages = opts.maxMessages ?? 5_000;
  const streamCreated = new Date((await jsm.streams.info(PARTNER_STREAM)).created);
  let acknowledged = 0;
  for (const department of PARTNER_DEPARTMENTS) {
    const durable = durableOf(department);
    const subject = partnerSubject(department);
    const info = await jsm.consumers.info(PARTNER_STREAM, durable).catch((err) => {
      if (isNotFound(err)) return null;
      throw err;
    });
    if (!info) continue;
    const c = info.config;
    if (
      c.ack_policy !== 'explicit' ||
      c.deliver_policy !== 'all' ||
      c.filter_subject !== subject ||
      (c.max_deliver !== undefined && c.max_deliver > 0)
    ) {
      opts.log?.('partner consumer is not as provisioned; its acks are not counted', { durable, config: c });
      continue;
    }
    const floor = info.ack_floor.stream_seq;
    const consumerCreated = new Date(info.created);
    const cursor = await sqlRow<AckCursorRow>(
      messaging.ds,
      `SELECT stream_seq, stream_created, consumer_created FROM people.partner_ack_cursor WHERE durable = $1`,
      [durable],
    );
    // A recreated stream or consumer numbers its deliveries afresh: read it again from the start.
    const same =
      cursor &&
      new Date(cursor.stream_created).getTime() === streamCreated.getTime() &&
      new Date(cursor.consumer_created).getTime() === consumerCreated.getTime();
    const from = same ? Number(cursor.stream_seq) : 0;
    if (floor <= from && same) continue;

    const changeIds: string[] = [];
    let readUpTo = floor;
    let next = from + 1;
    for (let read = 0; next <= floor; read++) {
      if (read === maxMessages) {
        readUpTo = next - 1;
        break;
      }
      const msg = await jsm.streams.getMessage(PARTNER_STREAM, { seq: next, next_by_subj: subject }).catch((err) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (!msg || msg.seq > floor) break;
      const id = changeIdOf(msg.data);
      if (id) changeIds.push(id);
      next = msg.seq + 1;
    }

    acknowledged += await messaging.transaction(async (m, emit) => {
      // The cursor row is the lock: two replicas running this step count each message once.
      await sqlExec(
        m,
        `INSERT INTO people.partner_ack_cursor (durable, department, stream_created, consumer_created, stream_seq) VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (durable) DO NOTHING`,
        [durable, department, streamCreated, consumerCreated],
      );
      const held = await sqlRow<AckCursorRow>(
        m,
        `SELECT stream_seq, stream_created, consumer_created FROM people.partner_ack_cursor WHERE durable = $1 FOR UPDATE`,
        [durable],
      );
      const stillSame =
        new Date(held!.stream_created).getTime() === streamCreated.getTime() &&
        new Date(held!.consumer_created).getTime() === consumerCreated.getTime();
      if (stillSame && Number(held!.stream_seq) > from) return 0; // another run got here first
      const rows = changeIds.length
        ? await sqlRows<{ id: string; party_id: string }>(
            m,
            `WITH marked AS (
               UPDATE people.credit_link_change SET acknowledged_at = $1, acknowledged_by = $2
               WHERE id = ANY($3::uuid[]) AND department = $4 AND acknowledged_at IS NULL
               RETURNING id, party_id
             ) SELECT id, party_id FROM marked ORDER BY id`,
            [opts.now, `jetstream:${durable}`, changeIds, department],
          )
        : [];
      for (const r of rows) {
        await emit(
          'credit.partner.acknowledged',
          {
            changeId: r.id,
            department: department as PartnerDepartment,
            partyId: r.party_id,
            acknowledgedAt: opts.now.toISOString(),
            acknowledgedBy: `jetstream:${durable}`,
          },
          { key: r.party_id },
        );
      }
      await sqlExec(
        m,
        `UPDATE people.partner_ack_cursor SET stream_seq = $2, stream_created = $3, consumer_created = $4, updated_at = now() WHERE durable = $1`,
        [durable, readUpTo, streamCreated, consumerCreated],
      );
      return rows.length;
    });
  }
  return acknowledged;
}
