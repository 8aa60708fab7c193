import { entitySchemaDrift } from '@zhiyuan/testing';
import { startTasks, type Harness } from './factories/service';

describe('entities and the migrated schema', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  it('agree: TypeORM would change nothing in the tables the migrations made', async () => {
    expect(await entitySchemaDrift(h.service.runtime.ds)).toEqual([]);
  });
});
