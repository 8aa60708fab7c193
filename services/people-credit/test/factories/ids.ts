import { creditCodeCheckCharacter, residentIdCheckDigit } from '../../src/domain/identity-numbers';

let serial = 100;

/** A valid resident ID number (GB 11643) born on the given day; odd sequence digit = male. */
export function residentId(birthDate = '1980-05-17', gender: 'MALE' | 'FEMALE' = 'MALE', region = '330522'): string {
  serial = (serial + 1) % 1000;
  const seq = String(serial).padStart(2, '0').slice(-2);
  const body = `${region}${birthDate.replace(/-/g, '')}${seq}${gender === 'MALE' ? '1' : '2'}`;
  return body + residentIdCheckDigit(body);
}

/** A valid unified social credit code (GB 32100). */
export function creditCode(region = '330522'): string {
  serial = (serial + 1) % 1000;
  const body = `91${region}MA${String(serial).padStart(3, '0')}XY${String(serial % 10)}`.slice(0, 17).padEnd(17, '0');
  return body + creditCodeCheckCharacter(body);
}

/** Changes the check character to a wrong one. */
export function withWrongCheck(id: string): string {
  const last = id.at(-1)!;
  return id.slice(0, -1) + (last === '1' ? '2' : '1');
}

/** Years ago, as YYYY-MM-DD, from now. */
export function bornYearsAgo(years: number, now = new Date()): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 10);
  return d.toISOString().slice(0, 10);
}
