import { BatchQueue } from '../src';

const tick = () => new Promise((r) => setImmediate(r));

describe('BatchQueue', () => {
  it('hands over what arrived while a batch ran as the next batch, at most maxSize at a time', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstRunning = new Promise<void>((r) => (release = r));
    const q = new BatchQueue<number, string>(3, async (items) => {
      batches.push(items);
      if (batches.length === 1) await firstRunning;
      return items.map((i) => ({ ok: true as const, value: `done ${i}` }));
    });
    const first = q.push(1);
    await tick();
    // The first batch is running: these wait and go in batches of three.
    const rest = [2, 3, 4, 5, 6, 7, 8].map((i) => q.push(i));
    await tick();
    expect(batches).toEqual([[1]]);
    expect(q.pending).toBe(7);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `done ${i}`));
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it('settles each item as the batch says, and rejects every item of a batch that throws', async () => {
    const q = new BatchQueue<number, number>(10, async (items) => {
      if (items.includes(0)) throw new Error('no zeros');
      return items.map((i) =>
        i % 2 ? { ok: true as const, value: i * 10 } : { ok: false as const, error: new Error(`even ${i}`) },
      );
    });
    const [a, b] = await Promise.allSettled([q.push(1), q.push(2)]);
    expect(a).toEqual({ status: 'fulfilled', value: 10 });
    expect(b).toMatchObject({ status: 'rejected', reason: new Error('even 2') });
    const settled = await Promise.allSettled([q.push(0), q.push(3)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    // The queue goes on after a failed batch.
    expect(await q.push(5)).toBe(50);
  });
});
