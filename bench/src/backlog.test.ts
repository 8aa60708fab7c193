import {
  completeness,
  consumersIdle,
  coresUsed,
  limiter,
  machineBusyCores,
  parseProcStat,
  serviceOfDurable,
  throughput,
  type ConsumerState,
} from './backlog/verdicts';

const durable = (name: string, pending = 0, ackPending = 0): ConsumerState => ({
  stream: 'CASES',
  name,
  pending,
  ackPending,
});

describe('the backlog drain: consumers idle', () => {
  it('reads the service from a durable name', () => {
    expect(serviceOfDurable('people-credit__project-case')).toBe('people-credit');
    expect(serviceOfDurable('metrics__cases_all')).toBe('metrics');
    expect(serviceOfDurable('partner-bank')).toBe('partner-bank');
  });

  it('is idle when nothing is pending or unacknowledged and every service has its durables', () => {
    const r = consumersIdle([durable('tasks__a'), durable('metrics__b')], ['tasks', 'metrics']);
    expect(r).toEqual({ idle: true, busy: [], missing: [], others: [] });
  });

  it('is busy while any durable has pending or unacknowledged messages', () => {
    const pending = consumersIdle([durable('tasks__a', 3), durable('metrics__b')], ['tasks', 'metrics']);
    expect(pending.idle).toBe(false);
    expect(pending.busy.map((c) => c.name)).toEqual(['tasks__a']);
    const unacked = consumersIdle([durable('tasks__a'), durable('metrics__b', 0, 1)], ['tasks', 'metrics']);
    expect(unacked.idle).toBe(false);
    expect(unacked.busy.map((c) => c.name)).toEqual(['metrics__b']);
  });

  it("leaves out durables that are not the product's services' own (partners pull theirs)", () => {
    const partner = durable('partner_BANK_LOAN', 45);
    const r = consumersIdle([durable('tasks__a'), durable('metrics__b'), partner], ['cases', 'tasks', 'metrics'], []);
    expect(r.idle).toBe(true);
    expect(r.others).toEqual([partner]);
    expect(consumersIdle([durable('cases__x', 1), partner], ['cases'], []).idle).toBe(false);
  });

  it('is not idle while a held-back service has no durable yet', () => {
    const r = consumersIdle([durable('tasks__a')], ['tasks', 'metrics']);
    expect(r.idle).toBe(false);
    expect(r.missing).toEqual(['metrics']);
  });
});

describe('the backlog drain: read models complete', () => {
  it('is complete only when every figure equals what the sources imply', () => {
    const ok = completeness({ open: 5, listings: 2 }, { open: 5, listings: 2 });
    expect(ok.complete).toBe(true);
    const short = completeness({ open: 5, listings: 2 }, { open: 4, listings: 2 });
    expect(short.complete).toBe(false);
    expect(short.checks.filter((c) => !c.ok)).toEqual([{ check: 'open', expected: 5, actual: 4, ok: false }]);
  });

  it('counts a figure that cannot be read, or a source that cannot be counted, as not complete', () => {
    expect(completeness({ open: 5 }, { open: null }).complete).toBe(false);
    expect(completeness({ open: 5 }, {}).checks[0]).toEqual({ check: 'open', expected: 5, actual: null, ok: false });
    expect(completeness({ tasks: Number.NaN }, { tasks: null }).complete).toBe(false);
    expect(completeness({ tasks: Number.NaN }, { tasks: Number.NaN }).complete).toBe(false);
  });

  it('is not complete with nothing to check', () => {
    expect(completeness({}, {}).complete).toBe(false);
  });
});

describe('the backlog drain: events per second and what limited it', () => {
  const t0 = 1_000_000;
  it('rates each consumer over its active window and from the clock start, busiest first', () => {
    const r = throughput(
      [
        { schema: 'tasks', consumer: 'a', handled: 100, firstMs: t0 + 2000, lastMs: t0 + 12_000 },
        { schema: 'metrics', consumer: 'b', handled: 500, firstMs: t0 + 1000, lastMs: t0 + 6000 },
        { schema: 'metrics', consumer: 'idle', handled: 0, firstMs: 0, lastMs: 0 },
      ],
      t0,
    );
    expect(r.map((x) => x.consumer)).toEqual(['b', 'a']);
    expect(r[0]).toMatchObject({ handled: 500, eventsPerSecond: 100, finishedAfterSeconds: 6 });
    expect(r[0]!.eventsPerSecondSinceStart).toBeCloseTo(500 / 6);
    expect(r[1]).toMatchObject({ eventsPerSecond: 10, finishedAfterSeconds: 12 });
  });

  it('gives no active rate for a consumer whose events all share one batch', () => {
    const [r] = throughput([{ schema: 'tasks', consumer: 'a', handled: 7, firstMs: t0 + 500, lastMs: t0 + 500 }], t0);
    expect(r!.eventsPerSecond).toBeNull();
    expect(r!.eventsPerSecondSinceStart).toBeCloseTo(14);
  });

  it('turns CPU seconds into cores', () => {
    expect(coresUsed(10, 40, 30)).toBe(1);
    expect(coresUsed(10, 5, 30)).toBe(0);
    expect(coresUsed(0, 5, 0)).toBe(0);
  });

  it('blames the machine when the processes used nearly every core', () => {
    const r = limiter({ metrics: 0.95, 'postgres (backends)': 0.7, tasks: 0.2 }, 2);
    expect(r.verdict).toMatch(/^the machine: .*1\.85 of 2 cores/);
    expect(r.busiest).toBe('metrics');
  });

  it('blames one Node process that used nearly a core of an idle machine', () => {
    const r = limiter({ metrics: 0.97, tasks: 0.1, 'postgres (backends)': 0.3 }, 4);
    expect(r.verdict).toMatch(/^metrics: one core busy/);
  });

  it('blames other work when the machine was busy but not with the run', () => {
    const r = limiter({ metrics: 0.12, tasks: 0.15, 'postgres (backends)': 0.17 }, 2, 1.98);
    expect(r.verdict).toMatch(/^other work on the machine: 1\.98 of 2 cores were busy, 0\.44 of them with the run's/);
    // The run's own processes filling the machine are the machine's limit, whatever else ran.
    expect(limiter({ metrics: 1, 'postgres (backends)': 0.9 }, 2, 2).verdict).toMatch(/^the machine:/);
    // A machine with room left: the verdict stands on the processes alone.
    expect(limiter({ metrics: 0.97 }, 4, 1.5).verdict).toMatch(/^metrics: one core busy/);
  });

  it("reads the machine's busy cores from /proc/stat", () => {
    const a = parseProcStat('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n');
    expect(a).toEqual({ busy: 150, total: 1000 });
    const b = parseProcStat('cpu  400 0 150 1000 50 0 0 0 0 0\n');
    // 300 of 600 ticks busy over 2 cores: 1 core.
    expect(machineBusyCores(a, b, 2)).toBeCloseTo(((400 + 150 - 150) / (1600 - 1000)) * 2);
    expect(machineBusyCores(a, a, 2)).toBe(0);
    expect(() => parseProcStat('intr 1 2 3')).toThrow();
  });

  it('does not blame PostgreSQL backends as one thread, and says when nothing saturated', () => {
    expect(limiter({ 'postgres (backends)': 1.2, metrics: 0.3 }, 4).verdict).toMatch(/^no process saturated/);
    expect(limiter({ metrics: 0.2, tasks: 0.1 }, 2).verdict).toMatch(/^no process saturated: 0\.30 of 2 cores/);
  });
});
