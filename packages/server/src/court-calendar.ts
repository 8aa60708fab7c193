import { readFileSync } from 'node:fs';
import { ConfigError, type Logger } from '@zhiyuan/config';
import { calendarOverridesSchema, calendarYearsMissing, chinaCalendar, type CourtCalendar } from '@zhiyuan/kernel';

const warned = new Set<string>();

/**
 * Lays the administrator's override table (`COURT_CALENDAR_FILE`, JSON, see docs/calendar.md) over
 * the court calendar of this process, and warns once when the calendar does not know this year's or
 * next year's holidays: deadlines in working days then skip only weekends for that year, which is
 * wrong by up to a week around the Spring Festival and the National Day.
 */
export function applyCourtCalendar(
  file: string | undefined,
  logger: Logger,
  now = new Date(),
  calendar: CourtCalendar = chinaCalendar,
): void {
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError('COURT_CALENDAR_FILE', `cannot be read as JSON (${(err as Error).message})`);
    }
    const parsed = calendarOverridesSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(
        'COURT_CALENDAR_FILE',
        `is malformed at ${issue.path.join('.') || 'the top'}: ${issue.message}`,
      );
    }
    calendar.addOverrides(parsed.data.days, parsed.data.years);
  }
  const missing = calendarYearsMissing(calendar, now);
  const key = missing.join(',');
  if (missing.length && !warned.has(key)) {
    warned.add(key);
    logger.warn(
      { missingYears: missing },
      `The court calendar does not know the public holidays of ${missing.join(' and ')}: working days there skip weekends only. Add the published list to COURT_CALENDAR_FILE (docs/calendar.md).`,
    );
  }
}
