import { countyDepartmentFor, parseCountyAssignees } from './escalation';

const TYPES = ['FIND_ASSETS', 'LOCATE_PERSON', 'INTERVIEW'];

describe('county assignees of escalated tasks', () => {
  it('reads TYPE=DEPARTMENT entries with a default for the other types', () => {
    const r = parseCountyAssignees(' FIND_ASSETS=NATURAL_RESOURCES, *=COURT_ENFORCEMENT ,', TYPES);
    expect(r).toEqual({ ok: true, assignees: { FIND_ASSETS: 'NATURAL_RESOURCES', '*': 'COURT_ENFORCEMENT' } });
    if (!r.ok) return;
    expect(countyDepartmentFor('FIND_ASSETS', r.assignees)).toBe('NATURAL_RESOURCES');
    expect(countyDepartmentFor('INTERVIEW', r.assignees)).toBe('COURT_ENFORCEMENT');
    expect(countyDepartmentFor('INTERVIEW', {})).toBeNull();
  });

  it('refuses an entry that names no task type or is malformed', () => {
    expect(parseCountyAssignees('FIND_ASSET=X', TYPES)).toEqual({ ok: false, entry: 'FIND_ASSET=X' });
    expect(parseCountyAssignees('FIND_ASSETS', TYPES)).toEqual({ ok: false, entry: 'FIND_ASSETS' });
    expect(parseCountyAssignees('', TYPES)).toEqual({ ok: true, assignees: {} });
  });
});
