import type { DataSource } from 'typeorm';

/**
 * What TypeORM would change to make the migrated schema match the entities: the statements its schema
 * builder would run. Empty means every entity agrees with the tables the migrations made. The
 * `synchronize` feature itself stays off; this only asks it.
 */
export async function entitySchemaDrift(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
