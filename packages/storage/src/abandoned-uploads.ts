import type { ObjectStorage } from './storage';

/** What the sweep needs of a transaction: statements with parameters (TypeORM's EntityManager is one). */
export interface SweepRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Uploads asked for and never completed: a PENDING row of `table` (a schema-qualified table with the
 * attachment columns `id`, `status`, `storage_key` and `requested_at`) requested longer ago than the
 * upload link's life plus a grace can no longer become STORED, so it is removed, and the object under its
 * key with it (an upload the gateway stored but could not confirm; usually there is none, which is no
 * error). Rows are claimed with SKIP LOCKED (a confirmation holding the row is left to the next run) and
 * deleted only while still PENDING; the object is deleted before the row, so a failing storage leaves
 * the row for the next run. Running it twice, or on two replicas, removes nothing twice. Returns how
 * many uploads it removed.
 */
export async function sweepAbandonedUploads(
  transaction: (work: (runner: SweepRunner) => Promise<number>) => Promise<number>,
  storage: ObjectStorage,
  table: string,
  now: Date,
  opts: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  if (!/^[a-z_]+\.[a-z_]+$/.test(table)) throw new Error(`not a schema-qualified table: ${table}`);
  const batchSize = opts.batchSize ?? 200;
  const before = new Date(now.getTime() - opts.olderThanMs);
  let total = 0;
  for (;;) {
    const n = await transaction(async (q) => {
      const batch = (await q.query(
        `SELECT id, storage_key FROM ${table} WHERE status = 'PENDING' AND requested_at < $1
          ORDER BY requested_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [before, batchSize],
      )) as { id: string; storage_key: string }[];
      for (const a of batch) await storage.delete(a.storage_key);
      if (batch.length)
        await q.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`, [
          batch.map((a) => a.id),
        ]);
      return batch.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}
