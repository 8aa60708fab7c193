import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { publishAndSettle } from './factories/events';
import { isolatedCodes, quarterFixture } from './factories/fixture';
import { startMetrics, type TestMetrics } from './factories/service';

/**
 * The county-department row of the access matrix (docs/metrics.md): the aggregate figures of its
 * county (stats, series, rankings, disputes), nothing of another county, and none of the rest
 * (warnings, warning rules, judge scores, rule sets, suggestions).
 */
describe('a county department in the cockpit', () => {
  let t: TestMetrics;
  const codes = isolatedCodes();
  const Q1 = { kind: 'QUARTER', date: '2024-02-01' };
  const department = identity(['COUNTY_DEPARTMENT'], { divisionCode: codes.COUNTY, department: 'JUSTICE_BUREAU' });
  const elsewhere = identity(['COUNTY_DEPARTMENT'], { divisionCode: '330599', department: 'JUSTICE_BUREAU' });
  const gql = (query: string, variables: Record<string, unknown>, who = department) =>
    gqlRequest(t.service.url, query, variables, who);
  const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    t = await startMetrics();
    await publishAndSettle(t.bus, t.service.runtime.ds, quarterFixture(codes).events);
  });
  afterAll(() => t.stop());

  it('reads the figures of every division of its county, as a judge does', async () => {
    const q = `query($c: ID!, $p: MetricsPeriodInput!) {
      divisionStats(code: $c, period: $p) { closedCases completionRate current { openCases } }
      divisionRanking(parentCode: $c, kpi: COMPLETION_RATE, period: $p) { rank division { code } value }
      disputeStats(code: $c, period: $p) { causeCategory }
      divisionSeries(code: $c, kpi: COMPLETION_RATE, from: "2024-01-01", to: "2024-03-31") { value }
    }`;
    for (const c of [codes.COUNTY, codes.TOWNSHIP_A, codes.TOWNSHIP_B]) {
      const mine = await gql(q, { c, p: Q1 });
      expect(mine.errors).toBeUndefined();
      const judge = await gql(q, { c, p: Q1 }, identity(['JUDGE']));
      expect(mine.data).toEqual(judge.data);
    }
    const county = await gql(q, { c: codes.COUNTY, p: Q1 });
    expect(county.data.divisionStats.closedCases).toBe(5);
    expect(county.data.divisionRanking.map((e: { division: { code: string } }) => e.division.code).sort()).toEqual([
      codes.TOWNSHIP_A,
      codes.TOWNSHIP_B,
    ]);
  });

  it('reads nothing of another county', async () => {
    const r = await gql(
      `query($c: ID!, $p: MetricsPeriodInput!) { divisionStats(code: $c, period: $p) { closedCases } }`,
      { c: codes.COUNTY, p: Q1 },
      elsewhere,
    );
    expect(code(r)).toBe('FORBIDDEN');
    const none = identity(['COUNTY_DEPARTMENT'], { department: 'JUSTICE_BUREAU' });
    expect(
      code(
        await gql(
          `query($c: ID!, $p: MetricsPeriodInput!) { divisionStats(code: $c, period: $p) { closedCases } }`,
          { c: codes.COUNTY, p: Q1 },
          none,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('reads no warnings, warning rules, judge scores, rule sets or suggestions', async () => {
    for (const q of [
      `{ warnings(first: 5) { nodes { id } } }`,
      `query($c: ID!) { warnings(divisionCode: $c, first: 5) { nodes { id } } }`,
      `{ warningRules { id } }`,
      `{ judgeScores { rawCount } }`,
      `{ performanceRuleSets { id } }`,
      `{ judicialSuggestions { nodes { id } } }`,
    ])
      expect([q, code(await gql(q, { c: codes.COUNTY }))]).toEqual([q, 'FORBIDDEN']);
    const nested = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { code warnings { id } } } }`,
      { r: [{ __typename: 'Division', code: codes.TOWNSHIP_A }] },
    );
    expect(nested.data._entities).toEqual([{ code: codes.TOWNSHIP_A, warnings: [] }]);
    expect((await gql(`{ warnings(first: 5) { nodes { id } } }`, {}, ADMIN)).errors).toBeUndefined();
  });
});
