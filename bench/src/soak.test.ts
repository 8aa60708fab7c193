import { flatness, referenceSecondsFor, soakVerdict, type MemorySample } from './backlog/flatness';

const MB = 1e6;
const series = (values: Record<string, number[]>, every = 10): MemorySample[] => {
  const n = Math.max(...Object.values(values).map((v) => v.length));
  return Array.from({ length: n }, (_, i) => ({
    tSec: i * every,
    rssBytes: Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v[i] !== undefined)
        .map(([k, v]) => [k, v[i]! * MB]),
    ),
  }));
};

describe('the soak memory check', () => {
  it('is flat when every process ends within the tolerance of its reference value', () => {
    // Reference at 20 s (the third sample): 200 and 100 MB; ends 229 (+14.5 %) and 86 (−14 %).
    const r = flatness(series({ gateway: [150, 180, 200, 210, 229], cases: [90, 95, 100, 90, 86] }), 20);
    expect(r.flat).toBe(true);
    const gw = r.processes.find((p) => p.process === 'gateway')!;
    expect(gw).toMatchObject({ referenceSec: 20, referenceMb: 200, endSec: 40, endMb: 229, peakMb: 229, ok: true });
    expect(gw.change).toBeCloseTo(0.145);
  });

  it('is not flat when one process grows or shrinks beyond the tolerance', () => {
    const grows = flatness(series({ gateway: [150, 200, 200, 231], cases: [100, 100, 100, 100] }), 10);
    expect(grows.flat).toBe(false);
    expect(grows.processes.filter((p) => !p.ok).map((p) => p.process)).toEqual(['gateway']);
    const shrinks = flatness(series({ metrics: [100, 100, 84] }), 10);
    expect(shrinks.flat).toBe(false);
  });

  it('ignores the warm-up before the reference time', () => {
    // Memory doubles while warming up, then holds.
    expect(flatness(series({ gateway: [50, 100, 200, 200, 205] }), 20).flat).toBe(true);
  });

  it('takes the first sample at or after the reference time, whatever the order given', () => {
    const s = series({ gateway: [100, 110, 120, 130] }).reverse();
    const [p] = flatness(s, 15).processes;
    expect(p).toMatchObject({ referenceSec: 20, referenceMb: 120, endSec: 30, endMb: 130 });
  });

  it('cannot judge a run that ends before the reference time, or a process seen only then', () => {
    expect(flatness(series({ gateway: [100, 300] }), 60).flat).toBeUndefined();
    const r = flatness(series({ gateway: [100, 100, 100, 100], late: [0, 0, 0, 100] }), 10);
    expect(r.processes.find((p) => p.process === 'late')!.ok).toBeUndefined();
    expect(r.flat).toBe(true);
  });

  it('fails the soak on any error, and is undecided without a memory verdict', () => {
    expect(soakVerdict(true, 0)).toBe(true);
    expect(soakVerdict(true, 1)).toBe(false);
    expect(soakVerdict(false, 0)).toBe(false);
    expect(soakVerdict(undefined, 0)).toBeUndefined();
    expect(soakVerdict(undefined, 2)).toBe(false);
  });

  it('takes the reference 5 minutes into a 30-minute soak, a sixth into a shorter one', () => {
    expect(referenceSecondsFor(1800)).toBe(300);
    expect(referenceSecondsFor(3600)).toBe(300);
    expect(referenceSecondsFor(180)).toBe(30);
  });
});
