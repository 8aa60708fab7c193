import type { Identity } from '@zhiyuan/auth';
import { canSeeDivision, errors } from '@zhiyuan/kernel';

/**
 * The metrics rows of the access matrix (docs/metrics.md): ADMIN manages rules, warnings and
 * suggestions; ADMIN and JUDGE read the county read models; officers, liaisons and village cadres
 * read the figures and warnings of their own division (and the villages under a township). A county
 * department reads the aggregate figures (stats, series, rankings, disputes) of every division of its
 * county, and nothing else: no warnings (who acts on them and their notes are the court's and the
 * divisions' work), no judge scores (a person's performance), no rules or suggestions.
 */
const COUNTY_READERS = ['ADMIN', 'JUDGE'] as const;
const DIVISION_READERS = ['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE'] as const;
const COUNTY_LENGTH = 6;

export const isAdmin = (who: Identity) => who.roles.includes('ADMIN');
export const isCountyReader = (who: Identity) =>
  who.roles.some((r) => (COUNTY_READERS as readonly string[]).includes(r));

export function requireAdmin(who: Identity): void {
  if (!isAdmin(who)) throw errors.forbidden('Only an administrator can do this');
}

export function requireCountyReader(who: Identity): void {
  if (!isCountyReader(who)) throw errors.forbidden('Only judges and administrators can read this');
}

/** Whether the caller may read a division's warnings (and act on them: acknowledge, resolve). */
export function canReadDivisionWarnings(who: Identity, code: string): boolean {
  if (isCountyReader(who)) return true;
  return who.roles.some((r) => (DIVISION_READERS as readonly string[]).includes(r)) && canSeeDivision(who, code);
}

export function requireReadDivisionWarnings(who: Identity, code: string): void {
  if (!canReadDivisionWarnings(who, code)) throw errors.forbidden('These warnings are outside your division');
}

/** A county department reads the figures of its county: the county its division code is in. */
const isCountyDepartmentOf = (who: Identity, code: string) =>
  who.roles.includes('COUNTY_DEPARTMENT') &&
  !!who.divisionCode &&
  who.divisionCode.length >= COUNTY_LENGTH &&
  code.startsWith(who.divisionCode.slice(0, COUNTY_LENGTH));

/** Whether the caller may read a division's aggregate figures (stats, series, rankings, disputes). */
export function canReadDivision(who: Identity, code: string): boolean {
  return canReadDivisionWarnings(who, code) || isCountyDepartmentOf(who, code);
}

export function requireReadDivision(who: Identity, code: string): void {
  if (!canReadDivision(who, code)) throw errors.forbidden('These figures are outside your division');
}

/** Judge scores are a county read model: judges and administrators read them (docs/access.md). */
export function requireReadJudge(who: Identity): void {
  if (!isCountyReader(who)) throw errors.forbidden('Judge performance is visible to judges and administrators only');
}

/**
 * The division prefix a list of warnings is limited to: the division asked for (once the caller may
 * read it), or for a division user who names none, their own division and the divisions under it;
 * null for a county reader who names none (every warning).
 */
export function warningsScope(who: Identity, divisionCode: string | null): string | null {
  if (divisionCode) {
    requireReadDivisionWarnings(who, divisionCode);
    return divisionCode;
  }
  if (isCountyReader(who)) return null;
  if (!who.divisionCode || !canReadDivisionWarnings(who, who.divisionCode))
    throw errors.forbidden('Warnings are outside your scope');
  return who.divisionCode;
}

/** Warning rules are read by county readers and by division users of a division they may read. */
export function requireReadWarningRules(who: Identity): void {
  if (!isCountyReader(who) && !canReadDivisionWarnings(who, who.divisionCode ?? '')) throw errors.forbidden();
}
