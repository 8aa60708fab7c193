export * from './contracts';
export * from './envelope';
export * from './bus';
export * from './streams';
export { InProcessEventBus } from './in-process-bus';
export { DEFAULT_HANDLER_CONCURRENCY, NatsEventBus, type NatsBusOptions } from './nats-bus';
export { deliver, type Verdict } from './dispatch';

import type { Logger } from '@zhiyuan/config';
import type { EventBus } from './bus';
import { InProcessEventBus } from './in-process-bus';
import { NatsEventBus } from './nats-bus';

/** JetStream when a URL is configured, otherwise the in-process bus. */
export function createEventBus(opts: {
  natsUrl?: string;
  name: string;
  user?: string;
  pass?: string;
  replicas?: number;
  duplicateWindowMs?: number;
  concurrency?: number;
  logger?: Logger;
}): EventBus {
  return opts.natsUrl
    ? new NatsEventBus({
        url: opts.natsUrl,
        name: opts.name,
        user: opts.user,
        pass: opts.pass,
        replicas: opts.replicas,
        duplicateWindowMs: opts.duplicateWindowMs,
        concurrency: opts.concurrency,
        logger: opts.logger,
      })
    : new InProcessEventBus(opts.logger);
}
