import os from 'node:os';
import path from 'node:path';
import { rmSync, statSync } from 'node:fs';
import { createTestDatabase } from '@zhiyuan/testing';
import { Dataset, writeJudgmentsCsv, generatorIds } from '../generator';
import { DEFAULT_DATABASE_URL } from '../harness/infra';
import { runImportCommand } from '../harness/load';
import type { RunOptions } from '../run';

export interface ImportRunResult {
  rows: number;
  fileMb: number;
  imported: number;
  rejected: number;
  seconds: number;
  judgmentsPerSecond: number;
  peakRssMb: number;
  exitCode: number | null;
  error?: string;
}

export interface ImportResults {
  command: string;
  runs: ImportRunResult[];
}

/**
 * The cases import command on generated files of 100,000 and 1,000,000 rows, each into a fresh
 * database: judgments per second and the peak resident memory of the command's process tree.
 */
export async function importScenario(_ds: Dataset, opts: RunOptions): Promise<ImportResults> {
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  // Row counts above one county come from the province dataset (same shape, more counties).
  const province = new Dataset('province', opts.seed);
  const runs: ImportRunResult[] = [];
  for (const rows of opts.importRows) {
    const file = path.join(os.tmpdir(), `zy-bench-import-${rows}.csv`);
    await writeJudgmentsCsv(province, file, generatorIds(province), 0, rows);
    const db = await createTestDatabase('zy_bench_import');
    try {
      opts.log(`import: ${rows} rows`);
      const r = await runImportCommand(file, db.url, ['--urging', 'OFF']);
      const s = r.summary;
      runs.push({
        rows,
        fileMb: Math.round(statSync(file).size / 1e5) / 10,
        imported: s?.imported ?? 0,
        rejected: s?.rejected ?? 0,
        seconds: s?.seconds ?? r.wallSeconds,
        judgmentsPerSecond: s ? s.rows / s.seconds : 0,
        peakRssMb: Math.round(r.peakRssBytes / 1e6),
        exitCode: r.exitCode,
        error: r.exitCode === 0 ? undefined : r.stderrTail,
      });
      opts.log(
        `  ${Math.round(runs[runs.length - 1]!.judgmentsPerSecond)} judgments/s, peak ${runs[runs.length - 1]!.peakRssMb} MB`,
      );
    } finally {
      await db.drop();
      rmSync(file, { force: true });
      rmSync(`${file}.rejects.csv`, { force: true });
    }
  }
  return {
    command:
      'npm run import:judgments -- FILE --urging OFF (history import; parties unknown to cases, so routing waits for their events)',
    runs,
  };
}
