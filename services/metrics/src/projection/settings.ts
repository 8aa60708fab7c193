import { countyOf, divisionLevel, routingOf, townshipOf, villageOf, type DivisionLevel } from '@zhiyuan/kernel';
import type { MetricsConfig } from '../config';

export type { DivisionLevel };

/** What the projection needs from the configuration. */
export interface ProjectionSettings {
  timeZone: string;
  oldCaseDays: number;
  countyCode: string;
}

export function settingsFrom(
  config: Pick<MetricsConfig, 'METRICS_TIME_ZONE' | 'METRICS_OLD_CASE_DAYS' | 'METRICS_COUNTY_CODE'>,
): ProjectionSettings {
  return {
    timeZone: config.METRICS_TIME_ZONE,
    oldCaseDays: config.METRICS_OLD_CASE_DAYS,
    countyCode: config.METRICS_COUNTY_CODE,
  };
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(instant: string | Date, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(d);
}

/** The level of a division code (the codes metrics keeps are well-formed: events are validated). */
export const levelOf = (code: string): DivisionLevel => divisionLevel(code) ?? 'VILLAGE';

/** The county, township and village a case homed at a village or township counts for. */
export { routingOf };

/** The county, township and village of a code (a task counts for the division it was opened at and those above it). */
export function routingOfCode(code: string): { county: string; township: string | null; village: string | null } {
  return { county: countyOf(code)!, township: townshipOf(code), village: villageOf(code) };
}
