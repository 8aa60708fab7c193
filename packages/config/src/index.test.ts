import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  DEVELOPMENT_INTERNAL_AUTH_SECRET,
  PUBLIC_INTERNAL_AUTH_SECRETS,
  fields,
  loadConfig,
  serviceConfigShape,
  z,
} from './index';

const schema = z.object({
  PORT: fields.port(4000),
  DATABASE_URL: fields.postgresUrl(),
  VERBOSE: fields.boolean(false),
});

describe('loadConfig', () => {
  it('parses, defaults and freezes', () => {
    const cfg = loadConfig(schema, { DATABASE_URL: 'postgres://x@h/db', VERBOSE: 'yes' });
    expect(cfg).toEqual({ PORT: 4000, DATABASE_URL: 'postgres://x@h/db', VERBOSE: true });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('names a missing variable', () => {
    expect(() => loadConfig(schema, {})).toThrow(
      new ConfigError('DATABASE_URL', 'is required (Invalid input: expected string, received undefined)'),
    );
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig(schema, { DATABASE_URL: 'postgres://x', PORT: 'eighty' })).toThrow(/PORT is malformed/);
    expect(() => loadConfig(schema, { DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL is malformed: must be a postgres/,
    );
  });
});

describe('serviceConfigShape', () => {
  const service = z.object(serviceConfigShape);
  const base = { DATABASE_URL: 'postgres://x@h/db' };
  const composeFallback = /INTERNAL_AUTH_SECRET:-([^}]+)\}/.exec(
    readFileSync(path.resolve(__dirname, '../../../docker-compose.yml'), 'utf8'),
  )?.[1];

  it('binds loopback unless HOST says otherwise', () => {
    expect(loadConfig(service, base).HOST).toBe('127.0.0.1');
    expect(loadConfig(service, { ...base, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig(service, { ...base, HOST: '::' }).HOST).toBe('::');
    expect(() => loadConfig(service, { ...base, HOST: 'http://0.0.0.0' })).toThrow(
      /^Invalid configuration: HOST is malformed: must be a host name or an IP address$/,
    );
  });

  it('keeps the development secret outside production', () => {
    expect(loadConfig(service, base).INTERNAL_AUTH_SECRET).toBe(DEVELOPMENT_INTERNAL_AUTH_SECRET);
    expect(
      loadConfig(service, { ...base, NODE_ENV: 'test', INTERNAL_AUTH_SECRET: DEVELOPMENT_INTERNAL_AUTH_SECRET })
        .NODE_ENV,
    ).toBe('test');
  });

  it('refuses, in production, an unset secret with one line naming INTERNAL_AUTH_SECRET', () => {
    const prod = { ...base, NODE_ENV: 'production' };
    for (const unset of [{}, { INTERNAL_AUTH_SECRET: '' }]) {
      let err: unknown;
      try {
        loadConfig(service, { ...prod, ...unset });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe('INTERNAL_AUTH_SECRET');
      expect((err as ConfigError).message).toMatch(
        /^Invalid configuration: INTERNAL_AUTH_SECRET must be set in production/,
      );
      expect((err as ConfigError).message).not.toContain('\n');
    }
  });

  it('refuses, in production, the committed default and the docker-compose.yml fallback', () => {
    expect(composeFallback).toBeDefined();
    expect(PUBLIC_INTERNAL_AUTH_SECRETS).toContain(composeFallback);
    for (const secret of [DEVELOPMENT_INTERNAL_AUTH_SECRET, composeFallback!]) {
      expect(() => loadConfig(service, { ...base, NODE_ENV: 'production', INTERNAL_AUTH_SECRET: secret })).toThrow(
        /^Invalid configuration: INTERNAL_AUTH_SECRET is refused in production: it is a value published in this repository/,
      );
    }
  });

  it('accepts a secret of its own in production', () => {
    const cfg = loadConfig(service, {
      ...base,
      NODE_ENV: 'production',
      INTERNAL_AUTH_SECRET: 'a'.repeat(20) + 'Zq9'.repeat(6),
    });
    expect(cfg.INTERNAL_AUTH_SECRET).toHaveLength(38);
  });

  it('leaves a schema without the secret alone in production', () => {
    expect(loadConfig(z.object({ NODE_ENV: fields.nodeEnv() }), { NODE_ENV: 'production' })).toEqual({
      NODE_ENV: 'production',
    });
  });
});
