import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Dataset, JudgmentRow, PartyRow } from './dataset';

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

export const JUDGMENT_CSV_COLUMNS = [
  'caseNumber', 'court', 'causeCode', 'effectiveDate', 'performanceDeadline', 'obligorIdNumber', 'obligorName', 'obligeeIdNumber', 'obligeeName',
  'principalFen', 'interestFen', 'costsFen',
] as const;

/** One judgment as a CSV row of the court's export (parties named by ID number, not by internal id). */
export function judgmentCsvRow(j: JudgmentRow, obligor: PartyRow, obligee: PartyRow): string {
  return [j.caseNumber, j.court, j.causeCode, j.effectiveDate, j.performanceDeadline, obligor.idNumber, obligor.name, obligee.idNumber, obligee.name, j.principalFen, j.interestFen, j.costsFen]
    .map(csvCell)
    .join(',');
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
  const j = createWriteStream(files.judgments);
  const csv = createWriteStream(files.judgmentsCsv);
  await writeLine(csv, JUDGMENT_CSV_COLUMNS.join(','));
  for (const row of ds.judgments(0, Math.min(limit?.judgments ?? Infinity, ds.totalJudgments))) {
    await writeLine(j, JSON.stringify(row));
    await writeLine(csv, judgmentCsvRow(row, ds.party(row.obligorIndex), ds.party(row.obligeeIndex)));
    rows.judgments++;
  }
  await close(j);
  await close(csv);
  return { ...files, rows };
}
