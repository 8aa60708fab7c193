import { InProcessEventBus } from '@zhiyuan/events';
import { ADMIN, createTestDatabase, gqlRequest, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import { DataSource } from 'typeorm';
import {
  COUNTY,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A1,
  VILLAGE_A2,
  VILLAGE_B1,
  publishAndSettle,
} from './factories/events';
import { createService, loadMetricsConfig } from '../src';
import { quarterFixture } from './factories/fixture';
import { startMetrics, type TestMetrics } from './factories/service';

/*
 * DATABASE_READ_URL: the dashboard reads go to its pool, everything else (the projection of events,
 * the inbox) to DATABASE_URL's. Here the "replica" is a second migrated database that replication
 * does not fill, so a figure read from it is told apart from one read from the primary.
 */
describe('dashboard reads on DATABASE_READ_URL', () => {
  let replica: TestDatabase;
  let t: TestMetrics;
  let primaryOnly: TestMetrics | undefined;
  const Q1 = { kind: 'QUARTER', date: '2024-02-15' };
  const STATS = `query($code: ID!, $period: MetricsPeriodInput!) { divisionStats(code: $code, period: $period) { judgmentsEffective closedCases } }`;
  const RANKING = `query($code: ID!, $period: MetricsPeriodInput!) { divisionRanking(parentCode: $code, period: $period, kpi: COMPLETION_RATE) { division { code } } }`;

  const count = async (url: string, sql: string) => {
    const ds = await new DataSource({ type: 'postgres', url }).initialize();
    try {
      return Number(((await ds.query(sql)) as { n: string }[])[0]!.n);
    } finally {
      await ds.destroy();
    }
  };

  beforeAll(async () => {
    replica = await createTestDatabase();
    // A copy of the migrated template, or (TEST_DATABASE_TEMPLATE=off) an empty database: migrated by a
    // service started on it once, with a bus of its own that carries no event.
    const migrate = createService(loadMetricsConfig({ DATABASE_URL: replica.url, PORT: '0' }), {
      bus: new InProcessEventBus(silentLogger),
      logger: silentLogger,
    });
    await migrate.start();
    await migrate.stop();
    t = await startMetrics({ DATABASE_READ_URL: replica.url });
    await publishAndSettle(
      t.bus,
      t.service.runtime.ds,
      quarterFixture({ TOWNSHIP_A, VILLAGE_A1, VILLAGE_A2, TOWNSHIP_B, VILLAGE_B1 }).events,
    );
  });
  afterAll(async () => {
    await primaryOnly?.stop();
    await t?.stop();
    await replica?.drop();
  });

  it('projects the events and keeps the inbox on the primary only', async () => {
    const handled = `SELECT count(*) AS n FROM metrics.inbox_message`;
    expect(await count(t.db.url, handled)).toBeGreaterThan(0);
    expect(await count(replica.url, handled)).toBe(0);
    expect(await count(t.db.url, `SELECT count(*) AS n FROM metrics.division_daily`)).toBeGreaterThan(0);
    expect(await count(replica.url, `SELECT count(*) AS n FROM metrics.division_daily`)).toBe(0);
  });

  it('answers the cockpit figures and the ranking from the read pool', async () => {
    const r = await gqlRequest(t.service.url, STATS, { code: COUNTY, period: Q1 }, ADMIN);
    expect(r.errors).toBeUndefined();
    expect(r.data.divisionStats).toEqual({ judgmentsEffective: 0, closedCases: 0 });
    const ranking = await gqlRequest(t.service.url, RANKING, { code: COUNTY, period: Q1 }, ADMIN);
    expect(ranking.errors).toBeUndefined();
    // The read pool is the one connected to the replica's database, under its own application name.
    expect(
      await count(
        replica.url,
        `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'zhiyuan-metrics-read' AND datname = current_database()`,
      ),
    ).toBeGreaterThan(0);
  });

  it('reads the primary, as before, without DATABASE_READ_URL', async () => {
    // A second metrics process over the same primary (its events already projected), with no read URL.
    primaryOnly = await startMetrics({ DATABASE_URL: t.db.url });
    const r = await gqlRequest(primaryOnly.service.url, STATS, { code: COUNTY, period: Q1 }, ADMIN);
    expect(r.errors).toBeUndefined();
    expect(r.data.divisionStats).toEqual({ judgmentsEffective: 6, closedCases: 5 });
    expect(primaryOnly.service.runtime.readDs).toBe(primaryOnly.service.runtime.ds);
  });
});
