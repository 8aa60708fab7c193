import { randomUUID } from 'node:crypto';
import type { EventPayload } from '@zhiyuan/events';
import { event, type AnyEnvelope } from './events';

/** A small seeded PRNG (mulberry32), so a workload is the same for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorkloadOptions {
  cases: number;
  seed?: number;
  /** The county (6 digits); townships `<county>101…` and villages `<township>201…` under it. */
  county?: string;
  townships?: number;
  villagesPerTownship?: number;
  judges?: number;
  /** Obligors are drawn from a pool this many times smaller than the cases, so some owe in several cases. */
  obligorReuse?: number;
  /** First effective date; cases spread over `spanDays` after it. */
  from?: string;
  spanDays?: number;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The events of `cases` case lives in the shape of the county benchmark (urged and performed, filed
 * and completed, listed and removed, terminated for this round, settled, still open with tasks),
 * with meetings now and then, ordered by when they happened: about seven events per case.
 */
export function caseLifeEvents(o: WorkloadOptions): AnyEnvelope[] {
  const rnd = prng(o.seed ?? 1);
  const county = o.county ?? '330522';
  const townships = o.townships ?? 16;
  const villages = o.villagesPerTownship ?? 17;
  const judges = Array.from({ length: o.judges ?? 12 }, () => randomUUID());
  const obligors = Array.from({ length: Math.max(1, Math.ceil(o.cases / (o.obligorReuse ?? 1.3))) }, () =>
    randomUUID(),
  );
  const start = Date.parse(`${o.from ?? '2024-01-01'}T02:00:00.000Z`);
  const span = o.spanDays ?? 700;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const timed: { at: number; e: AnyEnvelope }[] = [];
  const add = (at: number, e: AnyEnvelope) => timed.push({ at, e });
  const villageOf = () =>
    `${county}${String(101 + Math.floor(rnd() * townships))}${String(201 + Math.floor(rnd() * villages))}`;

  for (let i = 0; i < o.cases; i++) {
    const caseId = randomUUID();
    const caseNumber = `(2024)浙0522民初${i + 1}号`;
    const judgeId = pick(judges);
    const village = villageOf();
    const township = village.slice(0, 9);
    const obligorIds =
      rnd() < 0.15 ? [pick(obligors), pick(obligors)].filter((x, k, a) => a.indexOf(x) === k) : [pick(obligors)];
    const amountOwedFen = Math.round(Math.exp(Math.log(3_000_000) + rnd() * 1.5 - 0.75));
    const effective = start + Math.floor(rnd() * span) * DAY;
    const routing = { villageCode: village, townshipCode: township };
    const cause = pick(['借款合同纠纷', '买卖合同纠纷', '金融借款合同纠纷', '劳务合同纠纷']);
    add(
      effective,
      event(
        'cases.judgment.effective',
        {
          caseId,
          caseNumber,
          court: '长兴县人民法院',
          causeCode: 'LOAN',
          causeCategory: cause,
          judgeId,
          effectiveDate: iso(effective).slice(0, 10),
          performanceDeadline: null,
          obligorIds,
          obligeeIds: [randomUUID()],
          amountOwedFen,
          ...routing,
        },
        caseId,
        new Date(effective),
      ),
    );
    const urged = effective + DAY;
    add(
      urged,
      event(
        'cases.urging.started',
        {
          caseId,
          caseNumber,
          court: '长兴县人民法院',
          judgeId,
          obligorIds,
          obligeeIds: [randomUUID()],
          amountOwedFen,
          deadline: iso(urged + 15 * DAY).slice(0, 10),
          startedAt: iso(urged),
          ...routing,
        },
        caseId,
        new Date(urged),
      ),
    );
    let paid = 0;
    const pay = (at: number, amountFen: number) => {
      paid += amountFen;
      add(
        at,
        event(
          'cases.performance.recorded',
          {
            caseId,
            performanceId: randomUUID(),
            amountFen,
            source: 'VOLUNTARY',
            paidOn: iso(at).slice(0, 10),
            outstandingFen: Math.max(0, amountOwedFen - paid),
            totalPaidFen: paid,
            obligorIds,
            recordedAt: iso(at),
          },
          caseId,
          new Date(at),
        ),
      );
    };
    const close = (at: number, outcome: EventPayload<'cases.case.closed'>['outcome'], enforcementFiled: boolean) =>
      add(
        at,
        event(
          'cases.case.closed',
          {
            caseId,
            caseNumber,
            outcome,
            judgeId,
            officerId: null,
            causeCode: 'LOAN',
            causeCategory: cause,
            urged: true,
            enforcementFiled,
            effectiveDate: iso(effective).slice(0, 10),
            closedAt: iso(at),
            daysOpen: Math.round((at - effective) / DAY),
            amountAppliedFen: amountOwedFen,
            amountRecoveredFen: paid,
            obligorIds,
            ...routing,
          },
          caseId,
          new Date(at),
        ),
      );
    const r = rnd();
    if (r < 0.34) {
      const at = urged + (2 + Math.floor(rnd() * 12)) * DAY;
      pay(at, amountOwedFen);
      add(
        at + 1000,
        event(
          'cases.urging.ended',
          { caseId, reason: 'PERFORMED', endedAt: iso(at + 1000) },
          caseId,
          new Date(at + 1000),
        ),
      );
      close(at + 2000, 'PERFORMED_AFTER_URGING', false);
      continue;
    }
    const filed = urged + 16 * DAY;
    add(
      filed - 1000,
      event(
        'cases.urging.ended',
        { caseId, reason: 'ENFORCEMENT_APPLIED', endedAt: iso(filed - 1000) },
        caseId,
        new Date(filed - 1000),
      ),
    );
    add(
      filed,
      event(
        'cases.enforcement.filed',
        {
          caseId,
          enforcementNumber: `(2024)浙0522执${i + 1}号`,
          caseNumber,
          judgeId,
          officerId: null,
          obligorIds,
          obligeeIds: [randomUUID()],
          amountAppliedFen: amountOwedFen,
          needsService: false,
          filedAt: iso(filed),
          ...routing,
        },
        caseId,
        new Date(filed),
      ),
    );
    const listing = (at: number) => {
      const listingId = randomUUID();
      const partyId = obligorIds[0]!;
      add(
        at,
        event(
          'credit.listing.added',
          {
            listingId,
            partyId,
            caseId,
            ...routing,
            listedAt: iso(at),
            ground: 'ABLE_BUT_REFUSES',
            expiresAt: null,
            measures: ['CONSUMPTION_RESTRICTION'],
          },
          partyId,
          new Date(at),
        ),
      );
      return (removedAt: number) =>
        add(
          removedAt,
          event(
            'credit.listing.removed',
            {
              listingId,
              partyId,
              caseId,
              ...routing,
              listedAt: iso(at),
              removalGround: 'PERFORMED',
              removedAt: iso(removedAt),
            },
            partyId,
            new Date(removedAt),
          ),
        );
    };
    const task = (at: number, done: boolean) => {
      const taskId = randomUUID();
      const base = {
        taskId,
        caseId,
        obligorId: obligorIds[0]!,
        type: pick(['LOCATE_PERSON', 'SERVE_DOCUMENT', 'FIND_ASSETS'] as const),
        level: 'VILLAGE' as const,
        divisionCode: village,
      };
      add(
        at,
        event(
          'tasks.task.created',
          { ...base, assigneeId: null, dueAt: iso(at + 10 * DAY), createdAt: iso(at) },
          taskId,
          new Date(at),
        ),
      );
      const later = at + (done ? 5 : 11) * DAY;
      if (done)
        add(
          later,
          event(
            'tasks.task.completed',
            { ...base, status: 'DONE', createdAt: iso(at), completedAt: iso(later), result: null },
            taskId,
            new Date(later),
          ),
        );
      else
        add(
          later,
          event(
            'tasks.task.overdue',
            { ...base, dueAt: iso(at + 10 * DAY), escalatedTo: 'TOWNSHIP', overdueAt: iso(later) },
            taskId,
            new Date(later),
          ),
        );
    };
    // Most close within months; one in ten drags on past a year (an old case when it closes).
    const end = filed + (rnd() < 0.1 ? 350 + Math.floor(rnd() * 200) : 20 + Math.floor(rnd() * 200)) * DAY;
    const kind = rnd();
    if (kind < 0.3) {
      pay(end - DAY, amountOwedFen);
      close(end, 'COMPLETED', true);
    } else if (kind < 0.45) {
      const removal = listing(filed + 5 * DAY);
      pay(end - DAY, amountOwedFen);
      removal(end - DAY + 1000);
      close(end, 'COMPLETED', true);
    } else if (kind < 0.65) {
      if (rnd() < 0.5) listing(filed + 7 * DAY);
      if (rnd() < 0.3) pay(end - 2 * DAY, Math.round(amountOwedFen * 0.2));
      close(end, 'TERMINATED_THIS_ROUND', true);
    } else if (kind < 0.75) {
      pay(end - DAY, amountOwedFen);
      close(end, 'SETTLED_AND_PERFORMED', true);
    } else {
      // Still open: assistance tasks, sometimes a listing and a part payment.
      task(filed + 3 * DAY, rnd() < 0.6);
      if (rnd() < 0.33) listing(filed + 9 * DAY);
      if (rnd() < 0.3) pay(filed + 30 * DAY, Math.round(amountOwedFen * 0.1));
    }
    if (i % 50 === 49) {
      const at = filed + 2 * DAY;
      add(
        at,
        event(
          'tasks.meeting.held',
          {
            meetingId: randomUUID(),
            villageCode: village,
            townshipCode: township,
            heldAt: iso(at),
            invited: 8,
            attended: 6,
            paidInFull: 1,
            instalmentPlans: 2,
            outcomes: [],
          },
          village,
          new Date(at),
        ),
      );
    }
  }
  return timed.sort((a, b) => a.at - b.at).map((t) => t.e);
}
