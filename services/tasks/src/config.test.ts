import { ConfigError } from '@zhiyuan/config';
import { loadTasksConfig } from './config';

describe('tasks configuration', () => {
  it('defaults to the log SMS provider and the documented schedules', () => {
    const c = loadTasksConfig({ DATABASE_URL: 'postgres://x' });
    expect(c).toMatchObject({
      PORT: 4003,
      SMS_PROVIDER: 'log',
      SMS_MAX_ATTEMPTS: 5,
      SMS_RETRY_BASE_MS: 30_000,
      TASK_ESCALATE_TO_COUNTY_AFTER_HOURS: 72,
      TASK_SCHEDULERS_ENABLED: true,
      ATTACHMENT_SWEEP_INTERVAL_MS: 900_000,
      ATTACHMENT_ABANDON_GRACE_SECONDS: 3_600,
      ATTACHMENT_STORAGE: 'filesystem',
    });
  });

  it('requires the gateway URL when SMS go over HTTP, naming the variable', () => {
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', SMS_PROVIDER: 'http' })).toThrow(
      new ConfigError('SMS_HTTP_URL', 'is required (is required when SMS_PROVIDER=http)'),
    );
    expect(
      loadTasksConfig({ DATABASE_URL: 'postgres://x', SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.example/send' })
        .SMS_HTTP_URL,
    ).toBe('https://sms.example/send');
  });

  it('reads SLA days and county assignees per task type, refusing types that are none', () => {
    const c = loadTasksConfig({
      DATABASE_URL: 'postgres://x',
      TASK_SLA_DAYS: 'LOCATE_PERSON=30, INTERVIEW=5',
      TASK_COUNTY_ASSIGNEES: 'FIND_ASSETS=BANK_LOAN,*=COURT_ENFORCEMENT',
    });
    expect(c.TASK_SLA_DAYS).toEqual({ LOCATE_PERSON: 30, INTERVIEW: 5 });
    expect(c.TASK_COUNTY_ASSIGNEES).toEqual({ FIND_ASSETS: 'BANK_LOAN', '*': 'COURT_ENFORCEMENT' });
    expect(loadTasksConfig({ DATABASE_URL: 'postgres://x' })).toMatchObject({
      TASK_SLA_DAYS: {},
      TASK_COUNTY_ASSIGNEES: { '*': 'COURT_ENFORCEMENT' },
    });
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', TASK_SLA_DAYS: 'LOCATE=3' })).toThrow(/TASK_SLA_DAYS/);
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', TASK_SLA_DAYS: 'INTERVIEW=0' })).toThrow(
      /TASK_SLA_DAYS/,
    );
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', TASK_COUNTY_ASSIGNEES: 'X=Y' })).toThrow(
      /TASK_COUNTY_ASSIGNEES/,
    );
  });

  it('refuses a malformed value', () => {
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', SMS_MAX_ATTEMPTS: 'many' })).toThrow(
      /SMS_MAX_ATTEMPTS is malformed/,
    );
  });
});

describe('the case-step notices switch', () => {
  it('sends every notice by default', () => {
    expect(loadTasksConfig({ DATABASE_URL: 'postgres://x' }).NOTICES_OFF).toEqual([]);
  });

  it('reads notices switched off everywhere or for one court', () => {
    const c = loadTasksConfig({
      DATABASE_URL: 'postgres://x',
      NOTICES_OFF: ' PAYMENT_RECORDED, 长兴县人民法院:case_closed ,',
    });
    expect(c.NOTICES_OFF).toEqual([
      { court: null, notice: 'PAYMENT_RECORDED' },
      { court: '长兴县人民法院', notice: 'CASE_CLOSED' },
    ]);
  });

  it('refuses an entry that names no notice, naming the variable', () => {
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', NOTICES_OFF: 'URGING_NOTICE' })).toThrow(
      /NOTICES_OFF is malformed: "URGING_NOTICE" names no notice/,
    );
    expect(() => loadTasksConfig({ DATABASE_URL: 'postgres://x', NOTICES_OFF: ':CASE_CLOSED' })).toThrow(
      /NOTICES_OFF is malformed/,
    );
  });
});
