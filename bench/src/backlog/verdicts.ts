/**
 * The backlog scenario's verdicts, kept apart from the I/O that feeds them so their logic is tested
 * (bench/src/backlog.test.ts): when the consumers are idle, when the read models are complete, how fast
 * each consumer went, and what limited the drain.
 */

/** The services whose durables the drain waits for (the partners' durables are pulled by the partners). */
export const PRODUCT_SERVICES = ['cases', 'people-credit', 'tasks', 'metrics'];

/** A durable JetStream consumer as its info reports it. */
export interface ConsumerState {
  stream: string;
  name: string;
  /** Messages of its filter not delivered yet (`num_pending`). */
  pending: number;
  /** Delivered, not acknowledged yet (`num_ack_pending`). */
  ackPending: number;
}

/** The service a durable belongs to: durables are named `<service>__<subject or handler>`. */
export function serviceOfDurable(name: string): string {
  const i = name.indexOf('__');
  return i > 0 ? name.slice(0, i) : name;
}

/**
 * Idle: every durable of the product's services (`services`) has nothing pending and nothing
 * unacknowledged, and each of `required` has at least one durable (a service whose consumers do not
 * exist yet is not idle). Other durables (the partners' `partner_<DEPARTMENT>` ones, pulled by the
 * partners' own systems) are not the product's consumers and are left out (`others`).
 */
export function consumersIdle(
  consumers: ConsumerState[],
  services: string[],
  required: string[] = services,
): { idle: boolean; busy: ConsumerState[]; missing: string[]; others: ConsumerState[] } {
  const own = consumers.filter((c) => services.includes(serviceOfDurable(c.name)));
  const others = consumers.filter((c) => !services.includes(serviceOfDurable(c.name)));
  const busy = own.filter((c) => c.pending > 0 || c.ackPending > 0);
  const present = new Set(own.map((c) => serviceOfDurable(c.name)));
  const missing = required.filter((s) => !present.has(s));
  return { idle: busy.length === 0 && missing.length === 0, busy, missing, others };
}

export interface CompletenessCheck {
  check: string;
  /** What the source of truth implies (the owning service's own tables). */
  expected: number;
  /** What the read model shows; null when it could not be read. */
  actual: number | null;
  ok: boolean;
}

/** Each read model figure against the figure the owning service's data implies; complete when all agree. */
export function completeness(
  expected: Record<string, number>,
  actual: Record<string, number | null | undefined>,
): { complete: boolean; checks: CompletenessCheck[] } {
  const checks = Object.entries(expected).map(([check, e]) => {
    const a = actual[check];
    const value = a === undefined || a === null || Number.isNaN(a) ? null : a;
    return { check, expected: e, actual: value, ok: value === e };
  });
  return { complete: checks.length > 0 && checks.every((c) => c.ok), checks };
}

/** Inbox rows one consumer wrote since the clock started. */
export interface InboxTally {
  schema: string;
  consumer: string;
  handled: number;
  /** Epoch ms of the first and last handled_at among them. */
  firstMs: number;
  lastMs: number;
}

export interface ConsumerThroughput {
  schema: string;
  consumer: string;
  handled: number;
  /** From the clock's start to its last handled event. */
  finishedAfterSeconds: number;
  /** handled ÷ the seconds from its first to its last handled event; null with fewer than two batches' worth of time. */
  eventsPerSecond: number | null;
  /** handled ÷ the seconds from the clock's start to its last handled event (includes its start-up). */
  eventsPerSecondSinceStart: number;
}

/** Events a second through each consumer, busiest first. */
export function throughput(tallies: InboxTally[], sinceMs: number): ConsumerThroughput[] {
  return tallies
    .filter((t) => t.handled > 0)
    .map((t) => {
      const active = (t.lastMs - t.firstMs) / 1000;
      const sinceStart = Math.max(0.001, (t.lastMs - sinceMs) / 1000);
      return {
        schema: t.schema,
        consumer: t.consumer,
        handled: t.handled,
        finishedAfterSeconds: (t.lastMs - sinceMs) / 1000,
        eventsPerSecond: active >= 0.1 ? t.handled / active : null,
        eventsPerSecondSinceStart: t.handled / sinceStart,
      };
    })
    .sort((a, b) => b.handled - a.handled);
}

/** CPU used over a window: cores = CPU seconds ÷ wall seconds. */
export function coresUsed(cpuSecondsBefore: number, cpuSecondsAfter: number, wallSeconds: number): number {
  return wallSeconds > 0 ? Math.max(0, cpuSecondsAfter - cpuSecondsBefore) / wallSeconds : 0;
}

/** The machine's CPU ticks from the first line of /proc/stat: busy (all but idle and iowait) and total. */
export function parseProcStat(text: string): { busy: number; total: number } {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('no cpu line in /proc/stat');
  const t = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = t.reduce((s, n) => s + n, 0);
  return { busy: total - t[3]! - t[4]!, total };
}

/** Cores the whole machine had busy between two readings of /proc/stat, with whatever ran on it. */
export function machineBusyCores(
  before: { busy: number; total: number },
  after: { busy: number; total: number },
  machineCores: number,
): number {
  const total = after.total - before.total;
  return total > 0 ? ((after.busy - before.busy) / total) * machineCores : 0;
}

/**
 * What limited the drain, from the cores each process (or group, such as PostgreSQL's backends) used
 * over it: the whole machine when the processes together used nearly all its cores; other work on the
 * machine when the machine was busy (`machineBusy`, from /proc/stat) but mostly not with the run's
 * processes; else one Node process when it used nearly one core (its event loop is one thread); else
 * none of them (waiting: I/O, locks, the consumers' own pacing).
 */
export function limiter(
  cores: Record<string, number>,
  machineCores: number,
  machineBusy?: number,
): { verdict: string; busiest: string | null; totalCores: number } {
  const entries = Object.entries(cores).sort((a, b) => b[1] - a[1]);
  const totalCores = entries.reduce((s, [, c]) => s + c, 0);
  const busiest = entries[0]?.[0] ?? null;
  const top = entries[0]?.[1] ?? 0;
  const share = entries
    .slice(0, 3)
    .map(([n, c]) => `${n} ${c.toFixed(2)}`)
    .join(', ');
  if (totalCores >= 0.9 * machineCores)
    return {
      verdict: `the machine: the processes measured used ${totalCores.toFixed(2)} of ${machineCores} cores (${share})`,
      busiest,
      totalCores,
    };
  if (machineBusy !== undefined && machineBusy >= 0.9 * machineCores)
    return {
      verdict: `other work on the machine: ${machineBusy.toFixed(2)} of ${machineCores} cores were busy, ${totalCores.toFixed(2)} of them with the run's processes (${share})`,
      busiest,
      totalCores,
    };
  if (busiest && !busiest.startsWith('postgres') && top >= 0.9)
    return { verdict: `${busiest}: one core busy (${share})`, busiest, totalCores };
  return {
    verdict: `no process saturated: ${totalCores.toFixed(2)} of ${machineCores} cores used (${share}); the drain waited on something else (I/O, locks, other work on the machine)`,
    busiest,
    totalCores,
  };
}
