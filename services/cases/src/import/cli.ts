import path from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger, exitOnConfigError } from '@zhiyuan/config';
import { createDataSource, initializeDataSource } from '@zhiyuan/db';
import { loadCasesConfig, settingsFrom } from '../config';
import { DB_SCHEMA } from '../create-service';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { importJudgmentsFile, type ImportProgress } from './importer';

const USAGE = `usage: npm run import:judgments -- FILE [--format csv|ndjson] [--rejects PATH] [--batch-size N] [--concurrency N] [--urging AUTO|MANUAL|OFF]

CSV columns: caseNumber,court,causeCode,judgeId,effectiveDate,performanceDeadline,obligorIds,obligeeIds,principalFen,interestFen,costsFen
(id lists separated by ';', amounts in integer fen). NDJSON: one object per line with the same keys (lists as arrays).`;

/** Who runs the command, for its audit entry (a container user without a passwd entry has no name). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** The bulk import command: events go to the outbox; the running cases service publishes them. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      rejects: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      urging: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 64);
  }
  const format = values.format as 'csv' | 'ndjson' | undefined;
  if (format && format !== 'csv' && format !== 'ndjson') throw new Error(`--format must be csv or ndjson`);
  const urging = values.urging?.toUpperCase() as 'AUTO' | 'MANUAL' | 'OFF' | undefined;
  if (urging && !['AUTO', 'MANUAL', 'OFF'].includes(urging)) throw new Error('--urging must be AUTO, MANUAL or OFF');
  const config = loadCasesConfig();
  const concurrency = values.concurrency ? Number(values.concurrency) : config.CASES_IMPORT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new Error('--concurrency must be between 1 and 16');
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000))
    throw new Error('--batch-size must be between 1 and 20000');
  const logger = createLogger('cases-import', config.LOG_LEVEL);
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema: DB_SCHEMA,
    entities,
    migrations,
    poolSize: concurrency + 1,
    applicationName: 'zhiyuan-cases-import',
  });
  await initializeDataSource(ds, DB_SCHEMA);
  const file = path.resolve(positionals[0]!);
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  const draw = (p: ImportProgress, final = false) => {
    if (!final && Date.now() - lastDraw < 250) return;
    lastDraw = Date.now();
    const rate = Math.round((p.rows / Math.max(1, p.elapsedMs)) * 1000);
    const line = `rows ${p.rows}  imported ${p.imported}  skipped ${p.skipped}  rejected ${p.rejected}  ${rate} rows/s`;
    process.stderr.write(tty ? `\r${line}\x1b[K${final ? '\n' : ''}` : `${line}\n`);
  };
  try {
    const s = await importJudgmentsFile(ds, settingsFrom(config), file, {
      format,
      rejectsPath: values.rejects,
      batchSize,
      urgingMode: urging,
      concurrency,
      // The audit entries (and the timeline) name who ran the import.
      actor: `import:${osUser()}`,
      onProgress: (p) => draw(p),
    });
    draw(s, true);
    process.stdout.write(
      `${JSON.stringify({ file, sha256: s.sha256, rows: s.rows, imported: s.imported, skipped: s.skipped, rejected: s.rejected, seconds: s.elapsedMs / 1000, rowsPerSecond: s.rowsPerSecond, rejects: s.rejectsPath }, null, 2)}\n`,
    );
    logger.info({ imported: s.imported, skipped: s.skipped, rejected: s.rejected }, 'judgment import finished');
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  exitOnConfigError(err);
});
