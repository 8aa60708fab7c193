import type { Messaging } from '@zhiyuan/db';
import type { Logger } from '@zhiyuan/config';
import { chinaCalendar, courtDate } from '@zhiyuan/kernel';
import type { CaseSettings } from '../config';
import { CaseEntity } from '../entities';
import { lapseUrging } from '../commands/shared/lifecycle';
import { markMissedInstalments } from '../commands/shared/settlements';
import { routeOfCase } from '../domain/case-rules';

export interface SweepResult {
  urgingsLapsed: number;
  instalmentsMissed: number;
  researchesDue: number;
}

const SYSTEM = 'system:sweep';

/**
 * The scheduled checks, for a given `now`: urgings past their deadline end, instalments past
 * their due date and not fully paid are marked missed (cases.instalment.missed), and re-searches of
 * terminated cases that have fallen due are announced (cases.research.due). Each change is a
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
  const researchesDue = await announceDueResearches(messaging, now);
  return { urgingsLapsed, instalmentsMissed, researchesDue };
}

/**
 * Announces, on working days of the court calendar, each terminated case whose re-search has fallen
 * due (one due on a weekend or holiday is announced the next working day): `cases.research.due`, once
 * per case and due date (`research_announced_for`), so tasks opens the officer's re-search task once.
 * Recording the re-search or reopening the case moves the due date on, and the next one is announced
 * when it comes.
 */
export async function announceDueResearches(messaging: Messaging, now: Date): Promise<number> {
  const today = courtDate(now);
  if (!chinaCalendar.isWorkingDay(today)) return 0;
  let total = 0;
  for (;;) {
    const n = await messaging.transaction(async (manager, emit) => {
      const batch = await manager
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`c.state = 'TERMINATED_THIS_ROUND' AND c.next_research_due <= :today`, { today })
        .andWhere('c.research_announced_for IS DISTINCT FROM c.next_research_due')
        .orderBy('c.next_research_due')
        .limit(200)
        .getMany();
      for (const c of batch) {
        await manager.update(CaseEntity, { id: c.id }, { researchAnnouncedFor: c.nextResearchDue });
        await emit(
          'cases.research.due',
          {
            caseId: c.id,
            caseNumber: c.caseNumber,
            enforcementNumber: c.enforcementNumber,
            officerId: c.officerId,
            dueDate: c.nextResearchDue!,
            obligorIds: c.obligorIds,
            announcedAt: now.toISOString(),
            ...routeOfCase(c),
          },
          { key: c.id },
        );
      }
      return batch.length;
    });
    total += n;
    if (n < 200) break;
  }
  return total;
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
        if (r.urgingsLapsed || r.instalmentsMissed || r.researchesDue) logger.info(r, 'sweep applied');
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
