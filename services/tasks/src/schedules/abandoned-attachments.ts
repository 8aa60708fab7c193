import type { ServiceRuntime } from '@zhiyuan/server';
import type { ObjectStorage } from '@zhiyuan/storage';
import { sqlExec } from '@zhiyuan/db';
import { AttachmentEntity } from '../entities';

/**
 * Uploads asked for and never completed: a PENDING row requested longer ago than the upload link's
 * life plus a grace can no longer become STORED, so it is removed, and the object under its key with
 * it (an upload the gateway stored but could not confirm; usually there is none, which is no error).
 * Rows are claimed with SKIP LOCKED (a confirmation holding the row is left to the next run) and
 * deleted only while still PENDING; the object is deleted before the row, so a failing storage leaves
 * the row for the next run. Running it twice, or on two replicas, removes nothing twice.
 */
export async function sweepAbandonedAttachments(
  runtime: ServiceRuntime,
  storage: ObjectStorage,
  now: Date,
  opts: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  const batchSize = opts.batchSize ?? 200;
  const before = new Date(now.getTime() - opts.olderThanMs);
  let total = 0;
  for (;;) {
    const n = await runtime.messaging.transaction(async (m) => {
      const batch = await m
        .getRepository(AttachmentEntity)
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
        await sqlExec(m, `DELETE FROM tasks.attachment WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`, [
          batch.map((a) => a.id),
        ]);
      return batch.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}
