import { entitySchemaDrift } from '@zhiyuan/testing';
import { startMetrics, type TestMetrics } from './factories/service';

describe('the entities', () => {
  let t: TestMetrics;
  beforeAll(async () => (t = await startMetrics()));
  afterAll(() => t.stop());

  it('match the tables the migrations make', async () => {
    expect(await entitySchemaDrift(t.service.runtime.ds)).toEqual([]);
  });
});
