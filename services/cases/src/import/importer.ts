import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeOutboxBatch } from '@zhiyuan/db';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import type { CaseSettings } from '../config';
import { validateJudgment } from '../domain/judgment-input';
import { JudgmentCopyBatch, importAuditEvent, writeJudgmentBatch } from './copy-batch';
import { readCsvRecords } from './csv';

export interface ImportOptions {
  /** csv or ndjson; guessed from the file name when absent. */
  format?: 'csv' | 'ndjson';
  /** Where the reject report (row, field, reason) goes; default FILE.rejects.csv. */
  rejectsPath?: string;
  batchSize?: number;
  /** Batches written at the same time (each its own transaction and connection). */
  concurrency?: number;
  urgingMode?: CaseSettings['urgingMode'];
  actor?: string;
  /** Called after every batch (the command draws its progress line from it). */
  onProgress?: (p: ImportProgress) => void;
  now?: () => Date;
}

export interface ImportProgress {
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
  rejectsPath: string;
  rowsPerSecond: number;
  /** SHA-256 of the file, as its audit entries name it. */
  sha256: string;
}

/** The file's SHA-256, read once before the import: every audit entry names exactly what was read. */
async function digestOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const LIST_SEPARATOR = /[;|]/;

/** CSV cells are text: ids lists are `;`-separated, amounts are integers in fen, empty means absent. */
function fromCsv(rec: Record<string, string>): Record<string, unknown> {
  const text = (k: string) => (rec[k] === undefined || rec[k].trim() === '' ? undefined : rec[k].trim());
  const int = (k: string) => {
    const v = text(k);
    return v === undefined ? undefined : /^-?\d+$/.test(v) ? Number(v) : v;
  };
  const list = (k: string) =>
    (text(k) ?? '')
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    caseNumber: text('caseNumber') ?? '',
    court: text('court') ?? '',
    causeCode: text('causeCode') ?? '',
    judgeId: text('judgeId') ?? null,
    effectiveDate: text('effectiveDate') ?? '',
    performanceDeadline: text('performanceDeadline') ?? null,
    obligorIds: list('obligorIds'),
    obligeeIds: list('obligeeIds'),
    principalFen: int('principalFen'),
    interestFen: int('interestFen'),
    costsFen: int('costsFen'),
  };
}

async function* records(
  path: string,
  format: 'csv' | 'ndjson',
): AsyncGenerator<{ row: number; value: unknown } | { row: number; error: string }> {
  if (format === 'csv') {
    for await (const rec of readCsvRecords(createReadStream(path, { highWaterMark: 256 * 1024 }))) {
      yield 'error' in rec ? rec : { row: rec.row, value: fromCsv(rec.cells) };
    }
    return;
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let row = 0;
  for await (const line of lines) {
    row++;
    if (line.trim() === '') continue;
    try {
      yield { row, value: JSON.parse(line) };
    } catch {
      yield { row, error: 'not valid JSON' };
    }
  }
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeLine(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Streams a CSV or NDJSON file of effective judgments into the database: every row is validated
 * (bad rows go to the reject report with row, field and reason, and the import goes on), valid rows
 * are taken in by batches, each batch one transaction with its outbox events, and a case number
 * already taken in is skipped, so running the same file twice imports nothing twice. Memory stays
 * bounded by one batch whatever the file size.
 */
export async function importJudgmentsFile(
  ds: DataSource,
  settings: CaseSettings,
  path: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const format = opts.format ?? (/\.(nd)?jsonl?$/i.test(path) ? 'ndjson' : 'csv');
  const rejectsPath = opts.rejectsPath ?? `${path}.rejects.csv`;
  const batchSize = opts.batchSize ?? settings.importBatchSize;
  const now = opts.now ?? (() => new Date());
  const actor = opts.actor ?? 'import';
  const started = Date.now();
  const out = createWriteStream(rejectsPath, 'utf8');
  await writeLine(out, 'row,field,reason\n');
  const p: ImportProgress = { rows: 0, imported: 0, skipped: 0, rejected: 0, elapsedMs: 0 };
  const batch = new JudgmentCopyBatch();
  let seen = new Set<string>();
  const urgingMode = opts.urgingMode ?? settings.urgingMode;
  const audit = { file: basename(path), sha256: await digestOf(path), format };
  let batches = 0;

  // Up to `concurrency` batches are written (each in its own transaction, on its own connection) while
  // the next is read and validated: the database and the parser work at the same time, and memory stays
  // bounded by concurrency + 1 batches.
  const concurrency = Math.max(1, opts.concurrency ?? settings.importConcurrency);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const write = async (rows: { text: Buffer; rows: number }) => {
    const imported = await writeJudgmentBatch(ds, rows, {
      urgingMode,
      urgingDays: settings.urgingDays,
      actor,
      now: now(),
      audit: { ...audit, batch: ++batches },
    });
    p.imported += imported;
    p.skipped += rows.rows - imported;
    p.elapsedMs = Date.now() - started;
    opts.onProgress?.({ ...p });
  };
  const flush = async () => {
    if (batch.size > 0) {
      const rows = batch.take();
      seen = new Set();
      const w: Promise<void> = write(rows)
        .catch((err) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(w));
      inFlight.add(w);
    }
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };

  try {
    for await (const rec of records(path, format)) {
      p.rows++;
      if ('error' in rec) {
        p.rejected++;
        await writeLine(out, `${rec.row},row,${csvCell(rec.error)}\n`);
        continue;
      }
      const v = validateJudgment(rec.value);
      if (!v.ok) {
        p.rejected++;
        for (const i of v.issues) await writeLine(out, `${rec.row},${csvCell(i.field)},${csvCell(i.reason)}\n`);
        continue;
      }
      // A number repeated within one batch is skipped here; across batches the database skips it.
      if (seen.has(v.value.caseNumber)) {
        p.skipped++;
        continue;
      }
      seen.add(v.value.caseNumber);
      batch.add(v.value);
      if (batch.size >= batchSize) await flush();
    }
    await flush();
    await drain();
  } finally {
    await Promise.all(inFlight);
    out.end();
    await once(out, 'finish').catch(() => undefined);
  }
  p.elapsedMs = Date.now() - started;
  // The whole run in one entry more: the rows read and rejected are no batch's.
  await ds.transaction((m) =>
    writeOutboxBatch(m, 'cases', [
      importAuditEvent(
        actor,
        {
          ...audit,
          summary: true,
          batches,
          rows: p.rows,
          imported: p.imported,
          skipped: p.skipped,
          rejected: p.rejected,
        },
        now(),
      ),
    ]),
  );
  return {
    ...p,
    rejectsPath,
    sha256: audit.sha256,
    rowsPerSecond: Math.round((p.rows / Math.max(1, p.elapsedMs)) * 1000),
  };
}
