import type { EventBus, EventEnvelope, EventType, StartAt, SubscribeOptions, Subscription } from '@zhiyuan/events';

/**
 * Wraps a shared NATS bus so this test's durable consumers get names of their own (and start at
 * new messages): parallel test files and other services' tests never compete for one consumer.
 */
export class UniqueConsumersBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    private readonly service: string,
    private readonly startAt: StartAt = 'new',
  ) {}
  get kind() {
    return this.inner.kind;
  }
  get stats() {
    return this.inner.stats;
  }
  /** The JetStream clients of the wrapped NATS bus (the partner-ack step reads consumer ack floors). */
  get clients(): unknown {
    return (this.inner as { clients?: unknown }).clients;
  }
  start(): Promise<void> {
    return this.inner.start();
  }
  publish<T extends EventType>(subject: string, event: EventEnvelope<T>): Promise<void> {
    return this.inner.publish(subject, event);
  }
  subscribe(options: SubscribeOptions): Promise<Subscription> {
    return this.inner.subscribe({ ...options, service: this.service, startAt: this.startAt });
  }
  provisionDurable(durable: string, subject: string): Promise<void> {
    return this.inner.provisionDurable(durable, subject);
  }

  publishRaw(subject: string, data: string, msgId?: string): Promise<void> {
    return this.inner.publishRaw(subject, data, msgId);
  }
  healthy(): Promise<boolean> {
    return this.inner.healthy();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
