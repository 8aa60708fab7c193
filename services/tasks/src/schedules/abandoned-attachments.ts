import type { ServiceRuntime } from '@zhiyuan/server';
import { sweepAbandonedUploads, type ObjectStorage } from '@zhiyuan/storage';

/** Task, meeting, form and home-visit uploads never completed, removed with their objects (sweepAbandonedUploads). */
export function sweepAbandonedAttachments(
  runtime: ServiceRuntime,
  storage: ObjectStorage,
  now: Date,
  opts: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  return sweepAbandonedUploads(
    (work) => runtime.messaging.transaction((m) => work(m)),
    storage,
    'tasks.attachment',
    now,
    opts,
  );
}
