import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest } from '@zhiyuan/testing';
import { encodeCursor } from '@zhiyuan/kernel';
import { TOWNSHIP_A, VILLAGE_A1 } from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

/**
 * Malformed ids, division codes, cursors and dates never reach PostgreSQL (which would answer with a
 * server error): arguments are VALIDATION_FAILED naming the field, entity references resolve to null.
 */
describe('malformed ids and cursors', () => {
  let t: TestMetrics;
  const gql = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(t.service.url, query, variables, ADMIN);
  const ext = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;
  const year = { kind: 'YEAR', date: '2024-06-01' };
  const counts = async () =>
    (
      await t.service.runtime.ds.query(
        `SELECT (SELECT count(*) FROM metrics.performance_rule_set) AS r, (SELECT count(*) FROM metrics.warning_rule) AS w, (SELECT count(*) FROM metrics.judicial_suggestion) AS s`,
      )
    )[0];

  beforeAll(async () => {
    t = await startMetrics();
  });
  afterAll(() => t.stop());

  it('answers VALIDATION_FAILED on a malformed id or division code of a query', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['id', `query($id: ID!) { performanceRuleSet(id: $id) { id } }`, { id: 'nope' }],
      ['id', `query($id: ID!) { simulatePerformanceRuleSet(id: $id) { rawCount } }`, { id: `${randomUUID()}0` }],
      ['id', `query($id: ID!) { judicialSuggestion(id: $id) { id } }`, { id: '1' }],
      [
        'code',
        `query($c: ID!, $p: MetricsPeriodInput!) { divisionStats(code: $c, period: $p) { divisionCode } }`,
        { c: 'nope', p: year },
      ],
      [
        'code',
        `query($c: ID!) { divisionSeries(code: $c, kpi: CLOSED_CASES, from: "2024-01-01", to: "2024-12-31") { start } }`,
        { c: '3305' },
      ],
      [
        'parentCode',
        `query($c: ID!, $p: MetricsPeriodInput!) { divisionRanking(parentCode: $c, kpi: CLOSED_CASES, period: $p) { rank } }`,
        { c: VILLAGE_A1, p: year },
      ],
      [
        'code',
        `query($c: ID!, $p: MetricsPeriodInput!) { disputeStats(code: $c, period: $p) { cases } }`,
        { c: "330522' OR '1'='1", p: year },
      ],
      [
        'code',
        `query($c: ID!) { disputeSeries(code: $c, from: "2024-01-01", to: "2024-12-31") { cases } }`,
        { c: 'x' },
      ],
      ['divisionCode', `query($c: ID) { warnings(divisionCode: $c) { nodes { id } } }`, { c: 'nope' }],
    ];
    for (const [field, query, variables] of cases) {
      const r = await gql(query, variables);
      expect([field, ext(r)]).toEqual([field, expect.objectContaining({ code: 'VALIDATION_FAILED', field })]);
    }
  });

  it('answers VALIDATION_FAILED naming the scalar on a day or instant PostgreSQL cannot store', async () => {
    // The shared Date and DateTime scalars refuse such a value before any resolver runs.
    const cases: [string, string, Record<string, unknown>][] = [
      [
        'Date',
        `query($c: ID!, $p: MetricsPeriodInput!) { divisionStats(code: $c, period: $p) { divisionCode } }`,
        { c: TOWNSHIP_A, p: { kind: 'DAY', date: '0000-01-01' } },
      ],
      [
        'DateTime',
        `query($f: AuditLogFilter) { auditLog(filter: $f) { nodes { id } } }`,
        { f: { from: '0000-01-01T00:00:00Z' } },
      ],
    ];
    for (const [scalar, query, variables] of cases) {
      const r = await gql(query, variables);
      expect([scalar, ext(r)]).toEqual([scalar, expect.objectContaining({ code: 'VALIDATION_FAILED', scalar })]);
    }
  });

  it('answers VALIDATION_FAILED on a forged cursor of every list', async () => {
    const forged = [
      encodeCursor(['2024-13-01T00:00:00.000Z', randomUUID()]),
      encodeCursor(['0000-01-01T00:00:00.000Z', randomUUID()]),
      encodeCursor(['yesterday', randomUUID()]),
      encodeCursor([new Date().toISOString(), 'nope']),
      encodeCursor([new Date().toISOString()]),
      'garbage',
    ];
    const lists = [
      `query($a: String) { warnings(after: $a) { nodes { id } } }`,
      `query($a: String) { judicialSuggestions(after: $a) { nodes { id } } }`,
      `query($a: String) { auditLog(after: $a) { nodes { id } } }`,
    ];
    for (const query of lists) {
      for (const a of forged)
        expect([query, a, ext(await gql(query, { a }))]).toEqual([
          query,
          a,
          expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'after' }),
        ]);
      // A real cursor still pages.
      expect((await gql(query, { a: encodeCursor([new Date().toISOString(), randomUUID()]) })).errors).toBeUndefined();
    }
  });

  it('resolves a malformed _entities reference to null and the rest of the batch as usual', async () => {
    const judge = randomUUID();
    const r = await gql(
      `query($r: [_Any!]!, $p: MetricsPeriodInput!) { _entities(representations: $r) {
        ... on Staff { id performance(period: $p) { rawCount } } ... on Division { code stats(period: $p) { divisionCode } warnings { id } } } }`,
      {
        p: year,
        r: [
          { __typename: 'Staff', id: 'nope' },
          { __typename: 'Staff', id: judge },
          { __typename: 'Staff', id: 7 },
          { __typename: 'Division', code: 'nope' },
          { __typename: 'Division', code: TOWNSHIP_A },
          { __typename: 'Division', code: '33052210' },
        ],
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data._entities).toEqual([
      null,
      { id: judge, performance: { rawCount: 0 } },
      null,
      null,
      { code: TOWNSHIP_A, stats: { divisionCode: TOWNSHIP_A }, warnings: [] },
      null,
    ]);
    const ruleSet = await gql(
      `query($r: [_Any!]!, $p: MetricsPeriodInput!) { _entities(representations: $r) { ... on Staff { performance(period: $p, ruleSetId: "nope") { rawCount } } } }`,
      { p: year, r: [{ __typename: 'Staff', id: judge }] },
    );
    expect(ext(ruleSet)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ruleSetId' });
  });

  it('answers VALIDATION_FAILED on the ids of every mutation and writes nothing', async () => {
    const before = await counts();
    const rule = {
      name: 'r',
      metric: 'OVERDUE_TASKS',
      comparison: 'GT',
      threshold: 1,
      divisionLevel: 'TOWNSHIP',
      windowDays: 1,
    };
    const calls: [string, string, Record<string, unknown>][] = [
      ['id', `mutation($id: ID!) { activatePerformanceRuleSet(id: $id, reason: "new rules") { id } }`, { id: 'nope' }],
      [
        'id',
        `mutation($id: ID!, $i: WarningRuleInput!) { updateWarningRule(id: $id, input: $i) { id } }`,
        { id: 'nope', i: rule },
      ],
      ['id', `mutation($id: ID!) { sendJudicialSuggestion(id: $id) { id } }`, { id: 'nope' }],
      [
        'id',
        `mutation($id: ID!) { answerJudicialSuggestion(id: $id, answer: "done") { id } }`,
        { id: `${randomUUID()}-1` },
      ],
      [
        'divisionCode',
        `mutation($i: CreateJudicialSuggestionInput!) { createJudicialSuggestion(input: $i) { id } }`,
        { i: { targetDepartment: 'bank', divisionCode: 'nope', title: 't', finding: 'f', figures: [] } },
      ],
    ];
    for (const [field, query, variables] of calls) {
      const r = await gql(query, variables);
      expect([query, ext(r)]).toEqual([query, expect.objectContaining({ code: 'VALIDATION_FAILED', field })]);
    }
    // A day PostgreSQL cannot store is refused by the Date scalar, naming it.
    const yearZero = await gql(
      `mutation($i: CreatePerformanceRuleSetInput!) { createPerformanceRuleSet(input: $i) { id } }`,
      {
        i: {
          name: 'year zero',
          effectiveFrom: '0000-01-01',
          weights: [
            'PERFORMED_AFTER_URGING',
            'COMPLETED',
            'SETTLED_AND_PERFORMED',
            'TERMINATED_THIS_ROUND',
            'EXITED',
            'WITHDRAWN',
          ].map((outcome) => ({ outcome, weight: 1 })),
        },
      },
    );
    expect(ext(yearZero)).toMatchObject({ code: 'VALIDATION_FAILED', scalar: 'Date' });
    expect(await counts()).toEqual(before);
  });
});
