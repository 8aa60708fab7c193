import { formerHome, inCaseOrder, isKnownRoute, takesUnassignedTasks, taskHomeOf } from './routing';

describe('case routing', () => {
  it('knows a route only when it names a village or a township', () => {
    expect(
      [null, { villageCode: null, townshipCode: null }, { villageCode: null, townshipCode: '330522104' }].map(
        isKnownRoute,
      ),
    ).toEqual([false, false, true]);
  });

  it('carries out deferred work urging first, filing second', () => {
    const work = [{ subject: 'cases.enforcement.filed' as const }, { subject: 'cases.urging.started' as const }];
    expect(inCaseOrder(work).map((w) => w.subject)).toEqual(['cases.urging.started', 'cases.enforcement.filed']);
  });

  it('sends a moved party’s tasks to the village secretary, else the township liaison', () => {
    expect(taskHomeOf({ villageCode: '330522104201', townshipCode: '330522104' })).toEqual({
      level: 'VILLAGE',
      code: '330522104201',
      role: 'VILLAGE_SECRETARY',
    });
    expect(taskHomeOf({ villageCode: null, townshipCode: '330522104' })).toEqual({
      level: 'TOWNSHIP',
      code: '330522104',
      role: 'TOWNSHIP_LIAISON',
    });
    expect(taskHomeOf({ villageCode: null, townshipCode: null })).toBeNull();
    expect(formerHome('330522104201')).toEqual({ village: '330522104201', township: '330522104' });
    expect(formerHome('330522104')).toEqual({ village: null, township: '330522104' });
  });

  it('lets a secretary of a village and a liaison of a township take unassigned tasks, nobody else', () => {
    expect(takesUnassignedTasks({ roles: ['VILLAGE_SECRETARY'], divisionCode: '330522104201' })).toBe(true);
    expect(takesUnassignedTasks({ roles: ['TOWNSHIP_LIAISON'], divisionCode: '330522104' })).toBe(true);
    expect(takesUnassignedTasks({ roles: ['VILLAGE_SECRETARY'], divisionCode: '330522104' })).toBe(false);
    expect(takesUnassignedTasks({ roles: ['VILLAGE_CADRE'], divisionCode: '330522104201' })).toBe(false);
    expect(takesUnassignedTasks({ roles: ['TOWNSHIP_LIAISON'], divisionCode: null })).toBe(false);
  });
});
