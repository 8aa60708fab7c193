import { sqlRows } from '@zhiyuan/db';
import { metrics } from '@zhiyuan/telemetry';
import type { ServiceRuntime } from '@zhiyuan/server';

/** The SMS ledger's queued messages, read at each scrape of /metrics (zhiyuan_sms_queue_depth). */
export async function observeSmsQueue(runtime: ServiceRuntime): Promise<void> {
  if (!runtime.ds.isInitialized) return;
  const [row] = await sqlRows<{ queued: number }>(
    runtime.ds.manager,
    `SELECT count(*)::int AS queued FROM tasks.notification WHERE status = 'QUEUED'`,
  );
  metrics.smsQueueDepth.set(row?.queued ?? 0);
}
