/** Calendar arithmetic for legal terms. Working days skip Saturdays and Sundays (public holidays are not modelled). */

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

export function addYears(d: Date, years: number): Date {
  return addMonths(d, years * 12);
}

/** The instant that lies `days` working days before `now`. */
export function workingDaysBefore(now: Date, days: number): Date {
  const r = new Date(now);
  let left = days;
  while (left > 0) {
    r.setUTCDate(r.getUTCDate() - 1);
    const wd = r.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return r;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
