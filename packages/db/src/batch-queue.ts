/**
 * Collects the work that arrives while a batch is running and hands it over as the next batch
 * (group commit): one batch at a time, at most `maxSize` items each. Nothing waits for a batch to
 * fill; a lone item goes at once, and the batches grow only as fast as items arrive while the
 * previous one runs.
 */
export class BatchQueue<T, R> {
  private readonly queue: { item: T; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;

  constructor(
    private readonly maxSize: number,
    /** Settles every item of a batch: one result per item, in order, or an error per item. */
    private readonly runBatch: (items: T[]) => Promise<({ ok: true; value: R } | { ok: false; error: unknown })[]>,
  ) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // One turn of the event loop lets the other deliveries of the same burst join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxSize);
        let results: ({ ok: true; value: R } | { ok: false; error: unknown })[];
        try {
          results = await this.runBatch(batch.map((b) => b.item));
        } catch (error) {
          results = batch.map(() => ({ ok: false, error }));
        }
        batch.forEach((b, i) => {
          const r = results[i] ?? { ok: false, error: new Error('batch returned no result for this item') };
          if (r.ok) b.resolve(r.value);
          else b.reject(r.error);
        });
      }
    } finally {
      this.running = false;
    }
  }
}
