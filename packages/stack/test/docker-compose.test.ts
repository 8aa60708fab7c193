import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
const envExample = readFileSync(path.join(root, '.env.example'), 'utf8');
const documented = new Set([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, NATS with JetStream, every subgraph and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['cases', 'gateway', 'metrics', 'nats', 'people-credit', 'postgres', 'tasks']);
    const natsConf = readFileSync(path.join(root, 'deploy/nats.conf'), 'utf8');
    expect(natsConf).toMatch(/jetstream\s*{[^}]*store_dir/);
    expect(compose.services.nats.volumes.some((v: string) => v.endsWith(':/data'))).toBe(true);
  });

  it('publishes a port for the gateway only', () => {
    const publishing = Object.entries(compose.services).filter(([, s]) => s.ports?.length).map(([name]) => name);
    expect(publishing).toEqual(['gateway']);
  });

  it('gives every service a health check and uses only variables documented in .env.example', () => {
    for (const name of ['cases', 'people-credit', 'tasks', 'metrics', 'gateway']) {
      const s = compose.services[name];
      expect(s.healthcheck?.test).toBeDefined();
      const unknown = Object.keys(s.environment ?? {}).filter((k) => !documented.has(k));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it('points the gateway at each subgraph by its service name', () => {
    const env = compose.services.gateway.environment;
    expect(env.CASES_URL).toBe('http://cases:4001/graphql');
    expect(env.PEOPLE_CREDIT_URL).toBe('http://people-credit:4002/graphql');
    expect(env.TASKS_URL).toBe('http://tasks:4003/graphql');
    expect(env.METRICS_URL).toBe('http://metrics:4004/graphql');
    for (const name of ['cases', 'people-credit', 'tasks', 'metrics']) {
      expect(compose.services[name].environment.PORT).toBe(new URL(env[`${name.replace('-', '_').toUpperCase()}_URL`]).port);
    }
  });
});
