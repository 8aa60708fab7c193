import { randomUUID } from 'node:crypto';
import type { EventPayload } from '@zhiyuan/events';
import { ADMIN, gqlRequest } from '@zhiyuan/testing';
import { lockProjection } from '../src/projection/projector';
import { recomputeAll } from '../src/projection/aggregates';
import { loadMetricsConfig, settingsFrom } from '../src';
import {
  COUNTY,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A1,
  VILLAGE_A2,
  VILLAGE_B1,
  event,
  publishAndSettle,
  type AnyEnvelope,
} from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

/*
 * Obligors coming forward online, first quarter of 2024 (days in Asia/Shanghai):
 *
 * proposal village intent               submitted  decided     counts as relieved
 * P1       A1      REQUEST_GRACE        03-04      03-08 ACCEPT yes (delivered twice)
 * P2       A1      PROPOSE_INSTALMENTS  03-05      04-02 ACCEPT yes, in April
 * P3       A1      PAY_NOW              03-06      03-07 ACCEPT no (a payment, not relief)
 * P4       A1      PROPOSE_SETTLEMENT   03-07      03-09 REJECT no
 * P5       B1      PROPOSE_SETTLEMENT   03-10      03-12 ACCEPT yes
 * P6       A2      REQUEST_GRACE        03-14      03-15 ACCEPT yes (the decision arrives first)
 *
 * Township A, Q1: came forward 5 (P1 P2 P3 P4 P6), relieved 2 (P1 P6), rate 0.4.
 * County, Q1: came forward 6, relieved 3 (P1 P5 P6), rate 0.5. Township A, Q2: came forward 0, relieved 1.
 */
describe('obligors coming forward, counted on the cockpit', () => {
  let t: TestMetrics;
  const STATS = `query($code: ID!, $period: MetricsPeriodInput!) { divisionStats(code: $code, period: $period) { cameForward cameForwardRelieved cameForwardReliefRate } }`;
  const Q1 = { kind: 'QUARTER', date: '2024-02-15' };
  const stats = async (code: string, period: unknown = Q1) =>
    (await gqlRequest<any>(t.service.url, STATS, { code, period }, ADMIN)).data.divisionStats;
  const at = (day: string) => `${day}T04:00:00.000Z`;

  const proposal = (village: string, intent: EventPayload<'tasks.proposal.submitted'>['intent']) => ({
    proposalId: randomUUID(),
    caseId: randomUUID(),
    obligorId: randomUUID(),
    intent,
    villageCode: village,
    townshipCode: village.slice(0, 9),
  });
  const submitted = (p: ReturnType<typeof proposal>, day: string) =>
    event('tasks.proposal.submitted', { ...p, submittedAt: at(day), expiresAt: at(day) }, p.caseId);
  const decided = (p: ReturnType<typeof proposal>, day: string, decision: 'ACCEPT' | 'REJECT') =>
    event(
      'tasks.proposal.decided',
      {
        ...p,
        decision,
        decidedAt: at(day),
        reason: decision === 'REJECT' ? '金额过低' : null,
        settlement: null,
        grace: p.intent === 'REQUEST_GRACE' && decision === 'ACCEPT' ? { months: 2, reasonCode: 'ILLNESS' } : null,
      },
      p.caseId,
    );

  beforeAll(async () => {
    t = await startMetrics();
    const p1 = proposal(VILLAGE_A1, 'REQUEST_GRACE');
    const p2 = proposal(VILLAGE_A1, 'PROPOSE_INSTALMENTS');
    const p3 = proposal(VILLAGE_A1, 'PAY_NOW');
    const p4 = proposal(VILLAGE_A1, 'PROPOSE_SETTLEMENT');
    const p5 = proposal(VILLAGE_B1, 'PROPOSE_SETTLEMENT');
    const p6 = proposal(VILLAGE_A2, 'REQUEST_GRACE');
    const p1Decided = decided(p1, '2024-03-08', 'ACCEPT');
    const events: AnyEnvelope[] = [
      submitted(p1, '2024-03-04'),
      p1Decided,
      submitted(p2, '2024-03-05'),
      decided(p2, '2024-04-02', 'ACCEPT'),
      submitted(p3, '2024-03-06'),
      decided(p3, '2024-03-07', 'ACCEPT'),
      submitted(p4, '2024-03-07'),
      decided(p4, '2024-03-09', 'REJECT'),
      submitted(p5, '2024-03-10'),
      decided(p5, '2024-03-12', 'ACCEPT'),
      decided(p6, '2024-03-15', 'ACCEPT'),
    ];
    await publishAndSettle(t.bus, t.service.runtime.ds, events);
    // The decision re-published under a new id, and the late submission of P6.
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      { ...p1Decided, id: randomUUID() },
      submitted(p6, '2024-03-14'),
    ]);
  });
  afterAll(() => t.stop());

  it('counts who came forward and who got a grace period or a settlement, per division and period', async () => {
    expect(await stats(TOWNSHIP_A)).toEqual({ cameForward: 5, cameForwardRelieved: 2, cameForwardReliefRate: 0.4 });
    expect(await stats(VILLAGE_A1)).toEqual({ cameForward: 4, cameForwardRelieved: 1, cameForwardReliefRate: 0.25 });
    expect(await stats(TOWNSHIP_B)).toEqual({ cameForward: 1, cameForwardRelieved: 1, cameForwardReliefRate: 1 });
    expect(await stats(COUNTY)).toEqual({ cameForward: 6, cameForwardRelieved: 3, cameForwardReliefRate: 0.5 });
    expect(await stats(TOWNSHIP_A, { kind: 'QUARTER', date: '2024-05-15' })).toEqual({
      cameForward: 0,
      cameForwardRelieved: 1,
      cameForwardReliefRate: null,
    });
  });

  it('ranks townships by those who came forward', async () => {
    const r = await gqlRequest<any>(
      t.service.url,
      `query($p: MetricsPeriodInput!) { divisionRanking(parentCode: "${COUNTY}", kpi: CAME_FORWARD, period: $p) { rank division { code } value } }`,
      { p: Q1 },
      ADMIN,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.divisionRanking.slice(0, 2)).toEqual([
      { rank: 1, division: { code: TOWNSHIP_A }, value: 5 },
      { rank: 2, division: { code: TOWNSHIP_B }, value: 1 },
    ]);
  });

  it('gives the same figures when recomputed from the facts', async () => {
    const ds = t.service.runtime.ds;
    const read = () =>
      ds.query(
        `SELECT division_code, to_char(day, 'YYYY-MM-DD') AS day, came_forward, came_forward_relieved FROM metrics.division_daily
          WHERE came_forward > 0 OR came_forward_relieved > 0 ORDER BY 1, 2`,
      );
    const live = await read();
    expect(live.length).toBeGreaterThan(0);
    const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));
    await ds.transaction(async (m) => {
      await lockProjection(m);
      await recomputeAll(m, settings);
    });
    expect(await read()).toEqual(live);
  });
});
