import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, DEVELOPMENT_INTERNAL_AUTH_SECRET } from '@zhiyuan/config';
import { loadGatewayConfig } from '../src/config';

describe('gateway configuration', () => {
  it('has working defaults', () => {
    const cfg = loadGatewayConfig({});
    expect(cfg.PORT).toBe(4000);
    expect(cfg.SUPERGRAPH_MODE).toBe('static');
  });

  it('names the malformed variable', () => {
    expect(() => loadGatewayConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ CASES_URL: 'not a url' })).toThrow(/CASES_URL is malformed/);
    expect(() => loadGatewayConfig({ INTERNAL_AUTH_SECRET: 'short' })).toThrow(
      /INTERNAL_AUTH_SECRET is malformed: must be at least 32 characters/,
    );
  });

  it('stops start-up with one clear line and exit code 78', () => {
    const r = spawnSync('npx', ['tsx', path.join(__dirname, '../src/main.ts')], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(78);
    expect(r.stderr.trim()).toMatch(/^Invalid configuration: PORT is malformed: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  describe('INTERNAL_AUTH_SECRET in production', () => {
    // Everything else production asks for, so the secret is the only problem left.
    const production = { NODE_ENV: 'production', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----' };
    const composeFallback = /INTERNAL_AUTH_SECRET:-([^}]+)\}/.exec(
      readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'),
    )?.[1];

    it('is refused unset', () => {
      expect(() => loadGatewayConfig(production)).toThrow(
        /^Invalid configuration: INTERNAL_AUTH_SECRET must be set in production/,
      );
    });

    it('is refused equal to the committed default or to the docker-compose.yml fallback', () => {
      expect(composeFallback).toBeDefined();
      for (const secret of [DEVELOPMENT_INTERNAL_AUTH_SECRET, composeFallback!]) {
        expect(() => loadGatewayConfig({ ...production, INTERNAL_AUTH_SECRET: secret })).toThrow(
          /^Invalid configuration: INTERNAL_AUTH_SECRET is refused in production/,
        );
      }
    });

    it('is accepted when it is a secret of its own, and the default stays usable outside production', () => {
      expect(loadGatewayConfig({ ...production, INTERNAL_AUTH_SECRET: 'q7'.repeat(20) }).INTERNAL_AUTH_SECRET).toBe(
        'q7'.repeat(20),
      );
      expect(loadGatewayConfig({}).INTERNAL_AUTH_SECRET).toBe(DEVELOPMENT_INTERNAL_AUTH_SECRET);
    });

    it('stops the gateway start-up with one line naming it and exit code 78', () => {
      const env: Record<string, string | undefined> = { ...process.env, ...production };
      delete env.INTERNAL_AUTH_SECRET;
      const r = spawnSync('npx', ['tsx', path.join(__dirname, '../src/main.ts')], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(78);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Invalid configuration: INTERNAL_AUTH_SECRET must be set in production/),
      ]);
    });
  });
});

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy by default', () => {
    expect(loadGatewayConfig({}).TRUSTED_PROXIES).toBe(false);
  });

  it('takes a comma list of addresses, CIDR ranges and named sets', () => {
    expect(
      loadGatewayConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10,loopback, fd00::/8' }).TRUSTED_PROXIES,
    ).toEqual(['10.0.0.0/8', '192.168.1.10', 'loopback', 'fd00::/8']);
  });

  it('refuses anything else', () => {
    expect(() => loadGatewayConfig({ TRUSTED_PROXIES: 'true' })).toThrow(/TRUSTED_PROXIES is malformed/);
    expect(() => loadGatewayConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES is malformed/);
    expect(() => loadGatewayConfig({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES is malformed/);
  });
});
