import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gatewayConfigSchema } from '@zhiyuan/gateway';
import * as cases from '@zhiyuan/cases';
import * as peopleCredit from '@zhiyuan/people-credit';
import * as tasks from '@zhiyuan/tasks';
import * as metrics from '@zhiyuan/metrics';

const envExample = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
const documented = new Set([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe('.env.example', () => {
  it.each([
    ['gateway', gatewayConfigSchema],
    ['cases', cases.configSchema],
    ['people-credit', peopleCredit.configSchema],
    ['tasks', tasks.configSchema],
    ['metrics', metrics.configSchema],
  ])('documents every variable %s reads', (_name, schema) => {
    const missing = Object.keys((schema as { shape: Record<string, unknown> }).shape).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });
});
