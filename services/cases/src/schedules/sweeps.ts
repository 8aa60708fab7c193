import type { Messaging } from '@zhiyuan/db';
import type { Logger } from '@zhiyuan/config';
import { courtDate } from '@zhiyuan/kernel';
import type { CaseSettings } from '../config';
import { CaseEntity } from '../entities';
import { lapseUrging } from '../commands/shared/lifecycle';
import { markMissedInstalments } from '../commands/shared/settlements';

export interface SweepResult {
  urgingsLapsed: number;
  instalmentsMissed: number;
}

const SYSTEM = 'system:sweep';

/**
 * The scheduled checks, for a given `now`: urgings past their deadline end, and instalments past
 * their due date and not fully paid are marked missed (cases.instalment.missed). Each change is a
 * conditional update, so running it twice (or on two instances) applies nothing twice.
 */
export async function runSweep(messaging: Messaging, settings: CaseSettings, now: Date): Promise<SweepResult> {
  const today = courtDate(now);
  let urgingsLapsed = 0;
  for (;;) {
    const lapsed = await messaging.transaction(async (manager, emit) => {
      const batch = await manager
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`c.state = 'URGING' AND c.urging_deadline < :today`, { today })
        .orderBy('c.urging_deadline')
        .limit(200)
        .getMany();
      for (const c of batch) await lapseUrging(manager, emit, c, { actor: SYSTEM, now, settings });
      return batch.length;
    });
    urgingsLapsed += lapsed;
    if (lapsed < 200) break;
  }

  const instalmentsMissed = await messaging.transaction((manager, emit) =>
    markMissedInstalments(manager, emit, now, { actor: SYSTEM }),
  );
  return { urgingsLapsed, instalmentsMissed };
}

/** Runs the sweep on an interval; returns the stop hook. */
export function scheduleSweep(
  messaging: Messaging,
  settings: CaseSettings,
  intervalMs: number,
  logger: Logger,
  clock: () => Date = () => new Date(),
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runSweep(messaging, settings, clock())
      .then((r) => {
        if (r.urgingsLapsed || r.instalmentsMissed) logger.info(r, 'sweep applied');
      })
      .catch((err) => logger.error({ err: String(err) }, 'sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
