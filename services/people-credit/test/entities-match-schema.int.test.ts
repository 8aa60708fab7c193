import { InProcessEventBus } from '@zhiyuan/events';
import { createTestDatabase, entitySchemaDrift, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { createService, loadPeopleCreditConfig } from '../src';

/** The entities describe the tables the migrations made: TypeORM would change nothing to make them agree. */
describe('entities match the migrated schema', () => {
  let db: TestDatabase;
  let service: ReturnType<typeof createService>;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = createService(loadPeopleCreditConfig({ DATABASE_URL: db.url, PORT: '0' }), {
      bus: new InProcessEventBus(silentLogger),
      logger: silentLogger,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await db.drop();
  });

  it('has no drift between the entities and the tables', async () => {
    expect(await entitySchemaDrift(service.runtime.ds)).toEqual([]);
  });
});
