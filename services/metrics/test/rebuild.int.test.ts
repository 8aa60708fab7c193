import { randomUUID } from 'node:crypto';
import { InProcessEventBus, NatsEventBus, parseEnvelope, subjectFor, type EventEnvelope } from '@zhiyuan/events';
import { createDataSource, initializeDataSource } from '@zhiyuan/db';
import { createTestDatabase, describeWithNats, natsUrl, silentLogger, type TestDatabase } from '@zhiyuan/testing';
import type { DataSource } from 'typeorm';
import { loadMetricsConfig, rebuildReadModels, replayJetStream, settingsFrom } from '../src';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';
import { loadDivisionStats } from '../src/queries/division-stats';
import { judgeOutcomeCounts } from '../src/queries/judge-scores';
import { caseClosed, publishAndSettle, taskEvent, type AnyEnvelope } from './factories/events';
import { isolatedCodes, quarterFixture } from './factories/fixture';
import { startMetrics, type TestMetrics } from './factories/service';

const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));
const Q1 = { kind: 'QUARTER' as const, from: '2024-01-01', to: '2024-03-31' };
const YEAR = { kind: 'YEAR' as const, from: '2024-01-01', to: '2024-12-31' };

/** Every read model, without the all-zero rows a full recompute leaves and without timestamps. */
async function readModels(ds: DataSource) {
  const nonZero = (rows: Record<string, unknown>[], keys: string[]) =>
    rows.filter((r) => Object.entries(r).some(([k, v]) => !keys.includes(k) && Number(v) !== 0));
  return {
    daily: nonZero(await ds.query(`SELECT * FROM metrics.division_daily ORDER BY division_code, day`), [
      'division_code',
      'day',
    ]),
    monthly: nonZero(await ds.query(`SELECT * FROM metrics.division_monthly ORDER BY division_code, month`), [
      'division_code',
      'month',
    ]),
    monthlyDims: await ds.query(
      `SELECT division_code, to_char(month, 'YYYY-MM-DD') AS month, dim, key, n, amount_fen FROM metrics.division_monthly_dim ORDER BY 1, 2, 3, 4`,
    ),
    dims: await ds.query(
      `SELECT division_code, to_char(day, 'YYYY-MM-DD') AS day, dim, key, n, amount_fen FROM metrics.division_daily_dim ORDER BY 1, 2, 3, 4`,
    ),
    snapshots: nonZero(
      await ds.query(
        `SELECT division_code, open_cases, obligors_with_open_cases, active_listings, listed_obligors, open_tasks, overdue_tasks FROM metrics.division_snapshot ORDER BY 1`,
      ),
      ['division_code'],
    ),
    judgeDaily: await ds.query(
      `SELECT judge_id, to_char(day, 'YYYY-MM-DD') AS day, outcome, n FROM metrics.judge_daily ORDER BY 1, 2, 3`,
    ),
    judgeScores: await ds.query(
      `SELECT judge_id, rule_set_id, raw_count, weighted FROM metrics.judge_score ORDER BY 1`,
    ),
  };
}

describe('rebuild from the event history (in-process bus)', () => {
  let t: TestMetrics;
  let history: EventEnvelope[];

  beforeAll(async () => {
    t = await startMetrics();
    const { events } = quarterFixture({
      TOWNSHIP_A: '330522104',
      VILLAGE_A1: '330522104201',
      VILLAGE_A2: '330522104202',
      TOWNSHIP_B: '330522106',
      VILLAGE_B1: '330522106201',
    });
    const again = caseClosed({
      judgeId: randomUUID(),
      outcome: 'PERFORMED_AFTER_URGING',
      closedAt: '2024-02-02T02:00:00.000Z',
    });
    // A repeated close under a new event id, as a producer retry would send it.
    const all: AnyEnvelope[] = [...events, again, { ...again, id: randomUUID() }];
    await publishAndSettle(t.bus, t.service.runtime.ds, all);
    // The history metrics rebuilds from: the other services' events (metrics' own announcements are on the bus too).
    history = (t.bus as InProcessEventBus)
      .messages()
      .map((m) => parseEnvelope(m.data))
      .filter((e) => !e.type.startsWith('metrics.'));
    expect(history).toHaveLength(all.length);
  });
  afterAll(() => t.stop());

  it('gives the same read models as the live projection', async () => {
    const live = await readModels(t.service.runtime.ds);
    expect(live.daily.length).toBeGreaterThan(10);
    // Wipe the facts' effect first, so a rebuild that did nothing could not pass.
    await t.service.runtime.ds.query(`TRUNCATE metrics.division_daily, metrics.judge_score`);
    const result = await rebuildReadModels(t.service.runtime.ds, history, settings);
    expect(result.events).toBe(history.length);
    expect(await readModels(t.service.runtime.ds)).toEqual(live);
  });

  it('gives the same figures whatever order the history is replayed in', async () => {
    const live = await readModels(t.service.runtime.ds);
    await rebuildReadModels(t.service.runtime.ds, [...history].reverse(), settings);
    expect(await readModels(t.service.runtime.ds)).toEqual(live);
  });
});

describeWithNats('rebuild from the JetStream history', () => {
  let live: TestMetrics;
  let db: TestDatabase;
  let rebuilt: DataSource;
  let bus: NatsEventBus;

  beforeAll(async () => {
    live = await startMetrics();
    db = await createTestDatabase();
    rebuilt = createDataSource({
      url: db.url,
      schema: 'metrics',
      entities,
      migrations,
      poolSize: 2,
      applicationName: 'metrics-rebuild-test',
    });
    await initializeDataSource(rebuilt, 'metrics');
    bus = new NatsEventBus({ url: natsUrl()!, name: 'metrics-rebuild-test', logger: silentLogger });
    await bus.start();
  });
  afterAll(async () => {
    await bus?.close();
    await rebuilt?.destroy();
    await db?.drop();
    await live?.stop();
  });

  it('replays the streams into fresh read models with the figures of the live projection', async () => {
    // A county of its own, so other producers' history on the shared server does not mix in.
    const codes = isolatedCodes();
    const { events, judge } = quarterFixture(codes);
    for (const e of events) await bus.publish(subjectFor(e.type, e.payload as never), e as EventEnvelope);
    await publishAndSettle(live.bus, live.service.runtime.ds, events);
    // What such a reaction looks like, published here so the test does not depend on one happening.
    const reaction = taskEvent('created', { taskId: randomUUID(), divisionCode: codes.VILLAGE_A1 });
    await bus.publish(subjectFor(reaction.type, reaction.payload as never), reaction as EventEnvelope);

    // Services of other test files running at the same time consume the fixture from the shared server
    // and react to it (a tasks service opens follow-up tasks for the urgings, in this county's villages).
    // Those reactions are in the history but never reached the live projection here: leave them out.
    const ours = new Set(events.map((e) => e.id));
    async function* withoutReactions(history: AsyncIterable<EventEnvelope>): AsyncGenerator<EventEnvelope> {
      for await (const e of history) if (ours.has(e.id) || !JSON.stringify(e.payload).includes(codes.COUNTY)) yield e;
    }
    const result = await rebuildReadModels(rebuilt, withoutReactions(replayJetStream(natsUrl()!)), settings);
    expect(result.events).toBeGreaterThanOrEqual(events.length);
    const divisions = [
      codes.COUNTY,
      codes.TOWNSHIP_A,
      codes.VILLAGE_A1,
      codes.VILLAGE_A2,
      codes.TOWNSHIP_B,
      codes.VILLAGE_B1,
    ];
    for (const period of [Q1, YEAR]) {
      const fromLive = await loadDivisionStats(live.service.runtime.ds, divisions, period);
      expect(await loadDivisionStats(rebuilt, divisions, period)).toEqual(fromLive);
      // Township A: 4 closed in the first quarter, 5 in the year (one closed in April).
      expect(fromLive[1]).toMatchObject(
        period === Q1 ? { closedCases: 4, completionRate: 0.25 } : { closedCases: 5, completionRate: 0.4 },
      );
    }
    expect(await judgeOutcomeCounts(rebuilt, [judge], null)).toEqual(
      await judgeOutcomeCounts(live.service.runtime.ds, [judge], null),
    );
  }, 90_000);
});
