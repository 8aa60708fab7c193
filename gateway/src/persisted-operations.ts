import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const OPERATIONS_DIR = path.resolve(__dirname, '../operations');
export const DEFAULT_SAFELIST_PATH = path.resolve(__dirname, '../persisted-operations.json');

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The frontends' operations, one .graphql file each, keyed by the sha256 of their text. */
export function buildSafelist(dir = OPERATIONS_DIR): Record<string, string> {
  if (!existsSync(dir)) return {};
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8').trim())
    .map((q) => [sha256(q), q] as const);
  return Object.fromEntries(entries);
}

export function loadSafelist(file = DEFAULT_SAFELIST_PATH): Map<string, string> {
  if (!existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}
