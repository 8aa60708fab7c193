import { ConfigError, fields, loadConfig, z } from './index';

const schema = z.object({ PORT: fields.port(4000), DATABASE_URL: fields.postgresUrl(), VERBOSE: fields.boolean(false) });

describe('loadConfig', () => {
  it('parses, defaults and freezes', () => {
    const cfg = loadConfig(schema, { DATABASE_URL: 'postgres://x@h/db', VERBOSE: 'yes' });
    expect(cfg).toEqual({ PORT: 4000, DATABASE_URL: 'postgres://x@h/db', VERBOSE: true });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('names a missing variable', () => {
    expect(() => loadConfig(schema, {})).toThrow(new ConfigError('DATABASE_URL', 'is required (Invalid input: expected string, received undefined)'));
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig(schema, { DATABASE_URL: 'postgres://x', PORT: 'eighty' })).toThrow(/PORT is malformed/);
    expect(() => loadConfig(schema, { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL is malformed: must be a postgres/);
  });
});
