import { InProcessEventBus } from '@zhiyuan/events';
import { ADMIN, createTestDatabase, gqlRequest, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { createService, loadPeopleCreditConfig } from '../src';

describe('people-credit subgraph', () => {
  let db: TestDatabase;
  let service: ReturnType<typeof createService>;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = createService(loadPeopleCreditConfig({ DATABASE_URL: db.url, PORT: '0', SEED_DEMO_DATA: 'true' }), {
      bus: new InProcessEventBus(silentLogger),
      logger: silentLogger,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await db.drop();
  });

  it('serves the demo division tree', async () => {
    const r = await gqlRequest(
      service.url,
      `{ division(code: "330522") { name level children { code name } } }`,
      {},
      ADMIN,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.division.name).toBe('长兴县');
    expect(r.data.division.children.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['虹星桥镇', '和平镇']),
    );
  });

  it('refuses a request that the gateway did not sign', async () => {
    const r = await gqlRequest(service.url, `{ _service { sdl } }`);
    expect(r.status).toBe(401);
    expect(r.data).toBeUndefined();
  });

  it('resolves entity references through a DataLoader', async () => {
    const r = await gqlRequest(
      service.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { code name } } }`,
      {
        r: [
          { __typename: 'Division', code: '330522104' },
          { __typename: 'Division', code: '330522106' },
        ],
      },
      ADMIN,
    );
    expect(r.data._entities).toEqual([
      { code: '330522104', name: '虹星桥镇' },
      { code: '330522106', name: '和平镇' },
    ]);
  });
});
