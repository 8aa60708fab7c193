import {
  ageOn,
  checkCreditCode,
  creditCodeCheckCharacter,
  parseResidentId,
  residentIdCheckDigit,
} from './identity-numbers';

/** A resident ID number of the demo county born on the given day, with its check digit; odd sequence digit = male. */
function residentId(birthDate: string, gender: 'MALE' | 'FEMALE' = 'MALE'): string {
  const body = `330522${birthDate.replace(/-/g, '')}10${gender === 'MALE' ? '1' : '2'}`;
  return body + residentIdCheckDigit(body);
}

/** A unified social credit code of the demo county, with its check character. */
function creditCode(): string {
  const body = '91330522MA123XY45';
  return body + creditCodeCheckCharacter(body);
}

/** The day the numbers are checked on (a birth date after it is refused). */
const TODAY = new Date('2026-06-01T00:00:00Z');

/** Changes the check character to a wrong one. */
function withWrongCheck(id: string): string {
  const last = id.at(-1)!;
  return id.slice(0, -1) + (last === '1' ? '2' : '1');
}

describe('resident ID number (GB 11643)', () => {
  it('accepts a published valid number and derives birth date and gender', () => {
    // A widely published sample number with a correct check digit.
    const r = parseResidentId('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, value: { birthDate: '1949-12-31', gender: 'FEMALE', regionCode: '110105' } });
  });

  it('derives male from an odd 17th digit', () => {
    const r = parseResidentId(residentId('1990-03-04', 'MALE'), TODAY);
    expect(r.ok && r.value.gender).toBe('MALE');
    expect(r.ok && r.value.birthDate).toBe('1990-03-04');
  });

  it('refuses a wrong check digit', () => {
    expect(parseResidentId(withWrongCheck('11010519491231002X'), TODAY)).toEqual({ ok: false, problem: 'CHECK_DIGIT' });
  });

  it('refuses a wrong length and a bad format', () => {
    expect(parseResidentId('1101051949123100', TODAY)).toEqual({ ok: false, problem: 'LENGTH' });
    expect(parseResidentId('11010519491231A02X', TODAY)).toEqual({ ok: false, problem: 'FORMAT' });
  });

  it('refuses an impossible or future birth date', () => {
    expect(parseResidentId(residentId('1990-02-30'), TODAY)).toEqual({ ok: false, problem: 'BIRTH_DATE' });
    expect(parseResidentId(residentId('2099-01-01'), new Date('2026-01-01'))).toEqual({
      ok: false,
      problem: 'BIRTH_DATE',
    });
  });

  it('computes age at a day, before and after the birthday', () => {
    expect(ageOn('2008-06-15', new Date('2026-06-14'))).toBe(17);
    expect(ageOn('2008-06-15', new Date('2026-06-15'))).toBe(18);
    // 00:30 on the birthday in Beijing is still the day before in UTC.
    expect(ageOn('2008-06-15', new Date('2026-06-14T16:30:00Z'))).toBe(18);
    expect(ageOn('2008-06-15', new Date('2026-06-14T15:59:00Z'))).toBe(17);
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts a published valid code', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(checkCreditCode(creditCode()).ok).toBe(true);
  });

  it('refuses a wrong check character, wrong length and forbidden letters', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'CHECK_CHARACTER' });
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, problem: 'LENGTH' });
    expect(checkCreditCode('91350100M0001I0Y43')).toEqual({ ok: false, problem: 'FORMAT' });
  });
});
