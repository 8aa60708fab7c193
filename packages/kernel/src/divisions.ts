import { errors } from './errors';

/**
 * Administrative division codes nest by prefix: a county has 6 digits, a township 9 (the county's
 * and three more), a village 12. A township's staff see its villages because their codes start with
 * the township's.
 */
export type DivisionLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

const DIVISION_CODE = /^\d{6}(\d{3})?(\d{3})?$/;
const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = { 6: 'COUNTY', 9: 'TOWNSHIP', 12: 'VILLAGE' };

export const isDivisionCode = (v: unknown): v is string => typeof v === 'string' && DIVISION_CODE.test(v);
export const isVillageCode = (v: unknown): v is string => isDivisionCode(v) && v.length === 12;

/** The level of a well-formed code, or null for anything else. */
export function divisionLevel(code: string): DivisionLevel | null {
  return isDivisionCode(code) ? LEVEL_BY_LENGTH[code.length]! : null;
}

/** The division one level up (village → township → county), or null for a county. */
export function parentDivision(code: string): string | null {
  return code.length === 12 ? code.slice(0, 9) : code.length === 9 ? code.slice(0, 6) : null;
}

export function villageOf(code: string | null | undefined): string | null {
  return code && code.length === 12 ? code : null;
}

/** The township a township or village code belongs to. */
export function townshipOf(code: string | null | undefined): string | null {
  return code && code.length >= 9 ? code.slice(0, 9) : null;
}

export function countyOf(code: string | null | undefined): string | null {
  return code && code.length >= 6 ? code.slice(0, 6) : null;
}

/** Whether `code` is `ancestor` or lies inside it. */
export function isWithinDivision(code: string | null | undefined, ancestor: string): boolean {
  return !!code && code.startsWith(ancestor);
}

/** The county, township and village a case homed at a village or township counts for. */
export function routingOf(
  villageCode: string | null | undefined,
  townshipCode: string | null | undefined,
): { county: string | null; township: string | null; village: string | null } {
  const village = villageCode ?? null;
  const township = townshipCode ?? townshipOf(village);
  return { county: countyOf(village ?? township), township, village };
}

export function requireDivisionCode(field: string, v: unknown): string {
  if (!isDivisionCode(v)) throw errors.validation(field, `${field} must be a 6, 9 or 12 digit division code`);
  return v;
}

export function requireVillageCode(field: string, v: unknown): string {
  if (!isVillageCode(v)) throw errors.validation(field, `${field} must be a 12 digit village code`);
  return v;
}
