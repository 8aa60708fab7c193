import type { EventEnvelope } from './envelope';
import type { EventType } from './contracts';

export interface DeliveryInfo {
  /** 1 on first delivery. */
  deliveryCount: number;
  subject: string;
  streamSequence: number;
}

export type EventHandler = (event: EventEnvelope, info: DeliveryInfo) => Promise<void>;

export type StartAt = { time: Date } | { sequence: number } | 'all' | 'new';

export interface SubscribeOptions {
  /** The consuming service; with the subject it names the durable consumer. */
  service: string;
  /** One subject (wildcards allowed) per durable consumer. */
  subject: string;
  /** Names the consumer after the rule it carries out, when one subject has several handlers. */
  name?: string;
  handler: EventHandler;
  /** Deliveries before a message is dead-lettered. */
  maxDeliver?: number;
  /** Where a new durable consumer starts; an existing one resumes where it stopped. */
  startAt?: StartAt;
  /** Time a handler has before the message is redelivered. */
  ackWaitMs?: number;
  /**
   * Messages of this consumer taken on at once, each on a different key (1: strictly one after
   * another); the events of one key are always handled one after another, in stream order. Defaults
   * to the bus's concurrency, which also caps the handlers running across all its consumers.
   */
  concurrency?: number;
}

export interface Subscription {
  readonly name: string;
  stop(): Promise<void>;
}

export interface DeadLetter {
  consumer: string;
  subject: string;
  reason: string;
  data: string;
}

export interface BusStats {
  published: number;
  handled: number;
  redelivered: number;
  deadLettered: number;
}

/**
 * The event bus contract. Two implementations honour it: JetStream (production, integration tests)
 * and in-process (embedded default, unit tests). Delivery is at least once; consumers make it
 * effectively once through the inbox.
 */
export interface EventBus {
  readonly kind: 'nats' | 'in-process';
  start(): Promise<void>;
  publish<T extends EventType>(subject: string, event: EventEnvelope<T>): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Creates a durable consumer for someone else to pull from (a partner department whose NATS user
   * may only read its own consumer); an existing one is left as it is.
   */
  provisionDurable(durable: string, subject: string): Promise<void>;
  /** Publishes raw bytes; used by tests and tools to simulate foreign producers. */
  publishRaw(subject: string, data: string, msgId?: string): Promise<void>;
  healthy(): Promise<boolean>;
  readonly stats: BusStats;
  close(): Promise<void>;
}

export const DEFAULT_MAX_DELIVER = 5;
export const DEFAULT_ACK_WAIT_MS = 30_000;

/** Backoff before a failed message is offered again: 100 ms, 200 ms, 400 ms … capped at 5 s. */
export function redeliveryDelay(deliveryCount: number): number {
  return Math.min(5_000, 100 * 2 ** Math.max(0, deliveryCount - 1));
}
