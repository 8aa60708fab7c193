import type { ServiceRuntime } from '@zhiyuan/server';
import { sqlExec } from '@zhiyuan/db';
import { evaluateWarnings } from '../commands/shared/warnings';
import { recordDivisions } from '../projection/aggregates';
import type { ProjectionSettings } from '../projection/settings';

/**
 * One scheduled evaluation of every warning rule for every known division as of `now` (windows
 * move with time even when no event arrives). Idempotent: a second run at the same time changes
 * nothing.
 */
export async function sweepWarnings(
  runtime: ServiceRuntime,
  s: ProjectionSettings,
  now: Date,
): Promise<{ raised: number; resolved: number }> {
  return runtime.messaging.transaction(async (m, emit) => {
    // Shared with the handlers (they evaluate the same rules for the divisions they touch; one open
    // warning per rule and division is kept by a unique index); a rule change or a rebuild waits for it.
    await sqlExec(m, `SELECT pg_advisory_xact_lock_shared(hashtext('metrics.projection'))`);
    return evaluateWarnings(m, emit, now, s);
  });
}

/** Runs the sweep every `intervalMs` (0 turns it off); returns the stop hook. */
export function startWarningSchedule(
  runtime: ServiceRuntime,
  s: ProjectionSettings,
  intervalMs: number,
  clock: () => Date = () => new Date(),
): () => Promise<void> {
  if (intervalMs <= 0) return async () => undefined;
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepWarnings(runtime, s, clock())
      .then((r) => r.raised + r.resolved > 0 && runtime.logger.info(r, 'warning sweep'))
      .catch((err) => runtime.logger.warn({ err: String(err) }, 'warning sweep failed'))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** The county is always a known division, so county-wide warnings have somewhere to attach. */
export async function registerCounty(runtime: ServiceRuntime, s: ProjectionSettings): Promise<void> {
  await recordDivisions(runtime.ds.manager, [s.countyCode]);
}
