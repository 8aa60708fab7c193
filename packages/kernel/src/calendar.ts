import holidayData from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';

/**
 * The court's calendar. Legal terms run in days of China Standard Time and, where the law says
 * "working days" (工作日), skip China's public holidays and count its make-up working days (调休):
 * the National Day week is off, the Saturday before or after it is worked. The holidays come from the
 * `chinese-days` data package (one entry per date the State Council published); a year it does not
 * cover yet can be filled from an administrator's override table (`CourtCalendar#withOverrides`).
 */
export const COURT_TIME_ZONE = 'Asia/Shanghai';

/** A calendar day written `YYYY-MM-DD`. */
export type CourtDay = string;

const courtDayFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: COURT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of an instant in the court's time zone. */
export function courtDate(at: Date): CourtDay {
  return courtDayFormat.format(at);
}

/** A real calendar day written `YYYY-MM-DD` (checked by arithmetic: the bulk import validates millions). */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // PostgreSQL has no year 0: 0000-01-01 would pass here and fail the statement.
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const utcOf = (day: CourtDay) => Date.parse(`${day}T00:00:00Z`);
const dayOfUtc = (ms: number): CourtDay => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: CourtDay, days: number): CourtDay {
  return dayOfUtc(utcOf(day) + days * DAY_MS);
}

/** Months forward (or back), keeping the day of the month where it exists: 31 January + 1 month is the last day of February. */
export function addMonths(day: CourtDay, months: number): CourtDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

export function addYears(day: CourtDay, years: number): CourtDay {
  return addMonths(day, years * 12);
}

/** Whole days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: CourtDay, to: CourtDay): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/** The instant the court's day begins (00:00 China Standard Time, which keeps no daylight saving). */
export function startOfCourtDay(day: CourtDay): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The same instant shifted by whole calendar days (the time of day is kept). */
export function shiftDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(day: CourtDay): number {
  return new Date(utcOf(day)).getUTCDay();
}

/** One day that differs from the Monday-to-Friday rule: a holiday (`working: false`) or a make-up working day. */
export interface CalendarOverride {
  date: CourtDay;
  working: boolean;
  name?: string | null;
}

interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function packageOverrides(): CalendarOverride[] {
  const data = holidayData as HolidayData;
  return [
    ...Object.entries(data.holidays).map(([date, name]) => ({
      date,
      working: false,
      name: name.split(',')[1] ?? name,
    })),
    ...Object.entries(data.workdays).map(([date, name]) => ({ date, working: true, name: name.split(',')[1] ?? name })),
  ];
}

/** Working days of the People's Republic of China, with the published holidays and 调休 days. */
export class CourtCalendar {
  private readonly days = new Map<CourtDay, CalendarOverride>();
  private readonly years = new Set<number>();

  constructor(overrides: Iterable<CalendarOverride>, coveredYears?: Iterable<number>) {
    const list = [...overrides];
    this.addOverrides(list, coveredYears ?? list.map((o) => Number(o.date.slice(0, 4))));
  }

  /** The calendar of the `chinese-days` package. */
  static china(): CourtCalendar {
    return new CourtCalendar(packageOverrides());
  }

  /**
   * This calendar with an administrator's days laid over it (an override wins over the package). A
   * year named in `coveredYears` counts as covered even if it has no override (a year without
   * holidays cannot exist in China, but an administrator may confirm a published list in full).
   */
  withOverrides(overrides: Iterable<CalendarOverride>, coveredYears: Iterable<number> = []): CourtCalendar {
    const copy = new CourtCalendar(this.days.values(), this.years);
    copy.addOverrides(overrides, coveredYears);
    return copy;
  }

  /**
   * Lays an administrator's days over this calendar in place. Only the start-up of a process calls it
   * (with the override table of its configuration), before any deadline is computed.
   */
  addOverrides(overrides: Iterable<CalendarOverride>, coveredYears: Iterable<number> = []): void {
    for (const o of overrides) {
      if (!isValidDate(o.date)) throw new Error(`Calendar override for ${o.date}: not a date YYYY-MM-DD`);
      this.days.set(o.date, o);
      this.years.add(Number(o.date.slice(0, 4)));
    }
    for (const y of coveredYears) this.years.add(y);
  }

  /** Whether the calendar knows the holidays of a year (outside it, only weekends are skipped). */
  coversYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Of the given years, those the calendar does not cover: a start-up warning names them. */
  missingYears(years: readonly number[]): number[] {
    return years.filter((y) => !this.coversYear(y));
  }

  isWorkingDay(day: CourtDay): boolean {
    const o = this.days.get(day);
    if (o) return o.working;
    const wd = weekdayOf(day);
    return wd !== 0 && wd !== 6;
  }

  /** The holiday or make-up working day's name, if the day is one. */
  describe(day: CourtDay): CalendarOverride | null {
    return this.days.get(day) ?? null;
  }

  /**
   * The day `n` working days after `day` (before it when `n` is negative); the start day itself is
   * never counted, so "within 3 working days" of a Friday before the National Day week ends on a day
   * after the week.
   */
  addWorkingDays(day: CourtDay, n: number): CourtDay {
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let d = day;
    while (left > 0) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: CourtDay, to: CourtDay): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  /** The instant `n` working days after (or before) `at`, counted in court days, with the time of day kept. */
  shiftWorkingDays(at: Date, n: number): Date {
    const from = courtDate(at);
    return shiftDays(at, daysBetween(from, this.addWorkingDays(from, n)));
  }
}

/**
 * The calendar every service uses: the package's holidays, with the administrator's override table
 * laid over it at start-up (`COURT_CALENDAR_FILE`, see docs/calendar.md).
 */
export const chinaCalendar = CourtCalendar.china();

/**
 * The override table an administrator keeps for a year the data package does not cover yet (or to
 * correct a day): the State Council's published list, one entry per holiday and per make-up working
 * day, and the years it covers in full.
 */
export const calendarOverridesSchema = z.object({
  years: z.array(z.number().int().min(2000).max(2100)).default([]),
  days: z
    .array(
      z.object({
        date: z.string().refine(isValidDate, 'must be a date YYYY-MM-DD'),
        working: z.boolean(),
        name: z.string().max(50).nullish(),
      }),
    )
    .default([]),
});
export type CalendarOverrides = z.infer<typeof calendarOverridesSchema>;

/** The years, of this one and the next, that a calendar does not know the holidays of. */
export function calendarYearsMissing(calendar: CourtCalendar, now: Date): number[] {
  const year = Number(courtDate(now).slice(0, 4));
  return calendar.missingYears([year, year + 1]);
}
