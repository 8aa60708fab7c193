import { errors } from '@zhiyuan/kernel';

/**
 * Rules for reading a national division list (the NBS 统计用区划代码 and the lists derived from it):
 * the level of a code, the short names the product uses for village committees, and the scope an
 * import is limited to. No I/O: the files are read in `divisions/`.
 */
export type ListLevel = 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export interface ListEntry {
  code: string;
  name: string;
  level: ListLevel;
}

const LEVEL_BY_LENGTH: Record<number, ListLevel> = {
  2: 'PROVINCE',
  4: 'PREFECTURE',
  6: 'COUNTY',
  9: 'TOWNSHIP',
  12: 'VILLAGE',
};

/**
 * The code as the product keeps it: the official list pads every level to 12 digits
 * (330522104000 is the township 330522104, 330000000000 the province 33); a village's last three
 * digits are never 000, so the trailing zeros of a padded code say its level.
 */
export function normalizeListCode(raw: string): string | null {
  const code = raw.trim();
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 12) {
    if (/^\d{2}0{10}$/.test(code)) return code.slice(0, 2);
    if (/^\d{4}0{8}$/.test(code)) return code.slice(0, 4);
    if (/^\d{6}0{6}$/.test(code)) return code.slice(0, 6);
    if (/^\d{9}000$/.test(code)) return code.slice(0, 9);
    return code;
  }
  return LEVEL_BY_LENGTH[code.length] ? code : null;
}

export function listLevel(code: string): ListLevel | null {
  return LEVEL_BY_LENGTH[code.length] ?? null;
}

/** The code one level up in the list (village → township → county → prefecture → province). */
export function listParent(code: string): string | null {
  const cut = { 12: 9, 9: 6, 6: 4, 4: 2 }[code.length];
  return cut ? code.slice(0, cut) : null;
}

/**
 * The list names a village by its committee (港口村委会, 钮店湾社区居委会, …村民委员会); the product
 * names the village or community itself (港口村, 钮店湾社区), as people say it and as texts print it.
 */
const COMMITTEE_SUFFIXES: [RegExp, string][] = [
  [/村民委员会$/, '村'],
  [/村委会$/, '村'],
  [/居民委员会$/, '社区'],
  [/居委会$/, '社区'],
];

export function divisionName(level: ListLevel, officialName: string): string {
  const name = officialName.trim();
  if (level !== 'VILLAGE') return name;
  for (const [suffix, kind] of COMMITTEE_SUFFIXES) {
    if (!suffix.test(name)) continue;
    // 周村村委会 is the committee of 周村, 港口村委会 that of 港口村: the kind is added only when missing.
    const stem = name.replace(suffix, '');
    return stem.endsWith(kind) ? stem : `${stem}${kind}`;
  }
  return name;
}

/** Which flag limits an import to which prefix length. */
export const SCOPE_LENGTHS = { province: 2, prefecture: 4, county: 6 } as const;

/** Validates a scope prefix (2, 4 or 6 digits); null when the whole list is imported. */
export function requireScope(flag: keyof typeof SCOPE_LENGTHS, value: string): string {
  const length = SCOPE_LENGTHS[flag];
  if (!new RegExp(`^\\d{${length}}$`).test(value))
    throw errors.validation(flag, `--${flag} takes a ${length}-digit division code`);
  return value;
}

/** Whether an entry belongs to an import limited to `scope`: inside it, or one of its ancestors. */
export function inScope(code: string, scope: string | null): boolean {
  return scope === null || code.startsWith(scope) || scope.startsWith(code);
}

/** One line of a CSV list (`code,name,…` with the name optionally quoted); null for a header or blank line. */
export function parseListLine(line: string): { code: string; name: string } | null {
  const m = /^\s*"?(\d+)"?\s*,\s*(?:"((?:[^"]|"")*)"|([^,]*))/.exec(line);
  if (!m) return null;
  const name = (m[2] ?? m[3] ?? '').replace(/""/g, '"').trim();
  return name ? { code: m[1]!, name } : null;
}

/** One line of a mapping file (`old_code,new_code`); null for a header or blank line. */
export function parseMappingLine(line: string): { oldCode: string; newCode: string } | null {
  const m = /^\s*"?(\d+)"?\s*,\s*"?(\d+)"?\s*$/.exec(line);
  if (!m) return null;
  const oldCode = normalizeListCode(m[1]!);
  const newCode = normalizeListCode(m[2]!);
  if (!oldCode || !newCode) return null;
  return { oldCode, newCode };
}

/** Entries by level from top to bottom, so that every parent is written before its children. */
export function byLevel(entries: Iterable<ListEntry>): ListEntry[] {
  const order: ListLevel[] = ['PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE'];
  return [...entries].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || (a.code < b.code ? -1 : 1));
}

/**
 * Prefectures without counties (东莞市 4419, 中山市 4420, 儋州市 4604, 嘉峪关市 6202): their towns have
 * codes under `<prefecture>00`, a county the official table does not list. The product's tree starts at
 * a county, so such a county is added with the prefecture's name (the bundled dataset lists it so).
 */
export function addCountiesOfUndividedCities(list: Map<string, ListEntry>): void {
  for (const e of [...list.values()]) {
    if (e.level !== 'TOWNSHIP') continue;
    const county = e.code.slice(0, 6);
    const prefecture = list.get(county.slice(0, 4));
    if (!list.has(county) && county.endsWith('00') && prefecture)
      list.set(county, { code: county, level: 'COUNTY', name: prefecture.name });
  }
}
