import 'reflect-metadata';
import path from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger, exitOnConfigError } from '@zhiyuan/config';
import { Messaging, createDataSource, initializeDataSource } from '@zhiyuan/db';
import { InProcessEventBus } from '@zhiyuan/events';
import { DomainError, courtDate, errors, isValidDate } from '@zhiyuan/kernel';
import { loadPeopleCreditConfig } from '../config';
import { DB_SCHEMA, SERVICE_NAME } from '../create-service';
import { requireScope, SCOPE_LENGTHS } from '../domain/division-list';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { DATASET_EDITION, readDataset, readListFile, readMappingFile } from './dataset';
import { importDivisions } from './import';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** The scope flag given (at most one of --province, --prefecture, --county), as a code prefix. */
export function scopeOf(values: Partial<Record<keyof typeof SCOPE_LENGTHS, string>>): string | null {
  const given = (Object.keys(SCOPE_LENGTHS) as (keyof typeof SCOPE_LENGTHS)[]).filter((k) => values[k] !== undefined);
  if (given.length > 1) throw errors.validation('scope', 'Give at most one of --province, --prefecture, --county');
  return given.length === 1 ? requireScope(given[0]!, values[given[0]!]!) : null;
}

/**
 * `npm run divisions:import -w @zhiyuan/people-credit -- [--province 33 | --prefecture 3305 | --county 330522]
 * [--file <official list.csv>] [--mapping <old,new.csv>] [--effective YYYY-MM-DD]`: applies migrations
 * and loads the national division list (the bundled dataset, or the given file) into people.division.
 * Events it causes (moved parties and staff) stay in the outbox until the service's relay runs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      province: { type: 'string' },
      prefecture: { type: 'string' },
      county: { type: 'string' },
      file: { type: 'string' },
      mapping: { type: 'string' },
      effective: { type: 'string' },
    },
  });
  const scope = scopeOf(values);
  const effectiveOn = values.effective ?? courtDate(new Date());
  if (!isValidDate(effectiveOn)) throw errors.validation('effective', '--effective takes a date YYYY-MM-DD');
  const config = loadPeopleCreditConfig();
  const logger = createLogger(`${SERVICE_NAME}-divisions`, config.LOG_LEVEL);
  const list = values.file ? await readListFile(path.resolve(values.file), scope) : await readDataset(scope);
  const mapping = values.mapping ? await readMappingFile(path.resolve(values.mapping)) : [];
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema: DB_SCHEMA,
    entities,
    migrations,
    poolSize: 2,
    applicationName: 'zhiyuan-people-credit-divisions',
  });
  await initializeDataSource(ds, DB_SCHEMA);
  const bus = new InProcessEventBus(logger);
  try {
    const summary = await importDivisions(
      { messaging: new Messaging(ds, DB_SCHEMA, SERVICE_NAME, bus, logger), logger },
      list,
      {
        scope,
        mapping,
        effectiveOn,
        actor: `divisions:${osUser()}`,
        source: values.file ? path.basename(values.file) : DATASET_EDITION,
      },
    );
    process.stdout.write(`${JSON.stringify({ scope, entries: list.size, ...summary })}\n`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module)
  main().catch((err: unknown) => {
    // A refused list or flag is the operator's to fix: its message, not a stack trace.
    if (err instanceof DomainError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    exitOnConfigError(err);
  });
