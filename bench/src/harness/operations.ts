import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './load';

/** The frontends' operations, as committed in gateway/operations (the safelist's source). */
export function operation(name: string): string {
  return readFileSync(path.join(REPO_ROOT, 'gateway/operations', `${name}.graphql`), 'utf8').trim();
}

/** The whole three years of data as one custom period. */
export const ALL_TIME = { kind: 'CUSTOM', from: '2023-01-01', to: '2026-12-31' };
