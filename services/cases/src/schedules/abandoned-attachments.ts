import type { Messaging } from '@zhiyuan/db';
import type { Logger } from '@zhiyuan/config';
import { sweepAbandonedUploads, type ObjectStorage } from '@zhiyuan/storage';

/** Settlement uploads never completed, removed with their objects (sweepAbandonedUploads). */
export function sweepAbandonedAttachments(
  messaging: Messaging,
  storage: ObjectStorage,
  now: Date,
  opts: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  return sweepAbandonedUploads(
    (work) => messaging.transaction((m) => work(m)),
    storage,
    'cases.settlement_attachment',
    now,
    opts,
  );
}

/** Runs the sweep of abandoned uploads on an interval; returns the stop hook, which waits for a run in flight. */
export function scheduleAbandonedAttachmentSweep(
  messaging: Messaging,
  storage: ObjectStorage,
  opts: { intervalMs: number; olderThanMs: number },
  logger: Logger,
  clock: () => Date = () => new Date(),
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweepAbandonedAttachments(messaging, storage, clock(), opts)
      .then((removed) => {
        if (removed) logger.info({ removed }, 'abandoned attachment uploads removed');
      })
      .catch((err) => logger.warn({ err: String(err) }, 'abandoned attachment sweep failed; will run again'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
