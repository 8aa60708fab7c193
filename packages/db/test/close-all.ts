import type { EventBus } from '@zhiyuan/events';
import type { TestDatabase } from '@zhiyuan/testing';
import type { Messaging } from '../src';

/** Stops the toy services of a test, then their data sources, the bus and the database: whichever were started. */
export async function closeAll(services: (Messaging | undefined)[], bus?: EventBus, db?: TestDatabase): Promise<void> {
  for (const m of services) await m?.stop();
  for (const m of services) await m?.ds.destroy();
  await bus?.close();
  await db?.drop();
}
