import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import type { Dataset } from '../generator';
import { writeDataset, writeJudgmentsCsv, generatorIds } from '../generator';
import type { RunOptions } from '../run';

export interface GenerateResults {
  scale: string;
  rows: { divisions: number; parties: number; judgments: number };
  seconds: number;
  judgmentsPerSecond: number;
  peakRssMb: number;
  files: string;
}

/** Streams the dataset to disk and reports its speed and peak memory (flat: rows are never held). */
export async function generateScenario(ds: Dataset, opts: RunOptions): Promise<GenerateResults> {
  const dir = path.join(os.tmpdir(), `zy-bench-data-${ds.scale}-${ds.seed}`);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = Date.now();
  let rows: GenerateResults['rows'];
  try {
    if (ds.scale === 'county') {
      rows = (await writeDataset(ds, dir)).rows;
    } else {
      // The province: the judgments as an import file (about 130 MB), not the NDJSON of every party.
      const judgments = await writeJudgmentsCsv(ds, path.join(dir, 'judgments.csv'), generatorIds(ds));
      rows = { divisions: [...ds.divisions()].length, parties: 0, judgments };
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (Date.now() - t0) / 1000;
  opts.log(`generate: ${rows.judgments} judgments in ${seconds.toFixed(1)} s, peak RSS ${Math.round(peak / 1e6)} MB`);
  if (ds.scale === 'province') rmSync(dir, { recursive: true, force: true });
  return {
    scale: ds.scale,
    rows,
    seconds,
    judgmentsPerSecond: rows.judgments / seconds,
    peakRssMb: Math.round(peak / 1e6),
    files: dir,
  };
}
