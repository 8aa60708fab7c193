import { connect, type NatsConnection } from 'nats';
import type { Logger } from '@zhiyuan/config';
import { INVALIDATION_SUBJECTS } from './response-cache';

/** The part of the product's event bus the gateway listens on (the in-process bus of `npm start`). */
export interface EventSource {
  subscribe(opts: {
    service: string;
    subject: string;
    startAt?: 'new';
    handler: (event: unknown, info: { subject: string }) => Promise<void>;
  }): Promise<{ stop(): Promise<void> }>;
}

export interface Invalidation {
  stop(): Promise<void>;
}

/**
 * Calls `on.event` with the subject of every domain event. Over NATS this is a core subscription: the
 * gateway sees each message JetStream stores as it is published, holds no consumer state and never
 * acknowledges, so nothing is replayed to it and it slows no one. On the in-process bus it is a
 * consumer starting at new messages. `on.gap`: events may have been missed (a reconnect).
 */
export async function listenForChanges(
  source: { natsUrl?: string; user?: string; pass?: string; bus?: EventSource },
  on: { event: (subject: string) => void; gap: () => void },
  log: Logger,
): Promise<Invalidation | undefined> {
  if (source.bus) {
    const service = `gateway-cache-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const subs = await Promise.all(
      INVALIDATION_SUBJECTS.map((subject) =>
        source.bus!.subscribe({
          service,
          subject,
          startAt: 'new',
          handler: async (_e, info) => on.event(info.subject),
        }),
      ),
    );
    return { stop: async () => void (await Promise.all(subs.map((s) => s.stop()))) };
  }
  if (!source.natsUrl) return undefined;
  const nc: NatsConnection = await connect({
    // NATS_URL may list the nodes of a cluster, comma-separated.
    servers: source.natsUrl.split(','),
    name: `gateway-cache-${process.pid}`,
    user: source.user,
    pass: source.pass,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  for (const subject of INVALIDATION_SUBJECTS) {
    nc.subscribe(subject, {
      callback: (err, msg) =>
        err ? log.warn({ err: String(err) }, 'response cache subscription error') : on.event(msg.subject),
    });
  }
  // Events published while the connection was down were not seen: everything cached may be stale.
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'reconnect' || s.type === 'disconnect') on.gap();
    }
  })().catch(() => undefined);
  return { stop: () => nc.drain().catch(() => undefined) };
}
