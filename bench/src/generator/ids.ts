/**
 * Identifiers that pass the national check rules: the 18-digit resident ID number (GB 11643-1999,
 * ISO 7064 MOD 11-2) and the 18-character unified social credit code (GB 32100-2015, MOD 31).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('a resident ID number body has 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/**
 * A resident ID number: 6-digit address code, birth date YYYYMMDD, 3-digit sequence (odd for men,
 * even for women), check character.
 */
export function residentIdNumber(addressCode: string, birthDate: string, sequence: number, male: boolean): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== male) seq = (seq + 1) % 1000;
  const body = `${addressCode}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckDigit(body);
}

export function isValidResidentId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && residentIdCheckDigit(id.slice(0, 17)) === id[17];
}

// GB 32100: the 31 characters in use (no I, O, S, V, Z) and the position weights 3^i mod 31.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('a credit code body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid credit code character ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/**
 * A unified social credit code: registration authority (9 = market regulation), entity kind
 * (1 = enterprise), 6-digit division code, 9-character organization code (with its own GB 11714
 * check character), check character.
 */
export function unifiedCreditCode(divisionCode6: string, serial: number): string {
  const org8 = String(serial % 100_000_000).padStart(8, '0');
  const org = org8 + organizationCodeCheck(org8);
  const body = `91${divisionCode6}${org}`;
  return body + creditCodeCheckChar(body);
}

export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

// GB 11714: organization code check character (weights 3 7 9 10 5 8 4 2, MOD 11, 10 → X).
function organizationCodeCheck(first8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += USCC_CHARS.indexOf(first8[i]) * w[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
