import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { CASE_OUTCOMES, InProcessEventBus } from '@zhiyuan/events';
import { caseClosed, publishAndSettle } from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

const PERFORMANCE = `query($id: ID!, $period: MetricsPeriodInput!, $scoring: JudgeScoring, $ruleSetId: ID) {
  _entities(representations: [{ __typename: "Staff", id: $id }]) {
    ... on Staff { performance(period: $period, scoring: $scoring, ruleSetId: $ruleSetId) { rawCount weightedScore ruleSet { version } byOutcome { outcome count weight weighted } } }
  }
}`;
const YEAR_2024 = { kind: 'YEAR', date: '2024-06-01' };
const weights = (urged: number) =>
  CASE_OUTCOMES.map((outcome) => ({ outcome, weight: outcome === 'PERFORMED_AFTER_URGING' ? urged : 1 }));

describe('judge performance weighting', () => {
  let t: TestMetrics;
  const judge = randomUUID();
  const otherJudge = randomUUID();
  const judgeIdentity = identity(['JUDGE'], { sub: judge });
  const urgedCase = caseClosed({ judgeId: judge, outcome: 'PERFORMED_AFTER_URGING' });

  const performance = async (vars: Record<string, unknown> = {}, who = ADMIN, id = judge) => {
    const r = await gqlRequest(t.service.url, PERFORMANCE, { id, period: YEAR_2024, ...vars }, who);
    return r;
  };

  beforeAll(async () => {
    t = await startMetrics();
  });
  afterAll(() => t.stop());

  it('counts a case closed after urging 1.5 for its judge', async () => {
    await publishAndSettle(t.bus, t.service.runtime.ds, [urgedCase]);
    const r = await performance();
    expect(r.errors).toBeUndefined();
    const p = r.data._entities[0].performance;
    expect(p).toMatchObject({ rawCount: 1, weightedScore: 1.5, ruleSet: { version: 1 } });
    expect(p.byOutcome.find((o: { outcome: string }) => o.outcome === 'PERFORMED_AFTER_URGING')).toEqual({
      outcome: 'PERFORMED_AFTER_URGING',
      count: 1,
      weight: 1.5,
      weighted: 1.5,
    });
    // The new figures are announced with the projection's commit (the gateway's cache drops cockpit answers on it).
    const announced = await t.service.runtime.ds.query(
      `SELECT envelope FROM metrics.outbox_message WHERE type = 'metrics.figures.updated' AND envelope->>'causationId' = $1`,
      [urgedCase.id],
    );
    expect(announced).toHaveLength(1);
    expect(announced[0].envelope.payload.divisionCodes).toEqual(
      expect.arrayContaining([urgedCase.payload.villageCode, urgedCase.payload.townshipCode]),
    );
  });

  it('counts the same closed case once when it is delivered twice, redelivered or arrives late', async () => {
    const completed = caseClosed({ judgeId: judge, outcome: 'COMPLETED', closedAt: '2024-05-01T02:00:00.000Z' });
    const bus = t.bus as InProcessEventBus;
    // The same envelope twice (the bus drops the second by message id), then the same fact under a
    // new event id (a producer retry), then the urged case again, late, after newer facts.
    await publishAndSettle(bus, t.service.runtime.ds, [completed]);
    await bus.publishRaw('cases.case.closed', JSON.stringify(completed));
    const retried = { ...completed, id: randomUUID() };
    const lateRepeat = { ...urgedCase, id: randomUUID() };
    await publishAndSettle(bus, t.service.runtime.ds, [retried, lateRepeat]);
    // A direct redelivery through the inbox changes nothing either.
    const handled = await t.service.runtime.messaging.handleOnce(
      'metrics__score-closed-case-for-judge-and-divisions',
      completed,
      async () => {
        throw new Error('must not run again');
      },
    );
    expect(handled).toBe(false);
    const p = (await performance()).data._entities[0].performance;
    expect(p).toMatchObject({ rawCount: 2, weightedScore: 2.5 });
    const [row] = await t.service.runtime.ds.query(
      `SELECT raw_count, weighted::float AS weighted FROM metrics.judge_score WHERE judge_id = $1`,
      [judge],
    );
    expect(row).toEqual({ raw_count: 2, weighted: 2.5 });
  });

  it('simulates a draft without changing any score, then activation rescores past facts', async () => {
    await publishAndSettle(t.bus, t.service.runtime.ds, [caseClosed({ judgeId: otherJudge, outcome: 'EXITED' })]);
    const created = await gqlRequest(
      t.service.url,
      `mutation($i: CreatePerformanceRuleSetInput!) { createPerformanceRuleSet(input: $i) { id status version } }`,
      {
        i: { name: 'Urging counts double', effectiveFrom: '2025-01-01', weights: weights(2) },
      },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const draft = created.data.createPerformanceRuleSet;
    expect(draft.status).toBe('DRAFT');

    const sim = await gqlRequest(
      t.service.url,
      `query($id: ID!) { simulatePerformanceRuleSet(id: $id) { judge { id } rawCount activeScore draftScore difference } }`,
      { id: draft.id },
      ADMIN,
    );
    expect(sim.errors).toBeUndefined();
    expect(sim.data.simulatePerformanceRuleSet).toEqual([
      { judge: { id: judge }, rawCount: 2, activeScore: 2.5, draftScore: 3, difference: 0.5 },
      { judge: { id: otherJudge }, rawCount: 1, activeScore: 1, draftScore: 1, difference: 0 },
    ]);
    expect((await performance()).data._entities[0].performance.weightedScore).toBe(2.5);
    const outboxBefore = await t.service.runtime.ds.query(
      `SELECT count(*)::int AS n FROM metrics.outbox_message WHERE type = 'metrics.rules.activated'`,
    );
    expect(outboxBefore[0].n).toBe(0);

    const activated = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { activatePerformanceRuleSet(id: $id, reason: "Reward urging more") { status activatedBy activationReason activatedAt } }`,
      { id: draft.id },
      ADMIN,
    );
    expect(activated.errors).toBeUndefined();
    expect(activated.data.activatePerformanceRuleSet).toMatchObject({
      status: 'ACTIVE',
      activatedBy: ADMIN.sub,
      activationReason: 'Reward urging more',
    });

    // The 2024 case now counts 2.0 under the active set; the set in force in 2024 still gives 1.5.
    expect((await performance()).data._entities[0].performance).toMatchObject({
      rawCount: 2,
      weightedScore: 3,
      ruleSet: { version: 2 },
    });
    expect((await performance({ scoring: 'IN_FORCE_THEN' })).data._entities[0].performance).toMatchObject({
      weightedScore: 2.5,
      ruleSet: { version: 1 },
    });
    const [row] = await t.service.runtime.ds.query(
      `SELECT weighted::float AS weighted FROM metrics.judge_score WHERE judge_id = $1`,
      [judge],
    );
    expect(row.weighted).toBe(3);

    const events = await t.service.runtime.ds.query(
      `SELECT envelope FROM metrics.outbox_message WHERE type = 'metrics.rules.activated'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].envelope.payload).toMatchObject({
      ruleSetId: draft.id,
      version: 2,
      activatedBy: ADMIN.sub,
      reason: 'Reward urging more',
    });
    const sets = await gqlRequest(t.service.url, `{ performanceRuleSets { version status } }`, {}, ADMIN);
    expect(sets.data.performanceRuleSets).toEqual([
      { version: 2, status: 'ACTIVE' },
      { version: 1, status: 'RETIRED' },
    ]);
  });

  it('refuses to activate a set twice, and invalid weights, writing nothing', async () => {
    const [{ id }] = await t.service.runtime.ds.query(
      `SELECT id FROM metrics.performance_rule_set WHERE status = 'ACTIVE'`,
    );
    const again = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { activatePerformanceRuleSet(id: $id, reason: "again") { id } }`,
      { id },
      ADMIN,
    );
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'ACTIVE' });
    const before = await t.service.runtime.ds.query(`SELECT count(*)::int AS n FROM metrics.performance_rule_set`);
    const create = (w: unknown) =>
      gqlRequest(
        t.service.url,
        `mutation($i: CreatePerformanceRuleSetInput!) { createPerformanceRuleSet(input: $i) { id } }`,
        { i: { name: 'x', effectiveFrom: '2025-01-01', weights: w } },
        ADMIN,
      );
    const negative = await create(weights(-1));
    expect(negative.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'weights.0.weight' });
    const tooBig = await create(weights(11));
    expect(tooBig.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'weights.0.weight' });
    const missing = await create(weights(2).slice(1));
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'weights' });
    const after = await t.service.runtime.ds.query(`SELECT count(*)::int AS n FROM metrics.performance_rule_set`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('shows judge scores to judges and administrators; rule changes are for administrators', async () => {
    expect((await performance({}, judgeIdentity)).data._entities[0].performance.rawCount).toBe(2);
    expect((await performance({}, judgeIdentity, otherJudge)).data._entities[0].performance.rawCount).toBe(1);
    const scores = await gqlRequest(
      t.service.url,
      `{ judgeScores { judge { id } rawCount weightedScore } }`,
      {},
      judgeIdentity,
    );
    expect(scores.data.judgeScores).toEqual([
      { judge: { id: judge }, rawCount: 2, weightedScore: 3 },
      { judge: { id: otherJudge }, rawCount: 1, weightedScore: 1 },
    ]);
    const cadre = await performance({}, identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' }));
    expect(cadre.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const officer = await gqlRequest(
      t.service.url,
      `{ judgeScores { rawCount } }`,
      {},
      identity(['ENFORCEMENT_OFFICER'], { divisionCode: '330522104' }),
    );
    expect(officer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const sim = await gqlRequest(
      t.service.url,
      `query($id: ID!) { simulatePerformanceRuleSet(id: $id) { rawCount } }`,
      { id: randomUUID() },
      judgeIdentity,
    );
    expect(sim.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const byJudge = await gqlRequest(
      t.service.url,
      `mutation($i: CreatePerformanceRuleSetInput!) { createPerformanceRuleSet(input: $i) { id } }`,
      { i: { name: 'x', effectiveFrom: '2025-01-01', weights: weights(3) } },
      judgeIdentity,
    );
    expect(byJudge.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
