import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError } from '@zhiyuan/config';
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
    expect(() => loadGatewayConfig({ INTERNAL_AUTH_SECRET: 'short' })).toThrow(/INTERNAL_AUTH_SECRET is malformed: must be at least 32 characters/);
  });

  it('stops start-up with one clear line and exit code 78', () => {
    const r = spawnSync('npx', ['tsx', path.join(__dirname, '../src/main.ts')], { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(78);
    expect(r.stderr.trim()).toMatch(/^Invalid configuration: PORT is malformed: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
