/**
 * The soak's memory verdict (tested in bench/src/soak.test.ts): each process's resident memory at the
 * end of the run against its value at the reference time (5 minutes into a 30-minute soak), within a
 * tolerance (±15 %).
 */

export interface MemorySample {
  /** Seconds since the soak started. */
  tSec: number;
  /** Resident bytes by process (or group of processes). */
  rssBytes: Record<string, number>;
}

export interface ProcessFlatness {
  process: string;
  referenceSec: number | null;
  referenceMb: number | null;
  endSec: number | null;
  endMb: number | null;
  peakMb: number | null;
  /** end ÷ reference − 1. */
  change: number | null;
  /** undefined when there is no sample at or after the reference time before the end. */
  ok: boolean | undefined;
}

const mb = (b: number) => Math.round((b / 1e6) * 10) / 10;

/**
 * The reference sample of a process is its first at or after `referenceSec`; its end sample is its
 * last. A process judged needs both, and distinct. Flat when every process judged is within
 * `tolerance`; undefined when none could be judged (a run shorter than the reference time).
 */
export function flatness(
  samples: MemorySample[],
  referenceSec: number,
  tolerance = 0.15,
): { flat: boolean | undefined; processes: ProcessFlatness[] } {
  const sorted = [...samples].sort((a, b) => a.tSec - b.tSec);
  const names = [...new Set(sorted.flatMap((s) => Object.keys(s.rssBytes)))].sort();
  const processes = names.map((name): ProcessFlatness => {
    const own = sorted.filter((s) => s.rssBytes[name] !== undefined && s.rssBytes[name]! > 0);
    const ref = own.find((s) => s.tSec >= referenceSec);
    const end = own[own.length - 1];
    const peak = own.length ? Math.max(...own.map((s) => s.rssBytes[name]!)) : null;
    if (!ref || !end || end === ref)
      return {
        process: name,
        referenceSec: ref?.tSec ?? null,
        referenceMb: ref ? mb(ref.rssBytes[name]!) : null,
        endSec: end?.tSec ?? null,
        endMb: end ? mb(end.rssBytes[name]!) : null,
        peakMb: peak === null ? null : mb(peak),
        change: null,
        ok: undefined,
      };
    const change = end.rssBytes[name]! / ref.rssBytes[name]! - 1;
    return {
      process: name,
      referenceSec: ref.tSec,
      referenceMb: mb(ref.rssBytes[name]!),
      endSec: end.tSec,
      endMb: mb(end.rssBytes[name]!),
      peakMb: mb(peak!),
      change,
      ok: Math.abs(change) <= tolerance,
    };
  });
  const judged = processes.filter((p) => p.ok !== undefined);
  return { flat: judged.length ? judged.every((p) => p.ok) : undefined, processes };
}

/** The soak's target: memory flat and not one error (requests and writes together). */
export function soakVerdict(flat: boolean | undefined, errors: number): boolean | undefined {
  if (errors > 0) return false;
  return flat;
}

/** The reference time of a soak of `durationSeconds`: 5 minutes into the 30, the same share of a shorter run. */
export function referenceSecondsFor(durationSeconds: number): number {
  return Math.min(300, durationSeconds / 6);
}
