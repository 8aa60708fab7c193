import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@zhiyuan/config';
import { CourtCalendar } from '@zhiyuan/kernel';
import { applyCourtCalendar } from '../src';

function recordingLogger() {
  const warnings: { obj: unknown; msg: string }[] = [];
  const logger = { warn: (obj: unknown, msg: string) => warnings.push({ obj, msg }) } as never;
  return { logger, warnings };
}

const file = (content: string) => {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'zy-cal-')), 'calendar.json');
  writeFileSync(p, content);
  return p;
};

describe('the court calendar at start-up', () => {
  it('lays the override table over the package and stops warning for the years it covers', () => {
    const cal = CourtCalendar.china();
    const { logger, warnings } = recordingLogger();
    const f = file(
      JSON.stringify({
        years: [2041, 2042],
        days: [
          { date: '2041-10-01', working: false, name: '国庆节' },
          { date: '2041-09-29', working: true },
        ],
      }),
    );
    applyCourtCalendar(f, logger, new Date('2041-03-01T00:00:00Z'), cal);
    expect(cal.isWorkingDay('2041-10-01')).toBe(false);
    expect(cal.isWorkingDay('2041-09-29')).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('warns when this year or the next is not covered', () => {
    const cal = CourtCalendar.china();
    const { logger, warnings } = recordingLogger();
    applyCourtCalendar(undefined, logger, new Date('2043-12-03T00:00:00Z'), cal);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj).toEqual({ missingYears: [2043, 2044] });
    expect(warnings[0]!.msg).toContain('COURT_CALENDAR_FILE');
  });

  it('refuses a malformed table with the variable named', () => {
    const { logger } = recordingLogger();
    expect(() =>
      applyCourtCalendar(
        file('{"days":[{"date":"2041-02-30","working":false}]}'),
        logger,
        new Date(),
        CourtCalendar.china(),
      ),
    ).toThrow(ConfigError);
    expect(() => applyCourtCalendar(file('not json'), logger, new Date(), CourtCalendar.china())).toThrow(
      /COURT_CALENDAR_FILE/,
    );
  });
});
