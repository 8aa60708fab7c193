import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Dataset, JudgmentRow } from './dataset';

/** Writes one line, waiting for the stream to drain so memory stays flat whatever the row count. */
export async function writeLine(out: WriteStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The columns of the cases import command (`npm run import:judgments -- FILE`). */
export const JUDGMENT_CSV_COLUMNS = [
  'caseNumber',
  'court',
  'causeCode',
  'judgeId',
  'effectiveDate',
  'performanceDeadline',
  'obligorIds',
  'obligeeIds',
  'principalFen',
  'interestFen',
  'costsFen',
] as const;

export interface IdResolver {
  /** The product's id of party i; by default the generator's own stable key. */
  party(index: number): string;
  /** The product's id of judge i, or null. */
  judge(index: number): string | null;
}

/** One judgment as a CSV row of the import command. */
export function judgmentCsvRow(j: JudgmentRow, ids: IdResolver): string {
  return [
    j.caseNumber,
    j.court,
    j.causeCode,
    ids.judge(j.judgeIndex),
    j.effectiveDate,
    j.performanceDeadline,
    ids.party(j.obligorIndex),
    ids.party(j.obligeeIndex),
    j.principalFen,
    j.interestFen,
    j.costsFen,
  ]
    .map(csvCell)
    .join(',');
}

/** Ids by the generator's keys (for imports measured without registered parties). */
export function generatorIds(ds: Dataset): IdResolver {
  return { party: (i) => ds.party(i).key, judge: () => null };
}

/** Streams judgments [from, to) as an import CSV. */
export async function writeJudgmentsCsv(
  ds: Dataset,
  file: string,
  ids: IdResolver,
  from = 0,
  to = ds.totalJudgments,
): Promise<number> {
  mkdirSync(path.dirname(file), { recursive: true });
  const csv = createWriteStream(file);
  await writeLine(csv, JUDGMENT_CSV_COLUMNS.join(','));
  let n = 0;
  for (const row of ds.judgments(from, to)) {
    await writeLine(csv, judgmentCsvRow(row, ids));
    n++;
  }
  await close(csv);
  return n;
}

export interface WrittenFiles {
  divisions: string;
  parties: string;
  judgments: string;
  judgmentsCsv: string;
  rows: { divisions: number; parties: number; judgments: number };
}

/** Streams the whole dataset to NDJSON files (and the judgments also as CSV) under dir. */
export async function writeDataset(ds: Dataset, dir: string, limit?: { judgments?: number }): Promise<WrittenFiles> {
  mkdirSync(dir, { recursive: true });
  const files = {
    divisions: path.join(dir, 'divisions.ndjson'),
    parties: path.join(dir, 'parties.ndjson'),
    judgments: path.join(dir, 'judgments.ndjson'),
    judgmentsCsv: path.join(dir, 'judgments.csv'),
  };
  const rows = { divisions: 0, parties: 0, judgments: 0 };
  const d = createWriteStream(files.divisions);
  for (const row of ds.divisions()) {
    await writeLine(d, JSON.stringify(row));
    rows.divisions++;
  }
  await close(d);
  const p = createWriteStream(files.parties);
  for (const row of ds.parties()) {
    await writeLine(p, JSON.stringify(row));
    rows.parties++;
  }
  await close(p);
  const ids = generatorIds(ds);
  const j = createWriteStream(files.judgments);
  const csv = createWriteStream(files.judgmentsCsv);
  await writeLine(csv, JUDGMENT_CSV_COLUMNS.join(','));
  for (const row of ds.judgments(0, Math.min(limit?.judgments ?? Infinity, ds.totalJudgments))) {
    await writeLine(j, JSON.stringify(row));
    await writeLine(csv, judgmentCsvRow(row, ids));
    rows.judgments++;
  }
  await close(j);
  await close(csv);
  return { ...files, rows };
}
