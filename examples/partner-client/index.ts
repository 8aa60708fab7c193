/**
 * Example partner-department client for the Zhiyuan credit-link feed.
 *
 * A partner department (party-membership review, enlistment review, bank loans, civilized-household
 * rating) learns of every change of a person's restriction status from the JetStream stream
 * PEOPLE_CREDIT, subject `credit.link.changed.<DEPARTMENT>`. This client:
 *   1. opens (or resumes) a durable pull consumer of its own on that subject,
 *   2. hands each change to your code (`onChange`),
 *   3. acknowledges it to the platform with the `acknowledgeCreditChange` mutation (optional; without
 *      it the platform lists the change as unacknowledged and raises credit.partner.overdue after
 *      3 working days), and only then acks the JetStream message,
 *   4. can replay from a time or a stream sequence (the durable consumer is recreated there).
 *
 * Run it:
 *   NATS_URL=nats://127.0.0.1:4222 PEOPLE_CREDIT_URL=http://127.0.0.1:4002/graphql \
 *     npx tsx examples/partner-client/index.ts --department BANK_LOAN [--durable bank-feed] [--since 2026-01-01T00:00:00Z | --from-seq 42] [--once]
 *
 * In production the client logs in to NATS as its department's user (NATS_USER, NATS_PASSWORD; see
 * deploy/nats.conf), receives on its own inbox prefix _INBOX_<user> (NATS_INBOX_PREFIX overrides it),
 * pulls from the consumer partner_<DEPARTMENT> that the platform provisions, and
 * acknowledges through the gateway with the partner account's bearer token (GATEWAY_URL, PARTNER_TOKEN).
 * In development (PEOPLE_CREDIT_URL) the acknowledgement is signed as a PARTNER identity of that
 * department with INTERNAL_AUTH_SECRET and sent to the subgraph directly.
 */
import {
  AckPolicy,
  DeliverPolicy,
  connect,
  type ConsumerConfig,
  type ConsumerMessages,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { signInternalIdentity } from '@zhiyuan/auth';

export const PARTNER_DEPARTMENTS = ['PARTY_MEMBERSHIP', 'ENLISTMENT', 'BANK_LOAN', 'CIVILIZED_HOUSEHOLD'] as const;
export type PartnerDepartment = (typeof PARTNER_DEPARTMENTS)[number];

const STREAM = 'PEOPLE_CREDIT';

/**
 * The payload of credit.link.changed, version 2 (see docs/events/README.md): the masked ID number, never
 * a name. Match it against the full number your department already holds.
 */
export interface CreditLinkChange {
  changeId: string;
  partyId: string;
  department: PartnerDepartment;
  status: 'RESTRICTED' | 'CLEAR';
  idNumberMasked: string;
  listingIds: string[];
  reason: string;
  changedAt: string;
}

/** The newest version of credit.link.changed this client understands. */
export const CREDIT_LINK_CHANGED_VERSION = 2;

/**
 * The change a message carries, in the current shape. Version 1 (published before the name was
 * dropped, and still in the stream until its limits remove it) also carried the party's name: it is
 * accepted and the name is left behind here, before your code sees the change. A newer version than
 * this client knows is not guessed at: null.
 */
export function changeOf(envelope: { version?: number; payload: unknown }): CreditLinkChange | null {
  const version = envelope.version ?? 1;
  if (version < 1 || version > CREDIT_LINK_CHANGED_VERSION) return null;
  const p = envelope.payload as CreditLinkChange;
  return {
    changeId: p.changeId,
    partyId: p.partyId,
    department: p.department,
    status: p.status,
    idNumberMasked: p.idNumberMasked,
    listingIds: p.listingIds,
    reason: p.reason,
    changedAt: p.changedAt,
  };
}

export interface DeliveryMeta {
  /** Stream sequence: pass it back as `startAt: { sequence }` to replay from here. */
  sequence: number;
  subject: string;
  redelivered: boolean;
  eventId: string;
}

export type StartAt = 'all' | 'new' | { time: Date } | { sequence: number };

export interface PartnerClientOptions {
  natsUrl: string;
  /** The department's NATS user (deploy/nats.conf); unset on a development server without accounts. */
  user?: string;
  pass?: string;
  /**
   * Subject prefix of this connection's inboxes (request replies, pull deliveries). deploy/nats.conf lets
   * a partner subscribe only under `_INBOX_<user>`, never to the shared `_INBOX.>`, where one department
   * could read another's deliveries. Default: `_INBOX_<user>` with a user, the client's `_INBOX` without.
   */
  inboxPrefix?: string;
  department: PartnerDepartment;
  /** The durable consumer's name; keep it stable so a restart resumes where it stopped. */
  durableName: string;
  /** Where to start. Given explicitly, an existing durable of that name is replaced (a replay). Default: resume, or all for a new durable. */
  startAt?: StartAt;
  onChange: (change: CreditLinkChange, meta: DeliveryMeta) => Promise<void> | void;
  /** Acknowledges the change to the platform before the JetStream ack, e.g. graphAcknowledger(...). */
  acknowledge?: (change: CreditLinkChange) => Promise<void>;
  log?: (message: string) => void;
}

export interface PartnerClient {
  /** Resolves when the consumer loop ends. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

function startConfig(startAt: StartAt | undefined): Partial<ConsumerConfig> {
  if (!startAt || startAt === 'all') return { deliver_policy: DeliverPolicy.All };
  if (startAt === 'new') return { deliver_policy: DeliverPolicy.New };
  if ('sequence' in startAt) return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startAt.sequence };
  return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: startAt.time.toISOString() };
}

/** Binds to the durable consumer (creating or recreating it only when allowed and asked). */
async function openConsumer(
  nc: NatsConnection,
  opts: PartnerClientOptions,
  log: (m: string) => void,
): Promise<ConsumerMessages> {
  const jsm = await nc.jetstreamManager({ checkAPI: false } as never);
  const subject = `credit.link.changed.${opts.department}`;
  // The platform provisions partner_<DEPARTMENT>; a partner's NATS user may only read that one. Creating or
  // replaying (recreating) a consumer needs a user allowed to manage consumers (development, operations).
  const exists = await jsm.consumers.info(STREAM, opts.durableName).then(
    () => true,
    () => false,
  );
  if (exists && opts.startAt) {
    await jsm.consumers.delete(STREAM, opts.durableName);
    log(`replaying ${subject} from ${JSON.stringify(opts.startAt)}`);
  }
  if (!exists || opts.startAt) {
    await jsm.consumers.add(STREAM, {
      durable_name: opts.durableName,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      ack_wait: 30_000_000_000,
      ...startConfig(opts.startAt),
    });
  }
  const consumer = await nc.jetstream({ checkAPI: false }).consumers.get(STREAM, opts.durableName);
  return consumer.consume({ max_messages: 64 });
}

/** Subscribes with a durable consumer of its own and processes changes one at a time, in order. */
export async function startPartnerClient(opts: PartnerClientOptions): Promise<PartnerClient> {
  const log = opts.log ?? ((m: string) => process.stdout.write(`${m}\n`));
  const inboxPrefix = opts.inboxPrefix ?? (opts.user ? `_INBOX_${opts.user}` : undefined);
  const nc: NatsConnection = await connect({
    servers: opts.natsUrl,
    name: `partner-${opts.department}`,
    user: opts.user,
    pass: opts.pass,
    inboxPrefix,
  });
  let messages: ConsumerMessages;
  try {
    messages = await openConsumer(nc, opts, log);
  } catch (err) {
    await nc.close();
    throw err;
  }

  const handle = async (m: JsMsg) => {
    const envelope = m.json<{ id: string; type: string; version?: number; payload: unknown }>();
    if (envelope.type !== 'credit.link.changed') {
      m.term();
      return;
    }
    const change = changeOf(envelope);
    if (!change) {
      // Left unacknowledged (a terminated message would count as read): upgrade the client to handle it.
      log(
        `#${m.seq}: credit.link.changed version ${String(envelope.version)} is newer than this client knows (${CREDIT_LINK_CHANGED_VERSION}); will be redelivered`,
      );
      m.nak(60_000);
      return;
    }
    try {
      await opts.onChange(change, {
        sequence: m.seq,
        subject: m.subject,
        redelivered: m.redelivered,
        eventId: envelope.id,
      });
      await opts.acknowledge?.(change);
      m.ack();
    } catch (err) {
      log(`change ${change.changeId} failed, will be redelivered: ${String(err)}`);
      m.nak(1_000);
    }
  };
  const done = (async () => {
    for await (const m of messages) await handle(m);
  })();
  return {
    done,
    stop: async () => {
      messages.stop();
      await done.catch(() => undefined);
      await nc.drain();
    },
  };
}

/**
 * Acknowledges through the graph with the `acknowledgeCreditChange` mutation. `headers` supplies the
 * caller's credentials for each request (a signed identity in development).
 */
export function graphAcknowledger(
  url: string,
  headers: () => Promise<Record<string, string>>,
): (change: CreditLinkChange) => Promise<void> {
  return async (change) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await headers()) },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { id acknowledgedAt } }',
        variables: { id: change.changeId },
      }),
    });
    const body = (await res.json()) as { errors?: { message: string }[] };
    if (!res.ok || body.errors?.length)
      throw new Error(`acknowledgement refused: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
  };
}

/** Development credentials: a PARTNER identity of the department, signed with the shared internal secret. */
export function devPartnerHeaders(
  department: PartnerDepartment,
  secret: string,
): () => Promise<Record<string, string>> {
  return async () => ({
    'x-zhiyuan-identity': await signInternalIdentity(
      { sub: `partner-${department}`, roles: ['PARTNER'], divisionCode: null, department, partyId: null, ip: null },
      secret,
    ),
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const department = (arg('department') ?? process.env.PARTNER_DEPARTMENT) as PartnerDepartment;
  if (!PARTNER_DEPARTMENTS.includes(department))
    throw new Error(`--department must be one of ${PARTNER_DEPARTMENTS.join(', ')}`);
  const since = arg('since');
  const fromSeq = arg('from-seq');
  const url = process.env.PEOPLE_CREDIT_URL;
  const client = await startPartnerClient({
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    department,
    durableName: arg('durable') ?? `partner_${department}`,
    user: process.env.NATS_USER,
    pass: process.env.NATS_PASSWORD,
    inboxPrefix: process.env.NATS_INBOX_PREFIX || undefined,
    startAt: fromSeq ? { sequence: Number(fromSeq) } : since ? { time: new Date(since) } : undefined,
    acknowledge:
      process.env.GATEWAY_URL && process.env.PARTNER_TOKEN
        ? graphAcknowledger(process.env.GATEWAY_URL, async () => ({
            authorization: `Bearer ${process.env.PARTNER_TOKEN}`,
          }))
        : url
          ? graphAcknowledger(
              url,
              devPartnerHeaders(
                department,
                process.env.INTERNAL_AUTH_SECRET ?? 'development-internal-secret-change-me-0000',
              ),
            )
          : undefined,
    onChange: (c, meta) => {
      process.stdout.write(
        `#${meta.sequence} ${c.changedAt} ${c.status.padEnd(10)} ${c.idNumberMasked} (${c.reason})\n`,
      );
    },
  });
  process.once('SIGINT', () => void client.stop());
  process.once('SIGTERM', () => void client.stop());
  if (process.argv.includes('--once')) setTimeout(() => void client.stop(), 2_000);
  await client.done;
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}
