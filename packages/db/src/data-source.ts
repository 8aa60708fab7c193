import 'reflect-metadata';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The PostgreSQL schema this service owns; no other service reads it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize: number;
  applicationName: string;
  /**
   * Called with every SQL statement; tests use it to count statements. `connection` is the query
   * runner that ran it (the same object for every statement of one transaction).
   */
  onQuery?: (sql: string, connection?: object) => void;
}

/** One DataSource per service: its own schema, its own migrations table, `synchronize` never on. */
export function createDataSource(opts: ServiceDataSourceOptions): DataSource {
  const ds = new DataSource({
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: opts.applicationName,
    extra: { max: opts.poolSize, idleTimeoutMillis: 30_000 },
    logging: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ? new CountingLogger(opts.onQuery) : undefined,
  });
  return ds;
}

/** Connects, creates the schema if needed and applies pending migrations. */
export async function initializeDataSource(ds: DataSource, schema: string): Promise<DataSource> {
  if (!ds.isInitialized) await ds.initialize();
  await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

class CountingLogger {
  constructor(private readonly onQuery: (sql: string, connection?: object) => void) {}
  logQuery(query: string, _parameters?: unknown[], queryRunner?: object) {
    this.onQuery(query, queryRunner);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
