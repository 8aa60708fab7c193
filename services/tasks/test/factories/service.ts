import { type EventBus, type EventEnvelope, type SubscribeOptions, InProcessEventBus } from '@zhiyuan/events';
import { createTestDatabase, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { createService, loadTasksConfig, type SmsProvider, type SmsMessage } from '../../src';
import { handlers } from '../../src/events';

export interface Harness {
  db: TestDatabase;
  bus: EventBus;
  service: ReturnType<typeof createService>;
  stop(): Promise<void>;
}

/** A tasks service on a fresh database, schedulers off (tests drive them with their own clock). */
export async function startTasks(
  opts: {
    bus?: EventBus;
    smsProvider?: SmsProvider;
    onQuery?: (sql: string) => void;
    env?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const db = await createTestDatabase('zy_tasks');
  const bus = opts.bus ?? new InProcessEventBus(silentLogger);
  const service = createService(
    loadTasksConfig({ DATABASE_URL: db.url, PORT: '0', TASK_SCHEDULERS_ENABLED: 'false', ...opts.env }),
    {
      bus,
      logger: silentLogger,
      smsProvider: opts.smsProvider,
      onQuery: opts.onQuery,
    },
  );
  await service.start();
  return {
    db,
    bus,
    service,
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}

/**
 * Over a shared NATS server every test run would otherwise share the durable consumers
 * `tasks__<rule>`; this bus names them for one test run and starts them at new messages.
 */
export function isolatedBus(bus: EventBus, service: string): EventBus {
  return new Proxy(bus, {
    get(target, prop, receiver) {
      if (prop === 'subscribe') return (o: SubscribeOptions) => target.subscribe({ ...o, service, startAt: 'new' });
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Runs an event through a handler's inbox as a delivery would. */
export async function deliver(h: Harness, event: EventEnvelope<any>): Promise<boolean> {
  const def = handlers.find((d) => subjectMatch(d.subject, event.type));
  if (!def) throw new Error(`no handler for ${event.type}`);
  return h.service.runtime.messaging.handleOnce(`tasks__${def.name}`, event, def.handle);
}

function subjectMatch(pattern: string, subject: string): boolean {
  return (
    pattern === subject ||
    (pattern.endsWith('.*') &&
      subject.startsWith(pattern.slice(0, -1)) &&
      subject.split('.').length === pattern.split('.').length)
  );
}

/** An SMS provider that records what it was asked to send and fails while `failing` is set. */
export class RecordingSmsProvider implements SmsProvider {
  readonly name = 'recording';
  readonly calls: SmsMessage[] = [];
  failing = false;
  async send(message: SmsMessage) {
    this.calls.push(message);
    if (this.failing) throw new Error('gateway unavailable');
    return { providerMessageId: `rec-${this.calls.length}` };
  }
}
