/** The court's calendar: dates (deadlines, due dates) are days in China Standard Time. */
export const COURT_TIME_ZONE = 'Asia/Shanghai';

/** `YYYY-MM-DD` of an instant in the court's time zone. */
const courtDay = new Intl.DateTimeFormat('sv-SE', { timeZone: COURT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function courtDate(at: Date): string {
  return courtDay.format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** Whole days from a date to the court date of an instant (never negative). */
export function daysBetween(from: string, to: Date): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${courtDate(to)}T00:00:00Z`);
  return Math.max(0, Math.round((b - a) / 86_400_000));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written `YYYY-MM-DD` (checked by arithmetic: the bulk import validates millions). */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // PostgreSQL has no year 0: 0000-01-01 would pass here and fail the statement.
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return d <= days;
}
