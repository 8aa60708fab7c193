import type { MetricsConfig } from '../config';

/** What the projection needs from the configuration. */
export interface ProjectionSettings {
  timeZone: string;
  oldCaseDays: number;
  countyCode: string;
}

export function settingsFrom(config: Pick<MetricsConfig, 'METRICS_TIME_ZONE' | 'METRICS_OLD_CASE_DAYS' | 'METRICS_COUNTY_CODE'>): ProjectionSettings {
  return { timeZone: config.METRICS_TIME_ZONE, oldCaseDays: config.METRICS_OLD_CASE_DAYS, countyCode: config.METRICS_COUNTY_CODE };
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

export type DivisionLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export function levelOf(code: string): DivisionLevel {
  return code.length === 6 ? 'COUNTY' : code.length === 9 ? 'TOWNSHIP' : 'VILLAGE';
}

/** The county, township and village a code belongs to (a village counts for its township and county). */
export function routingOf(villageCode: string | null | undefined, townshipCode: string | null | undefined): { county: string | null; township: string | null; village: string | null } {
  const village = villageCode ?? null;
  const township = townshipCode ?? village?.slice(0, 9) ?? null;
  const county = (village ?? township)?.slice(0, 6) ?? null;
  return { county, township, village };
}

export function routingOfCode(code: string): { county: string; township: string | null; village: string | null } {
  return { county: code.slice(0, 6), township: code.length >= 9 ? code.slice(0, 9) : null, village: code.length === 12 ? code : null };
}

/** Rows of an UPDATE or DELETE … RETURNING: TypeORM gives those as [rows, affected count]. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
