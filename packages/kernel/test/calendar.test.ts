import {
  addMonths,
  addYears,
  addDays,
  calendarOverridesSchema,
  calendarYearsMissing,
  chinaCalendar,
  courtDate,
  CourtCalendar,
  daysBetween,
  isValidDate,
  startOfCourtDay,
} from '../src';

describe('court days', () => {
  it('are days in China Standard Time, not UTC', () => {
    // 2025-03-31T17:30Z is 01:30 on 1 April in Beijing.
    expect(courtDate(new Date('2025-03-31T17:30:00Z'))).toBe('2025-04-01');
    expect(courtDate(new Date('2025-03-31T15:59:59Z'))).toBe('2025-03-31');
    expect(startOfCourtDay('2025-04-01').toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });

  it('add months without running over a month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('count days across a leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2024-03-01', '2024-02-01')).toBe(-29);
  });

  it('validate real days only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-13-01')).toBe(false);
    expect(isValidDate('0000-01-01')).toBe(false);
    expect(isValidDate('2024-1-01')).toBe(false);
  });
});

describe('working days of China', () => {
  const cal = chinaCalendar;

  it('skip the National Day week and count its make-up Saturday (2025)', () => {
    // 1–8 October 2025 off; Sunday 28 September and Saturday 11 October worked.
    for (let d = 1; d <= 8; d++) expect(cal.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.isWorkingDay('2025-10-12')).toBe(false);
    // Three working days after Tuesday 30 September: Thursday 9, Friday 10, Saturday 11 October.
    expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-11')).toBe(3);
  });

  it('skip the Spring Festival (2026) and count its make-up days', () => {
    // 15–23 February 2026 off; Saturday 14 and Saturday 28 February worked.
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    for (const d of ['2026-02-15', '2026-02-17', '2026-02-20', '2026-02-23']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('shift an instant by working days in court days, keeping its time', () => {
    // Friday 26 September 2025, 19:00 in Beijing: the make-up Sunday 28th counts, so three working
    // days later is Tuesday 30th; from Tuesday 30th, three working days reach the make-up Saturday 11 October.
    expect(cal.shiftWorkingDays(new Date('2025-09-26T11:00:00Z'), 3).toISOString()).toBe('2025-09-30T11:00:00.000Z');
    expect(cal.shiftWorkingDays(new Date('2025-09-30T11:00:00Z'), 3).toISOString()).toBe('2025-10-11T11:00:00.000Z');
    expect(cal.shiftWorkingDays(new Date('2025-10-11T11:00:00Z'), -3).toISOString()).toBe('2025-09-30T11:00:00.000Z');
  });

  const covered = Array.from({ length: 40 }, (_, i) => 2000 + i).filter((y) => cal.coversYear(y));
  it('covers the years of its data package, the current one included', () => {
    expect(covered.length).toBeGreaterThan(10);
    expect(covered).toContain(2026);
  });
  it.each(covered)(
    'knows %i: New Year and National Day are off, and there are at least 25 days off besides weekends',
    (year) => {
      expect(cal.isWorkingDay(`${year}-01-01`)).toBe(false);
      expect(cal.isWorkingDay(`${year}-10-01`)).toBe(false);
      let offOnWeekdays = 0;
      let workedWeekends = 0;
      for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        const weekend = wd === 0 || wd === 6;
        if (!weekend && !cal.isWorkingDay(d)) offOnWeekdays++;
        if (weekend && cal.isWorkingDay(d)) workedWeekends++;
      }
      expect(offOnWeekdays).toBeGreaterThanOrEqual(7);
      expect(offOnWeekdays).toBeLessThanOrEqual(25);
      expect(workedWeekends).toBeLessThanOrEqual(12);
    },
  );

  it('falls back to Monday to Friday for a year it does not cover, and says which years are missing', () => {
    const year = Math.max(...covered) + 1;
    expect(cal.coversYear(year)).toBe(false);
    expect(cal.missingYears([year - 1, year])).toEqual([year]);
  });

  it("takes an administrator's overrides for a year the package does not cover", () => {
    const year = Math.max(...covered) + 1;
    const national = `${year}-10-01`;
    const withAdmin = cal.withOverrides([
      { date: national, working: false, name: '国庆节' },
      { date: `${year}-09-26`, working: true },
    ]);
    expect(withAdmin.coversYear(year)).toBe(true);
    expect(withAdmin.isWorkingDay(national)).toBe(false);
    expect(withAdmin.isWorkingDay(`${year}-09-26`)).toBe(true);
    expect(withAdmin.describe(national)?.name).toBe('国庆节');
    // The package's calendar itself is unchanged.
    expect(cal.coversYear(year)).toBe(false);
  });

  it('refuses an override that is not a date', () => {
    expect(() => new CourtCalendar([{ date: '2027-02-30', working: false }])).toThrow(/not a date/);
  });
});

describe('the override table', () => {
  it("parses the administrator's file and names the years still missing", () => {
    const parsed = calendarOverridesSchema.parse({
      years: [2031],
      days: [{ date: '2031-10-01', working: false, name: '国庆节' }],
    });
    const cal = CourtCalendar.china();
    expect(calendarYearsMissing(cal, new Date('2030-06-01T00:00:00Z'))).toEqual([2030, 2031]);
    cal.addOverrides(parsed.days, parsed.years);
    expect(calendarYearsMissing(cal, new Date('2030-06-01T00:00:00Z'))).toEqual([2030]);
    expect(cal.isWorkingDay('2031-10-01')).toBe(false);
    expect(() => calendarOverridesSchema.parse({ days: [{ date: '2031-02-30', working: false }] })).toThrow(
      /YYYY-MM-DD/,
    );
  });
});
