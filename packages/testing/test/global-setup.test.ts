import path from 'node:path';
import { TEMPLATE_ENV } from '../src/database';
import globalSetup, { releaseTemplate } from '../src/jest/global-setup';

const casesDir = path.resolve(__dirname, '../../../services/cases');
// Nothing listens on port 1: building the template fails at once.
const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/postgres';

describe('the Jest global setup', () => {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    CI: process.env.CI,
    [TEMPLATE_ENV]: process.env[TEMPLATE_ENV],
  };
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    stderr.mockRestore();
    await releaseTemplate();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('fails the run under CI=true when the migrated template cannot be built', async () => {
    process.env.DATABASE_URL = UNREACHABLE;
    process.env.CI = 'true';
    await expect(globalSetup(undefined, { rootDir: casesDir })).rejects.toThrow(/no migrated template database/);
    expect(process.env[TEMPLATE_ENV]).toBeUndefined();
  });

  it('elsewhere goes on without one, saying that each test database migrates from empty', async () => {
    process.env.DATABASE_URL = UNREACHABLE;
    delete process.env.CI;
    await expect(globalSetup(undefined, { rootDir: casesDir })).resolves.toBeUndefined();
    expect(process.env[TEMPLATE_ENV]).toBeUndefined();
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/each test database migrates from empty/));
  });
});
