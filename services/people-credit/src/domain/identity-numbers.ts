import { courtDate } from '@zhiyuan/kernel';

/**
 * National identifiers: the 18-digit resident ID number (GB 11643) and the 18-character unified
 * social credit code (GB 32100), each with its check character.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdNumberProblem = 'LENGTH' | 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export interface ResidentId {
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
  /** The six-digit division code of first registration. */
  regionCode: string;
}

/** Parses a resident ID number; returns the problem when it is not valid. */
export function parseResidentId(
  raw: string,
  today: Date,
): { ok: true; value: ResidentId } | { ok: false; problem: IdNumberProblem } {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return { ok: false, problem: 'LENGTH' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'FORMAT' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) return { ok: false, problem: 'BIRTH_DATE' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]) return { ok: false, problem: 'CHECK_DIGIT' };
  return {
    ok: true,
    value: {
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
      regionCode: id.slice(0, 6),
    },
  };
}

/** The check digit a 17-digit body needs (used by test data builders). */
export function residentIdCheckDigit(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'LENGTH' | 'FORMAT' | 'CHECK_CHARACTER';

/** Validates a unified social credit code: 18 characters from the GB 32100 alphabet and its check character. */
export function checkCreditCode(raw: string): { ok: true; value: string } | { ok: false; problem: CreditCodeProblem } {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'LENGTH' };
  if (![...code].every((c) => USCC_CHARS.includes(c)) || !/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, problem: 'FORMAT' };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'CHECK_CHARACTER' };
  return { ok: true, value: code };
}

export function creditCodeCheckCharacter(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Whole years between a birth date (YYYY-MM-DD) and a day. */
export function ageOn(birthDate: string, on: Date): number {
  // Birthdays fall on days of China Standard Time: at 00:30 in Beijing on the 18th birthday the person is 18.
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = courtDate(on).split('-').map(Number) as [number, number, number];
  let age = oy - y;
  if (om < m || (om === m && od < d)) age--;
  return age;
}
