import { sqlExec, type Messaging } from '@zhiyuan/db';
import type { Logger } from '@zhiyuan/config';
import type { ObjectStorage } from '@zhiyuan/storage';
import { SettlementAttachmentEntity } from '../entities';

/**
 * Settlement uploads asked for and never completed: a PENDING row requested longer ago than the
 * upload link's life plus a grace can no longer become STORED, so it is removed, and the object under
 * its key with it (an upload the gateway stored but could not confirm; usually there is none, which is
 * no error). Rows are claimed with SKIP LOCKED (a confirmation holding the row is left to the next
 * run) and deleted only while still PENDING; the object goes first, so a failing storage leaves the
 * row for the next run. Running it twice, or on two replicas, removes nothing twice.
 */
export async function sweepAbandonedAttachments(
  messaging: Messaging,
  storage: ObjectStorage,
  now: Date,
  opts: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  const batchSize = opts.batchSize ?? 200;
  const before = new Date(now.getTime() - opts.olderThanMs);
  let total = 0;
  for (;;) {
    const n = await messaging.transaction(async (m) => {
      const batch = await m
        .getRepository(SettlementAttachmentEntity)
        .createQueryBuilder('a')
        .where(`a.status = 'PENDING'`)
        .andWhere('a.requested_at < :before', { before })
        .orderBy('a.requested_at')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const a of batch) await storage.delete(a.storageKey);
      if (batch.length)
        await sqlExec(m, `DELETE FROM cases.settlement_attachment WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`, [
          batch.map((a) => a.id),
        ]);
      return batch.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
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
