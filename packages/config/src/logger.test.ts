import { prettyLogs } from './logger';

describe('log format', () => {
  it('is pretty at a terminal outside production, JSON otherwise, and LOG_FORMAT decides when set', () => {
    expect(prettyLogs({ NODE_ENV: 'development' }, true)).toBe(true);
    expect(prettyLogs({}, true)).toBe(true);
    expect(prettyLogs({ JEST_WORKER_ID: '1' }, true)).toBe(false);
    expect(prettyLogs({ NODE_ENV: 'production' }, true)).toBe(false);
    expect(prettyLogs({ NODE_ENV: 'development' }, false)).toBe(false);
    expect(prettyLogs({ NODE_ENV: 'development', LOG_FORMAT: 'json' }, true)).toBe(false);
    expect(prettyLogs({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, false)).toBe(true);
  });
});
