/**
 * Chinese case numbers (案号): `(2024)浙0522民初1234号` — year in parentheses, the court code (the
 * province abbreviation and 2 or 4 digits), the case-type characters, a serial number and 号.
 * Full-width parentheses are accepted and normalised to ASCII so one case never has two spellings.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PATTERN = new RegExp(`^\\((\\d{4})\\)([${PROVINCES}])(\\d{2}|\\d{4})([\\u4e00-\\u9fa5]{1,4})(\\d{1,6})号$`);

/** Case-type characters of an enforcement case (执行实施, 恢复执行). */
const ENFORCEMENT_TYPES = new Set(['执', '执恢']);

export interface ParsedCaseNumber {
  normalized: string;
  year: number;
  court: string;
  type: string;
  serial: number;
}

export function normalizeCaseNumber(raw: string): string {
  return raw.trim().replace(/（/g, '(').replace(/）/g, ')');
}

export function parseCaseNumber(raw: string): ParsedCaseNumber | null {
  const normalized = normalizeCaseNumber(raw);
  const m = PATTERN.exec(normalized);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1990 || year > 2100) return null;
  return { normalized, year, court: `${m[2]}${m[3]}`, type: m[4]!, serial: Number(m[5]) };
}

/** A judgment number: any case type that is not an enforcement type (民初, 民终, 刑初 ...). */
export function isJudgmentNumber(raw: string): boolean {
  const p = parseCaseNumber(raw);
  return !!p && !p.type.startsWith('执');
}

/** An enforcement case number: type 执 or 执恢. */
export function isEnforcementNumber(raw: string): boolean {
  const p = parseCaseNumber(raw);
  return !!p && ENFORCEMENT_TYPES.has(p.type);
}
