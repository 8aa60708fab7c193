import { randomUUID } from 'node:crypto';
import { InProcessEventBus } from '@zhiyuan/events';
import type { DataSource } from 'typeorm';
import { lockProjection } from '../src/projection/projector';
import { recomputeAll } from '../src/projection/aggregates';
import { loadMetricsConfig, settingsFrom } from '../src';
import { event, publishAndSettle, type AnyEnvelope } from './factories/events';
import { caseLifeEvents, prng } from './factories/workload';
import { startMetrics, type TestMetrics } from './factories/service';

const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));

/** Every read model, without the all-zero rows a delta can leave and without timestamps. */
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
    dims: await ds.query(
      `SELECT division_code, to_char(day, 'YYYY-MM-DD') AS day, dim, key, n, amount_fen FROM metrics.division_daily_dim ORDER BY 1, 2, 3, 4`,
    ),
    monthlyDims: await ds.query(
      `SELECT division_code, to_char(month, 'YYYY-MM-DD') AS month, dim, key, n, amount_fen FROM metrics.division_monthly_dim ORDER BY 1, 2, 3, 4`,
    ),
    snapshots: nonZero(
      await ds.query(
        `SELECT division_code, open_cases, obligors_with_open_cases, active_listings, listed_obligors, open_tasks, overdue_tasks FROM metrics.division_snapshot ORDER BY 1`,
      ),
      ['division_code'],
    ),
    openObligors: await ds.query(`SELECT division_code, party_id, n FROM metrics.division_open_obligor ORDER BY 1, 2`),
    listedParties: await ds.query(`SELECT division_code, party_id, n FROM metrics.division_listed_party ORDER BY 1, 2`),
    judgeDaily: await ds.query(
      `SELECT judge_id, to_char(day, 'YYYY-MM-DD') AS day, outcome, n FROM metrics.judge_daily ORDER BY 1, 2, 3`,
    ),
    judgeScores: await ds.query(
      `SELECT judge_id, rule_set_id, raw_count, weighted::text AS weighted FROM metrics.judge_score ORDER BY 1`,
    ),
    seen: await ds.query(`SELECT code, level FROM metrics.division_seen ORDER BY 1`),
  };
}

/**
 * Case lives with everything that makes a projection hard: cases moving between villages before
 * they close (and stale moves after), cases terminated for this round, taken up again and closed
 * once more with another outcome, payments reversed and cases re-opened by a reversal (some closed
 * again), repeated events under new ids (a producer retry), all shuffled.
 */
function randomHistory(seed: number): AnyEnvelope[] {
  const rnd = prng(seed);
  const lives = caseLifeEvents({
    cases: 90,
    seed,
    townships: 3,
    villagesPerTownship: 3,
    judges: 4,
    obligorReuse: 2.5,
    spanDays: 120,
  });
  const extra: AnyEnvelope[] = [];
  const village = () => `330522${101 + Math.floor(rnd() * 3)}${201 + Math.floor(rnd() * 3)}`;
  for (const e of lives) {
    if (e.type === 'cases.judgment.effective' && rnd() < 0.3) {
      const { caseId } = e.payload;
      for (let k = 0; k < 2; k++) {
        const v = village();
        const at = new Date(
          Date.parse(`${e.payload.effectiveDate}T00:00:00Z`) + (1 + Math.floor(rnd() * 400)) * 86_400_000,
        ).toISOString();
        extra.push(
          event(
            'cases.case.rerouted',
            {
              caseId,
              caseNumber: e.payload.caseNumber,
              partyId: randomUUID(),
              previousVillageCode: null,
              previousTownshipCode: null,
              officerId: null,
              reroutedAt: at,
              villageCode: v,
              townshipCode: v.slice(0, 9),
            },
            caseId,
          ),
        );
      }
    }
    if (e.type === 'cases.case.closed' && e.payload.outcome === 'TERMINATED_THIS_ROUND' && rnd() < 0.6) {
      const { caseId, closedAt } = e.payload;
      const reopenedAt = new Date(Date.parse(closedAt) + 20 * 86_400_000).toISOString();
      extra.push(
        event(
          'cases.case.transitioned',
          {
            caseId,
            from: 'TERMINATED_THIS_ROUND',
            to: 'IN_PROGRESS',
            reason: 'assets found',
            at: reopenedAt,
            villageCode: e.payload.villageCode,
            townshipCode: e.payload.townshipCode,
          },
          caseId,
        ),
      );
      if (rnd() < 0.5) {
        const closedAgain = new Date(Date.parse(closedAt) + 60 * 86_400_000).toISOString();
        extra.push(
          event(
            'cases.case.closed',
            {
              ...e.payload,
              outcome: 'COMPLETED',
              closedAt: closedAgain,
              daysOpen: e.payload.daysOpen + 60,
              amountRecoveredFen: e.payload.amountAppliedFen,
            },
            caseId,
          ),
        );
      }
    }
    // Payments reversed as recorded in error; cases closed by payment re-opened by a reversal, some closed again.
    if (e.type === 'cases.performance.recorded' && rnd() < 0.15) {
      const reversedAt = new Date(Date.parse(e.payload.recordedAt) + 3 * 86_400_000).toISOString();
      const { caseId, performanceId, amountFen, source, paidOn, recordedAt, obligorIds } = e.payload;
      const payload = {
        caseId,
        performanceId,
        amountFen,
        source,
        paidOn,
        recordedAt,
        obligorIds,
        reversalId: randomUUID(),
        reason: '录入错误',
        outstandingFen: amountFen,
        totalPaidFen: 0,
        reopened: false,
        state: 'IN_PROGRESS',
        reversedAt,
        villageCode: null,
        townshipCode: null,
      };
      extra.push(event('cases.performance.reversed', payload, caseId));
    }
    if (
      e.type === 'cases.case.closed' &&
      ['COMPLETED', 'PERFORMED_AFTER_URGING', 'SETTLED_AND_PERFORMED'].includes(e.payload.outcome) &&
      rnd() < 0.3
    ) {
      const { caseId, closedAt, outcome } = e.payload;
      const from = outcome === 'PERFORMED_AFTER_URGING' ? 'PERFORMED_AFTER_URGING' : 'COMPLETED';
      const at = new Date(Date.parse(closedAt) + 5 * 86_400_000).toISOString();
      extra.push(
        event(
          'cases.case.transitioned',
          {
            caseId,
            from,
            to: from === 'COMPLETED' ? 'IN_PROGRESS' : 'URGING',
            reason: 'payment reversed',
            at,
            villageCode: e.payload.villageCode,
            townshipCode: e.payload.townshipCode,
          },
          caseId,
        ),
      );
      if (rnd() < 0.5)
        extra.push(
          event(
            'cases.case.closed',
            {
              ...e.payload,
              closedAt: new Date(Date.parse(closedAt) + 30 * 86_400_000).toISOString(),
              daysOpen: e.payload.daysOpen + 30,
            },
            caseId,
          ),
        );
    }
    // Obligors coming forward online: submitted, then decided (accepted as relief, a payment, or rejected), or never.
    if (e.type === 'cases.judgment.effective' && rnd() < 0.35) {
      const { caseId, villageCode, townshipCode } = e.payload;
      const intents = ['PAY_NOW', 'PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE'] as const;
      const intent = intents[Math.floor(rnd() * intents.length)]!;
      const keys = {
        proposalId: randomUUID(),
        caseId,
        obligorId: e.payload.obligorIds[0]!,
        intent,
        villageCode,
        townshipCode,
      };
      const day = (n: number) =>
        new Date(Date.parse(`${e.payload.effectiveDate}T00:00:00Z`) + n * 86_400_000 + Math.floor(rnd() * 86_400_000));
      const submittedAt = day(5 + Math.floor(rnd() * 60));
      extra.push(
        event(
          'tasks.proposal.submitted',
          { ...keys, submittedAt: submittedAt.toISOString(), expiresAt: submittedAt.toISOString() },
          caseId,
        ),
      );
      if (rnd() < 0.8) {
        const accept = rnd() < 0.7;
        extra.push(
          event(
            'tasks.proposal.decided',
            {
              ...keys,
              decision: accept ? 'ACCEPT' : 'REJECT',
              decidedAt: new Date(submittedAt.getTime() + Math.floor(rnd() * 20) * 86_400_000).toISOString(),
              settlement: null,
              grace: accept && intent === 'REQUEST_GRACE' ? { months: 1, reasonCode: 'ILLNESS' } : null,
            },
            caseId,
          ),
        );
      }
    }
  }
  const all = [...lives, ...extra];
  const retried = all.filter(() => rnd() < 0.15).map((e) => ({ ...e, id: randomUUID() }) as AnyEnvelope);
  const shuffled = [...all, ...retried];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

describe.each([
  ['1', '1'],
  ['64', '1'],
  ['64', '2'],
])(
  'incremental projection equals a full recompute (EVENT_BATCH_SIZE %s, EVENT_BATCHES_AT_ONCE %s)',
  (batchSize, lines) => {
    let t: TestMetrics;
    beforeAll(async () => {
      t = await startMetrics({ EVENT_BATCH_SIZE: batchSize, EVENT_BATCHES_AT_ONCE: lines });
    });
    afterAll(() => t.stop());

    it.each([11, 23])(
      'on a shuffled history with moves, reopenings and retries (seed %i)',
      async (seed) => {
        const ds = t.service.runtime.ds;
        // Several hundred events one at a time when the batch is 1: give a loaded machine time.
        await publishAndSettle(t.bus, ds, randomHistory(seed), { timeoutMs: 90_000 });
        // Handlers of different subjects ran concurrently; none failed (a deadlock would have been retried and show here).
        expect((t.bus as InProcessEventBus).stats.redelivered).toBe(0);
        expect((t.bus as InProcessEventBus).deadLetters).toEqual([]);
        // With batches, events arriving together shared a transaction (one inbox statement for several).
        const batchedInbox = t.statements.filter((q) => q.includes('inbox_message') && q.includes('unnest')).length;
        if (batchSize === '1') expect(batchedInbox).toBe(0);
        else expect(batchedInbox).toBeGreaterThan(0);
        const live = await readModels(ds);
        // The history reaches every kind of figure, so a projection that skipped one could not pass.
        expect(live.daily.length).toBeGreaterThan(100);
        for (const dim of ['OUTCOME', 'DAYS_OPEN', 'CAUSE', 'TASK_CREATED', 'TASK_DONE'])
          expect(live.dims.some((d: { dim: string }) => d.dim === dim)).toBe(true);
        for (const col of [
          'repayments_after_exposure',
          'listings_removed',
          'urgings_performed',
          'tasks_overdue',
          'meetings_held',
          'old_cases_resolved',
        ])
          expect(live.daily.some((r) => Number(r[col]) > 0)).toBe(true);
        expect(
          live.snapshots.some((r) => Number(r.obligors_with_open_cases) > 0 && Number(r.listed_obligors) > 0),
        ).toBe(true);
        expect(live.judgeScores.length).toBeGreaterThan(0);

        await ds.transaction(async (m) => {
          await lockProjection(m);
          await recomputeAll(m, settings);
        });
        expect(await readModels(ds)).toEqual(live);
      },
      120_000,
    );
  },
);
