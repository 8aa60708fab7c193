import type { DataSource } from 'typeorm';
import { createDataSource, initializeDataSource } from '@zhiyuan/db';
import { createTestDatabase, entitySchemaDrift, type TestDatabase } from '@zhiyuan/testing';
import { DB_SCHEMA } from '../src';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';

describe('entities and the migrated schema', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('zy_cases_drift');
    ds = createDataSource({
      url: db.url,
      schema: DB_SCHEMA,
      entities,
      migrations,
      poolSize: 2,
      applicationName: 'cases-drift-test',
    });
    await initializeDataSource(ds, DB_SCHEMA);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('agree: TypeORM would change nothing in the tables the migrations made', async () => {
    expect(await entitySchemaDrift(ds)).toEqual([]);
  });
});
