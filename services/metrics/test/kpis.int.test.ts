import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { randomUUID } from 'node:crypto';
import {
  COUNTY,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A1,
  VILLAGE_A2,
  VILLAGE_B1,
  caseClosed,
  event,
  judgmentEffective,
  publishAndSettle,
} from './factories/events';
import { quarterFixture } from './factories/fixture';
import { startMetrics, type TestMetrics } from './factories/service';

/*
 * Hand-computed fixture, first quarter of 2024 (days in Asia/Shanghai). Township A = villages A1, A2;
 * township B = village B1.
 *
 * case village effective   closed (local)  outcome                filed days applied   recovered
 * C1   A1      2024-01-10  2024-01-30      PERFORMED_AFTER_URGING no    20     50 000    50 000
 * C2   A1      2024-01-15  2024-02-24      COMPLETED              yes   40    200 000   200 000
 * C3   A2      2023-01-05  2024-02-09      TERMINATED_THIS_ROUND  yes  400  1 000 000   100 000
 * C4   A2      2024-02-01  2024-03-02      SETTLED_AND_PERFORMED  yes   30    300 000   300 000
 * C5   B1      2024-01-20  2024-01-30      COMPLETED              no    10     80 000    80 000
 * C6   A1      2024-03-01  2024-04-01 (17:00Z on 03-31, so April in Shanghai)  COMPLETED  yes  31  10 000  10 000
 * C7   A1      2024-02-10  open, obligors P7 and P8, cause 买卖合同纠纷, owed 70 000
 *
 * Township A, Q1:
 *   judgments effective: C1 C2 C4 C6 C7 = 5; performed without enforcement: C1 = 1; rate 1/5 = 0.2
 *   closed: C1 C2 C3 C4 = 4; completed 1 (C2), after urging 1 (C1), settled 1 (C4)
 *   completion rate 1/4 = 0.25; actual enforcement rate (1+1+1)/4 = 0.75
 *   applied 50 000 + 200 000 + 1 000 000 + 300 000 = 1 550 000; recovered 50 000 + 200 000 + 100 000 + 300 000 = 650 000
 *   recovered rate 650 000 / 1 550 000 = 0.41935...; average days (20+40+400+30)/4 = 122.5; median of 20,30,40,400 = (30+40)/2 = 35
 *   old cases (>= 365 days): C3 = 1, applied 1 000 000
 *   urgings: C1 started 01-11 and performed 01-29, C2 started 01-16 and ended by application: started 2, performed 1
 *   tasks: T1 locate (village A1) created 03-01 done 03-05; T2 serve (A1) created 03-02 overdue 03-10; T3 find assets
 *          (township A) created 03-03: created 3, completed 1, overdue 1; now open 2, overdue 1
 *   meeting at A1 on 03-20: invited 9, attended 7 (rate 7/9), paid in full 2, instalment plans 3
 *   listings: L1 of P7 on C7 (A1) 03-05, still listed; L2 of Q on C3 (A2) 02-01, removed 03-10: added 2, removed 1
 *   now: open cases C7 = 1 with obligors P7, P8 = 2; listed obligors P7 = 1; dishonesty rate 1/2 = 0.5
 *   repayments after exposure: C7 paid 20 000 on 03-12 after L1 (counts), 5 000 on 03-01 before it (does not): 1, 20 000
 * Village A1, Q1: judgments C1 C2 C6 C7 = 4, performed without enforcement 1 (0.25), closed C1 C2 = 2, completion 1/2 = 0.5
 * County, Q1: judgments 6 (C1 C2 C4 C5 C6 C7), performed without enforcement C1 C5 = 2 (1/3), closed 5, completed C2 C5 = 2
 *   (0.4), actual (2+1+1)/5 = 0.8, applied 1 630 000, recovered 730 000
 * Ranking of townships by completion rate: B 1/1 = 1 first, A 0.25 second.
 * Closed cases of township A by month: January 1 (C1), February 2 (C2, C3), March 1 (C4).
 */
describe('cockpit KPIs against a hand-computed fixture', () => {
  let t: TestMetrics;
  const Q1 = { kind: 'QUARTER', date: '2024-02-15' };
  const STATS = `query($code: ID!, $period: MetricsPeriodInput!) { divisionStats(code: $code, period: $period) {
    divisionCode level period { from to } judgmentsEffective performedWithoutEnforcement voluntaryPerformanceRate closedCases completedCases
    performedAfterUrging settledCases completionRate actualEnforcementRate amountAppliedFen amountRecoveredFen amountRecoveredRate
    averageDaysToClose medianDaysToClose oldCasesResolved oldCasesAmountFen urgingsStarted urgingsPerformed tasksCreated tasksCompleted
    tasksOverdue assistance { taskType level created completed } meetingsHeld meetingInvited meetingAttended attendanceRate meetingPaidInFull
    meetingInstalmentPlans listingsAdded listingsRemoved repaymentsAfterExposure repaymentsAfterExposureFen outcomes { outcome count amountRecoveredFen }
    current { openCases obligorsWithOpenCases activeListings listedObligors dishonestyRate openTasks overdueTasks } } }`;
  const stats = (code: string, who = ADMIN, period: unknown = Q1) =>
    gqlRequest(t.service.url, STATS, { code, period }, who);

  beforeAll(async () => {
    t = await startMetrics();
    await publishAndSettle(
      t.bus,
      t.service.runtime.ds,
      quarterFixture({ TOWNSHIP_A, VILLAGE_A1, VILLAGE_A2, TOWNSHIP_B, VILLAGE_B1 }).events,
    );
  });
  afterAll(() => t.stop());

  it('gives every township KPI as computed by hand', async () => {
    const r = await stats(TOWNSHIP_A);
    expect(r.errors).toBeUndefined();
    expect(r.data.divisionStats).toEqual({
      divisionCode: TOWNSHIP_A,
      level: 'TOWNSHIP',
      period: { from: '2024-01-01', to: '2024-03-31' },
      judgmentsEffective: 5,
      performedWithoutEnforcement: 1,
      voluntaryPerformanceRate: 0.2,
      closedCases: 4,
      completedCases: 1,
      performedAfterUrging: 1,
      settledCases: 1,
      completionRate: 0.25,
      actualEnforcementRate: 0.75,
      amountAppliedFen: 1_550_000,
      amountRecoveredFen: 650_000,
      amountRecoveredRate: 650_000 / 1_550_000,
      averageDaysToClose: 122.5,
      medianDaysToClose: 35,
      oldCasesResolved: 1,
      oldCasesAmountFen: 1_000_000,
      urgingsStarted: 2,
      urgingsPerformed: 1,
      tasksCreated: 3,
      tasksCompleted: 1,
      tasksOverdue: 1,
      assistance: [
        { taskType: 'FIND_ASSETS', level: 'TOWNSHIP', created: 1, completed: 0 },
        { taskType: 'LOCATE_PERSON', level: 'VILLAGE', created: 1, completed: 1 },
        { taskType: 'SERVE_DOCUMENT', level: 'VILLAGE', created: 1, completed: 0 },
      ],
      meetingsHeld: 1,
      meetingInvited: 9,
      meetingAttended: 7,
      attendanceRate: 7 / 9,
      meetingPaidInFull: 2,
      meetingInstalmentPlans: 3,
      listingsAdded: 2,
      listingsRemoved: 1,
      repaymentsAfterExposure: 1,
      repaymentsAfterExposureFen: 20_000,
      outcomes: [
        { outcome: 'COMPLETED', count: 1, amountRecoveredFen: 200_000 },
        { outcome: 'PERFORMED_AFTER_URGING', count: 1, amountRecoveredFen: 50_000 },
        { outcome: 'SETTLED_AND_PERFORMED', count: 1, amountRecoveredFen: 300_000 },
        { outcome: 'TERMINATED_THIS_ROUND', count: 1, amountRecoveredFen: 100_000 },
      ],
      current: {
        openCases: 1,
        obligorsWithOpenCases: 2,
        activeListings: 1,
        listedObligors: 1,
        dishonestyRate: 0.5,
        openTasks: 2,
        overdueTasks: 1,
      },
    });
  });

  it('counts a case for its village and the county too', async () => {
    const village = (await stats(VILLAGE_A1)).data.divisionStats;
    expect(village).toMatchObject({
      level: 'VILLAGE',
      judgmentsEffective: 4,
      performedWithoutEnforcement: 1,
      voluntaryPerformanceRate: 0.25,
      closedCases: 2,
      completionRate: 0.5,
    });
    const county = (await stats(COUNTY)).data.divisionStats;
    expect(county).toMatchObject({
      level: 'COUNTY',
      judgmentsEffective: 6,
      performedWithoutEnforcement: 2,
      voluntaryPerformanceRate: 1 / 3,
      closedCases: 5,
      completedCases: 2,
      completionRate: 0.4,
      actualEnforcementRate: 0.8,
      amountAppliedFen: 1_630_000,
      amountRecoveredFen: 730_000,
    });
    // A custom period mixes whole months (February) with days (20 to 31 January, 1 March): C1, C3, C2 but not C4 (2 March).
    const custom = (await stats(TOWNSHIP_A, ADMIN, { kind: 'CUSTOM', from: '2024-01-20', to: '2024-03-01' })).data
      .divisionStats;
    expect(custom).toMatchObject({
      closedCases: 3,
      completedCases: 1,
      performedAfterUrging: 1,
      medianDaysToClose: 40,
      amountAppliedFen: 1_250_000,
    });
    // The case closed at 01:00 on 1 April in Shanghai belongs to April.
    const april = (await stats(VILLAGE_A1, ADMIN, { kind: 'MONTH', date: '2024-04-20' })).data.divisionStats;
    expect(april).toMatchObject({ closedCases: 1, completedCases: 1, amountAppliedFen: 10_000 });
  });

  it('ranks townships, charts a series and analyses disputes by cause', async () => {
    const ranking = await gqlRequest(
      t.service.url,
      `query($p: MetricsPeriodInput!) { divisionRanking(parentCode: "${COUNTY}", kpi: COMPLETION_RATE, period: $p) { rank division { code } value } }`,
      { p: Q1 },
      ADMIN,
    );
    expect(ranking.data.divisionRanking).toEqual([
      { rank: 1, division: { code: TOWNSHIP_B }, value: 1 },
      { rank: 2, division: { code: TOWNSHIP_A }, value: 0.25 },
    ]);
    // Over days and whole months together, each township's ranked value is its own figure for the period.
    const mixed = { kind: 'CUSTOM', from: '2024-01-20', to: '2024-03-01' };
    const byDays = await gqlRequest(
      t.service.url,
      `query($p: MetricsPeriodInput!) { divisionRanking(parentCode: "${COUNTY}", kpi: CLOSED_CASES, period: $p) { rank division { code } value } }`,
      { p: mixed },
      ADMIN,
    );
    const ranked: { division: { code: string }; value: number }[] = byDays.data.divisionRanking;
    expect(ranked.map((r) => r.division.code).sort()).toEqual([TOWNSHIP_A, TOWNSHIP_B].sort());
    for (const r of ranked)
      expect(r.value).toBe((await stats(r.division.code, ADMIN, mixed)).data.divisionStats.closedCases);
    expect(ranked.find((r) => r.division.code === TOWNSHIP_A)?.value).toBe(3);
    const series = await gqlRequest(
      t.service.url,
      `{ divisionSeries(code: "${TOWNSHIP_A}", kpi: CLOSED_CASES, from: "2024-01-01", to: "2024-03-31", granularity: MONTH) { start value } }`,
      {},
      ADMIN,
    );
    expect(series.data.divisionSeries).toEqual([
      { start: '2024-01-01', value: 1 },
      { start: '2024-02-01', value: 2 },
      { start: '2024-03-01', value: 1 },
    ]);
    const disputes = await gqlRequest(
      t.service.url,
      `query($p: MetricsPeriodInput!) { disputeStats(code: "${TOWNSHIP_A}", period: $p) { causeCategory cases amountOwedFen } }`,
      { p: Q1 },
      ADMIN,
    );
    expect(disputes.data.disputeStats).toEqual([
      { causeCategory: '借款合同纠纷', cases: 4, amountOwedFen: 0 },
      { causeCategory: '买卖合同纠纷', cases: 1, amountOwedFen: 70_000 },
    ]);
  });

  it('reads division figures in a bounded number of statements whatever the number of divisions', async () => {
    const query = `query($r: [_Any!]!, $p: MetricsPeriodInput!) { _entities(representations: $r) { ... on Division { code stats(period: $p) { closedCases medianDaysToClose current { openCases } } } } }`;
    const count = async (codes: string[]) => {
      t.statements.length = 0;
      const r = await gqlRequest(
        t.service.url,
        query,
        { r: codes.map((code) => ({ __typename: 'Division', code })), p: Q1 },
        ADMIN,
      );
      expect(r.errors).toBeUndefined();
      // The outbox relay polls in the background; only statements on the read models count.
      return t.statements.filter((s) => /metrics\.(division_|judge_|case_fact|task_fact)/.test(s)).length;
    };
    const one = await count([TOWNSHIP_A]);

    const five = await count([COUNTY, TOWNSHIP_A, TOWNSHIP_B, VILLAGE_A1, VILLAGE_A2]);
    expect(one).toBeLessThanOrEqual(3);
    expect(five).toBe(one);
  });

  it('lets township and village users read their own division only', async () => {
    const liaison = identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_A });
    expect((await stats(TOWNSHIP_A, liaison)).data.divisionStats.closedCases).toBe(4);
    expect((await stats(VILLAGE_A2, liaison)).data.divisionStats.closedCases).toBe(2);
    expect((await stats(TOWNSHIP_B, liaison)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await stats(COUNTY, liaison)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const cadre = identity(['VILLAGE_CADRE'], { divisionCode: VILLAGE_A1 });
    expect((await stats(VILLAGE_A1, cadre)).data.divisionStats.closedCases).toBe(2);
    expect((await stats(TOWNSHIP_A, cadre)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(
      (await stats(TOWNSHIP_A, identity(['PARTNER'], { department: 'BANK_LOAN' }))).errors![0]!.extensions!.code,
    ).toBe('FORBIDDEN');
    expect((await stats(TOWNSHIP_A, identity([]))).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const judge = identity(['JUDGE']);
    expect((await stats(COUNTY, judge)).data.divisionStats.closedCases).toBe(5);
  });

  it('moves an open case with its obligor; a stale reroute or one after the close moves nothing', async () => {
    const caseId = randomUUID();
    const reroute = (villageCode: string, reroutedAt: string) =>
      event(
        'cases.case.rerouted',
        {
          caseId,
          caseNumber: 'c8',
          partyId: randomUUID(),
          previousVillageCode: null,
          previousTownshipCode: null,
          officerId: null,
          reroutedAt,
          villageCode,
          townshipCode: villageCode.slice(0, 9),
        },
        caseId,
      );
    const open = async (code: string) => (await stats(code)).data.divisionStats.current.openCases;
    await publishAndSettle(t.bus, t.service.runtime.ds, [judgmentEffective({ caseId, villageCode: VILLAGE_B1 })]);
    expect([await open(TOWNSHIP_A), await open(TOWNSHIP_B)]).toEqual([1, 1]);
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      reroute(VILLAGE_A2, '2024-05-02T00:00:00.000Z'),
      reroute(VILLAGE_B1, '2024-05-01T00:00:00.000Z'),
    ]);
    expect([await open(TOWNSHIP_A), await open(TOWNSHIP_B)]).toEqual([2, 0]);
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      caseClosed({ caseId, villageCode: VILLAGE_A2, closedAt: '2024-06-01T02:00:00.000Z' }),
      reroute(VILLAGE_B1, '2024-07-01T00:00:00.000Z'),
    ]);
    expect([await open(TOWNSHIP_A), await open(TOWNSHIP_B)]).toEqual([1, 0]);
    expect((await stats(VILLAGE_A2, ADMIN, { kind: 'MONTH', date: '2024-06-01' })).data.divisionStats.closedCases).toBe(
      1,
    );
  });

  it('counts a case reopened after 终本 as open until it closes again, in either order', async () => {
    const open = async () => (await stats(VILLAGE_B1)).data.divisionStats.current.openCases;
    const closedIn = async (date: string) =>
      (await stats(VILLAGE_B1, ADMIN, { kind: 'MONTH', date })).data.divisionStats.closedCases;
    const before = await open();
    const caseId = randomUUID();
    const reopened = event(
      'cases.case.transitioned',
      {
        caseId,
        from: 'TERMINATED_THIS_ROUND',
        to: 'IN_PROGRESS',
        reason: 'assets found',
        at: '2024-08-01T02:00:00.000Z',
        villageCode: VILLAGE_B1,
        townshipCode: TOWNSHIP_B,
      },
      caseId,
    );
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      caseClosed({
        caseId,
        outcome: 'TERMINATED_THIS_ROUND',
        villageCode: VILLAGE_B1,
        closedAt: '2024-07-01T02:00:00.000Z',
      }),
      reopened,
    ]);
    expect(await open()).toBe(before + 1);
    expect(await closedIn('2024-07-01')).toBe(1);
    // The final close arrives, then the reopening is redelivered under a new id: still closed, counted once, in September.
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      caseClosed({ caseId, outcome: 'COMPLETED', villageCode: VILLAGE_B1, closedAt: '2024-09-01T02:00:00.000Z' }),
      { ...reopened, id: randomUUID() },
    ]);
    expect(await open()).toBe(before);
    expect([await closedIn('2024-07-01'), await closedIn('2024-09-01')]).toEqual([0, 1]);
  });

  it('rejects a malformed period or code with the field named', async () => {
    const noDate = await stats(TOWNSHIP_A, ADMIN, { kind: 'MONTH' });
    expect(noDate.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'period.date' });
    const backwards = await stats(TOWNSHIP_A, ADMIN, { kind: 'CUSTOM', from: '2024-03-01', to: '2024-01-01' });
    expect(backwards.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'period.to' });
    const badCode = await stats('33052', ADMIN);
    expect(badCode.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
  });
});
