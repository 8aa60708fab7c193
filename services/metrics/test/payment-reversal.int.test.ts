import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { lockProjection } from '../src/projection/projector';
import { recomputeAll } from '../src/projection/aggregates';
import { loadMetricsConfig, settingsFrom } from '../src';
import { caseClosed, event, judgmentEffective, publishAndSettle } from './factories/events';
import { isolatedCodes } from './factories/fixture';
import { startMetrics, type TestMetrics } from './factories/service';

const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));

describe('a payment reversed in cases', () => {
  let t: TestMetrics;
  beforeAll(async () => {
    t = await startMetrics();
  });
  afterAll(() => t.stop());

  const daily = async (ds: DataSource, code: string) =>
    (await ds.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, closed_cases::int, completed_cases::int, amount_recovered_fen::int, repayments_after_exposure::int, repayments_after_exposure_fen::int
         FROM metrics.division_daily WHERE division_code = $1 ORDER BY day`,
      [code],
    )) as Record<string, string | number>[];
  const openCases = async (ds: DataSource, code: string) =>
    Number(
      (await ds.query(`SELECT open_cases FROM metrics.division_snapshot WHERE division_code = $1`, [code]))[0]
        ?.open_cases ?? 0,
    );

  it('no longer counts the payment, and a case it closed leaves the closed cases and the judge score until it closes again', async () => {
    const ds = t.service.runtime.ds;
    const { VILLAGE_A1 } = isolatedCodes();
    const [caseId, party, judgeId, performanceId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const route = {
      villageCode: VILLAGE_A1,
      townshipCode: VILLAGE_A1.slice(0, 9),
    };
    const recordedAt = '2024-03-12T02:00:00.000Z';
    const payment = {
      caseId,
      performanceId,
      amountFen: 100_000,
      source: 'VOLUNTARY' as const,
      paidOn: '2024-03-12',
      obligorIds: [party],
      recordedAt,
    };
    await publishAndSettle(t.bus, ds, [
      judgmentEffective({
        caseId,
        villageCode: VILLAGE_A1,
        obligorIds: [party],
        judgeId,
      }),
      event(
        'credit.listing.added',
        {
          listingId: randomUUID(),
          partyId: party,
          caseId,
          ...route,
          listedAt: '2024-03-01T02:00:00.000Z',
          ground: 'ABLE_BUT_REFUSES',
          expiresAt: null,
          measures: ['CONSUMPTION_RESTRICTION'],
        },
        party,
      ),
      event('cases.performance.recorded', { ...payment, outstandingFen: 0, totalPaidFen: 100_000 }, caseId),
      caseClosed({
        caseId,
        judgeId,
        outcome: 'COMPLETED',
        villageCode: VILLAGE_A1,
        closedAt: recordedAt,
        obligorIds: [party],
      }),
    ]);
    expect((await daily(ds, VILLAGE_A1)).find((r) => r.day === '2024-03-12')).toMatchObject({
      closed_cases: 1,
      completed_cases: 1,
      amount_recovered_fen: 100_000,
      repayments_after_exposure: 1,
      repayments_after_exposure_fen: 100_000,
    });
    expect(await openCases(ds, VILLAGE_A1)).toBe(0);

    const reversedAt = '2024-03-20T02:00:00.000Z';
    const reversal = event(
      'cases.performance.reversed',
      {
        ...payment,
        reversalId: randomUUID(),
        reason: '录入错误',
        outstandingFen: 100_000,
        totalPaidFen: 0,
        reopened: true,
        state: 'IN_PROGRESS',
        reversedAt,
        ...route,
      },
      caseId,
    );
    const reopened = event(
      'cases.case.transitioned',
      {
        caseId,
        from: 'COMPLETED',
        to: 'IN_PROGRESS',
        reason: 'payment reversed',
        at: reversedAt,
        ...route,
      },
      caseId,
    );
    // The reopening may be taken in before the reversal, and either may come twice.
    await publishAndSettle(t.bus, ds, [reopened, reversal, { ...reversal, id: randomUUID() }]);
    // A delta leaves the day's row at zero.
    expect((await daily(ds, VILLAGE_A1)).find((r) => r.day === '2024-03-12')).toEqual({
      day: '2024-03-12',
      closed_cases: 0,
      completed_cases: 0,
      amount_recovered_fen: 0,
      repayments_after_exposure: 0,
      repayments_after_exposure_fen: 0,
    });
    expect(await openCases(ds, VILLAGE_A1)).toBe(1);
    expect(await ds.query(`SELECT * FROM metrics.judge_daily WHERE judge_id = $1`, [judgeId])).toEqual([]);

    // Paid again and closed again: it counts once, on its new close day.
    await publishAndSettle(t.bus, ds, [
      event(
        'cases.performance.recorded',
        {
          ...payment,
          performanceId: randomUUID(),
          paidOn: '2024-04-02',
          recordedAt: '2024-04-02T02:00:00.000Z',
          outstandingFen: 0,
          totalPaidFen: 100_000,
        },
        caseId,
      ),
      caseClosed({
        caseId,
        judgeId,
        outcome: 'COMPLETED',
        villageCode: VILLAGE_A1,
        closedAt: '2024-04-02T02:00:00.000Z',
        obligorIds: [party],
      }),
    ]);
    expect((await daily(ds, VILLAGE_A1)).filter((r) => r.closed_cases || r.repayments_after_exposure)).toEqual([
      {
        day: '2024-04-02',
        closed_cases: 1,
        completed_cases: 1,
        amount_recovered_fen: 100_000,
        repayments_after_exposure: 1,
        repayments_after_exposure_fen: 100_000,
      },
    ]);
    expect(await openCases(ds, VILLAGE_A1)).toBe(0);

    // The live figures are those of a full recompute.
    const nonZero = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => Object.entries(r).some(([k, v]) => !['division_code', 'day'].includes(k) && Number(v) !== 0));
    const before = nonZero(
      await ds.query(`SELECT * FROM metrics.division_daily WHERE division_code = $1 ORDER BY day`, [VILLAGE_A1]),
    );
    await ds.transaction(async (m) => {
      await lockProjection(m);
      await recomputeAll(m, settings);
    });
    expect(
      nonZero(
        await ds.query(`SELECT * FROM metrics.division_daily WHERE division_code = $1 ORDER BY day`, [VILLAGE_A1]),
      ),
    ).toEqual(before);
  });
});
