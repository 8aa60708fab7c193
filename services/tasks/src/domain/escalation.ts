import type { TaskType } from '../entities';

/**
 * Who at the county takes an escalated task: a county department per task type, with `*` for every
 * other type. Written `TYPE=DEPARTMENT` entries, comma-separated (TASK_COUNTY_ASSIGNEES), e.g.
 * `FIND_ASSETS=NATURAL_RESOURCES,LOCATE_PERSON=PUBLIC_SECURITY,*=COURT_ENFORCEMENT`.
 */
export type CountyAssignees = Readonly<Record<string, string>>;

export function parseCountyAssignees(
  text: string,
  types: readonly string[],
): { ok: true; assignees: CountyAssignees } | { ok: false; entry: string } {
  const assignees: Record<string, string> = {};
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^([A-Z_*]+)=([A-Z][A-Z0-9_]*)$/.exec(entry);
    if (!m || (m[1] !== '*' && !types.includes(m[1]!))) return { ok: false, entry };
    assignees[m[1]!] = m[2]!;
  }
  return { ok: true, assignees };
}

/** The county department an escalated task of `type` goes to; null when none is configured. */
export function countyDepartmentFor(type: TaskType, assignees: CountyAssignees): string | null {
  return assignees[type] ?? assignees['*'] ?? null;
}
