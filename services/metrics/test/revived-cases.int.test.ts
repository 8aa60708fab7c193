import { randomUUID } from 'node:crypto';
import { NatsEventBus, subjectFor, type EventBus, type SubscribeOptions } from '@zhiyuan/events';
import { ADMIN, describeWithNats, gqlRequest, natsUrl, silentLogger, uniqueService } from '@zhiyuan/testing';
import { loadMetricsConfig, settingsFrom } from '../src';
import { recomputeAll } from '../src/projection/aggregates';
import { lockProjection } from '../src/projection/projector';
import { caseClosed, event, judgmentEffective, settled, type AnyEnvelope } from './factories/events';
import { isolatedCodes } from './factories/fixture';
import { startMetrics, type TestMetrics } from './factories/service';

const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));

/** Durable consumers of this run only, from new messages: the shared server's history does not mix in. */
function isolatedBus(bus: EventBus, service: string): EventBus {
  return new Proxy(bus, {
    get(target, prop, receiver) {
      if (prop === 'subscribe') return (o: SubscribeOptions) => target.subscribe({ ...o, service, startAt: 'new' });
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/**
 * Two 终本 cases revived from asset leads in Q2 2024, one in each township:
 * - case A (village A1): 50,000 paid before it was terminated; revived on 10 April (paidFen 50,000);
 *   then 30,000 on 15 April, 10,000 on 20 April (reversed as recorded in error) and 20,000 on 2 May.
 * - case B (village B1): revived on 25 June, nothing paid since.
 * Q2: county 2 revived, 50,000 recovered; township A 1 and 50,000; township B 1 and 0. Q1: nothing.
 */
describeWithNats('revived 终本 cases, counted over real NATS JetStream', () => {
  let t: TestMetrics;
  let raw: NatsEventBus;
  const codes = isolatedCodes();
  const STATS = `query($code: ID!, $period: MetricsPeriodInput!) { divisionStats(code: $code, period: $period) { revivedCases revivedRecoveredFen } }`;
  const Q1 = { kind: 'QUARTER', date: '2024-02-15' };
  const Q2 = { kind: 'QUARTER', date: '2024-05-15' };
  const stats = async (code: string, period: unknown = Q2) => {
    const r = await gqlRequest<any>(t.service.url, STATS, { code, period }, ADMIN);
    expect(r.errors).toBeUndefined();
    return r.data.divisionStats;
  };

  beforeAll(async () => {
    raw = new NatsEventBus({ url: natsUrl()!, name: 'metrics-revived-test', logger: silentLogger });
    await raw.start();
    t = await startMetrics({}, isolatedBus(raw, uniqueService('metrics')));
  });
  afterAll(async () => {
    await t?.stop();
    await raw?.close();
  });

  /** Publishes an envelope; publishing it again is a redelivery (same event id, a new message id). */
  const publish = async (events: AnyEnvelope[]) => {
    for (const e of events)
      await raw.publishRaw(subjectFor(e.type as never, e.payload as never), JSON.stringify(e), randomUUID());
  };

  const aCase = (village: string) => {
    const caseId = randomUUID();
    const obligorIds = [randomUUID()];
    const route = { villageCode: village, townshipCode: village.slice(0, 9) };
    const payment = (performanceId: string, day: string, amountFen: number, totalPaidFen: number) =>
      event(
        'cases.performance.recorded',
        {
          caseId,
          performanceId,
          amountFen,
          source: 'VOLUNTARY',
          paidOn: day,
          outstandingFen: 200_000 - totalPaidFen,
          totalPaidFen,
          obligorIds,
          recordedAt: `${day}T03:00:00.000Z`,
        },
        caseId,
      );
    const revived = (day: string, paidFen: number) =>
      event(
        'cases.case.revived',
        {
          caseId,
          leadId: randomUUID(),
          officerId: null,
          judgeId: null,
          estimatedValueFen: 300_000,
          paidFen,
          outstandingFen: 200_000 - paidFen,
          revivedAt: `${day}T02:00:00.000Z`,
          ...route,
        },
        caseId,
      );
    const history = [
      judgmentEffective({ caseId, ...route, obligorIds, amountOwedFen: 200_000, effectiveDate: '2023-11-01' }),
      caseClosed({
        caseId,
        outcome: 'TERMINATED_THIS_ROUND',
        ...route,
        obligorIds,
        closedAt: '2024-03-01T02:00:00.000Z',
        amountAppliedFen: 200_000,
        amountRecoveredFen: 50_000,
      }),
    ];
    return { caseId, route, obligorIds, payment, revived, history };
  };

  it('counts each revived case once per division and the payments recorded after its revival', async () => {
    const { COUNTY, TOWNSHIP_A, TOWNSHIP_B, VILLAGE_A1, VILLAGE_B1 } = codes;
    const a = aCase(VILLAGE_A1);
    const b = aCase(VILLAGE_B1);
    const before = a.payment(randomUUID(), '2024-02-20', 50_000, 50_000);
    const revivalA = a.revived('2024-04-10', 50_000);
    const first = a.payment(randomUUID(), '2024-04-15', 30_000, 80_000);
    const mistakenId = randomUUID();
    const mistaken = a.payment(mistakenId, '2024-04-20', 10_000, 90_000);
    const reversal = event(
      'cases.performance.reversed',
      {
        caseId: a.caseId,
        reversalId: randomUUID(),
        performanceId: mistakenId,
        amountFen: 10_000,
        source: 'VOLUNTARY',
        paidOn: '2024-04-20',
        recordedAt: '2024-04-20T03:00:00.000Z',
        reason: '录入错误',
        outstandingFen: 120_000,
        totalPaidFen: 80_000,
        reopened: false,
        state: 'IN_PROGRESS',
        obligorIds: a.obligorIds,
        reversedAt: '2024-04-21T02:00:00.000Z',
        ...a.route,
      },
      a.caseId,
    );
    const second = a.payment(randomUUID(), '2024-05-02', 20_000, 100_000);
    const revivalB = b.revived('2024-06-25', 0);
    const all: AnyEnvelope[] = [
      ...a.history,
      before,
      revivalA,
      first,
      mistaken,
      reversal,
      second,
      ...b.history,
      revivalB,
    ];
    await publish(all);
    await settled(t.service.runtime.ds, all);
    // The revival and a payment after it delivered again: counted once. Each consumer takes its
    // messages in order, so once a revival and a payment published after them (a case of another
    // county) are in, the redeliveries have been handled.
    await publish([revivalA, first]);
    const elsewhere = aCase(isolatedCodes().VILLAGE_A1);
    const sentinels = [elsewhere.revived('2024-04-11', 0), elsewhere.payment(randomUUID(), '2024-04-12', 1, 1)];
    await publish(sentinels);
    await settled(t.service.runtime.ds, sentinels);

    expect(await stats(COUNTY)).toEqual({ revivedCases: 2, revivedRecoveredFen: 50_000 });
    expect(await stats(TOWNSHIP_A)).toEqual({ revivedCases: 1, revivedRecoveredFen: 50_000 });
    expect(await stats(VILLAGE_A1)).toEqual({ revivedCases: 1, revivedRecoveredFen: 50_000 });
    expect(await stats(TOWNSHIP_B)).toEqual({ revivedCases: 1, revivedRecoveredFen: 0 });
    expect(await stats(VILLAGE_B1)).toEqual({ revivedCases: 1, revivedRecoveredFen: 0 });
    // What was paid before the revival is not recovered from a revived case.
    expect(await stats(COUNTY, Q1)).toEqual({ revivedCases: 0, revivedRecoveredFen: 0 });

    const ranking = await gqlRequest<any>(
      t.service.url,
      `query($p: MetricsPeriodInput!) { divisionRanking(parentCode: "${COUNTY}", kpi: REVIVED_RECOVERED_FEN, period: $p) { division { code } value } }`,
      { p: Q2 },
      ADMIN,
    );
    expect(ranking.errors).toBeUndefined();
    expect(ranking.data.divisionRanking).toEqual([
      { division: { code: TOWNSHIP_A }, value: 50_000 },
      { division: { code: TOWNSHIP_B }, value: 0 },
    ]);
  });

  it('a full recompute from the facts gives the same figures as the live projection', async () => {
    const ds = t.service.runtime.ds;
    const figures = () =>
      ds.query(
        `SELECT division_code, to_char(day, 'YYYY-MM-DD') AS day, revived_cases::int, revived_recovered_fen::int
           FROM metrics.division_daily WHERE (revived_cases <> 0 OR revived_recovered_fen <> 0) AND division_code LIKE $1
          ORDER BY 1, 2`,
        [`${codes.COUNTY}%`],
      );
    const live = await figures();
    // Case A: its revival day and two payment days; case B: its revival day; each in three divisions.
    expect(live).toHaveLength(3 * 3 + 3);
    await ds.transaction(async (m) => {
      await lockProjection(m);
      await recomputeAll(m, settings);
    });
    expect(await figures()).toEqual(live);
  });
});
