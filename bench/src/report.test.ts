import type { LiveResults } from './scenarios/live';
import { renderMarkdown, targets, type BenchResults } from './report';

const dist = (p99: number) => ({ count: 100, p50: p99 / 4, p99, max: p99 * 1.2 });

function results(live: Partial<LiveResults>): BenchResults {
  return {
    meta: {
      startedAt: '2026-12-04T21:00:00.000Z',
      scale: 'county',
      seed: 1,
      scenarios: ['live'],
      judgmentsLoaded: 400,
      machine: { cpus: 2, cpuModel: 'test', memoryGb: 8, node: 'v20', platform: 'linux' },
      settings: { durationSeconds: 30, connections: 16 },
    },
    live: {
      subscribers: 1000,
      cases: 68,
      villages: 54,
      targetRatePerSecond: 20,
      achievedRatePerSecond: 20,
      payments: 600,
      paymentErrors: 0,
      paymentErrorCodes: {},
      expected: 8832,
      received: 8832,
      dropped: 0,
      duplicated: 0,
      latencyFromSendMs: dist(280),
      latencyFromAnswerMs: dist(100),
      gatewayCpuPercent: 9,
      gatewayRssMb: { before: 200, withSubscribers: 220, perThousandSubscribers: 16 },
      ...live,
    } as LiveResults,
    notRun: [],
  };
}

const liveTarget = (r: BenchResults) => targets(r).find((t) => t.target.startsWith('Live: p99'))!;

describe('the live latency target', () => {
  it('is judged from the payment’s commit when the run heard the events on NATS', () => {
    const met = liveTarget(results({ latencyFromCommitMs: dist(120), latencyFromEventMs: dist(60) }));
    expect(met.ok).toBe(true);
    expect(met.measured).toContain("p99 120.0 ms from the payment's commit");
    expect(liveTarget(results({ latencyFromCommitMs: dist(151), latencyFromEventMs: dist(60) })).ok).toBe(false);
  });

  it('falls back to the send, an upper bound, without NATS', () => {
    expect(liveTarget(results({})).ok).toBe(false);
    expect(liveTarget(results({ latencyFromSendMs: dist(140) })).ok).toBe(true);
  });

  it('is missed with a lost or doubled message, and not judged below the target’s scale', () => {
    expect(liveTarget(results({ latencyFromCommitMs: dist(100), duplicated: 1 })).ok).toBe(false);
    expect(liveTarget(results({ latencyFromCommitMs: dist(100), subscribers: 10 })).ok).toBeUndefined();
  });

  it('shows the commit row in the live table', () => {
    const md = renderMarkdown(
      results({
        latencyFromCommitMs: dist(120),
        latencyFromEventMs: dist(60),
        byEvent: { events: 600, expected: 8832, received: 8832, missing: 0 },
      }),
    );
    expect(md).toMatch(/\| payment committed .* → message, p50 \/ p99 \/ max \| 30\.0 \/ 120\.0 \/ 144\.0 ms \|/);
  });
});
