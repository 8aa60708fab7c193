import { randomUUID } from 'node:crypto';
import { divisionLevel } from '@zhiyuan/kernel';
import { DAY_MS, escalationTarget, planTasks } from './task-rules';

const base = {
  caseId: randomUUID(),
  obligorIds: [randomUUID(), randomUUID()],
  villageCode: '330522104201',
  townshipCode: '330522104',
};
const t0 = new Date('2024-07-01T00:00:00Z');

describe('task rules', () => {
  it('opens one follow-up call per obligor for the village secretary when urging starts', () => {
    const plans = planTasks('cases.urging.started', base, t0);
    expect(plans.map((p) => [p.type, p.level, p.divisionCode, p.assignToRole, p.obligorId])).toEqual(
      base.obligorIds.map((id) => ['FOLLOW_UP_CALL', 'VILLAGE', '330522104201', 'VILLAGE_SECRETARY', id]),
    );
    expect(plans[0]!.dueAt.getTime()).toBe(t0.getTime() + 3 * DAY_MS);
    expect(new Set(plans.map((p) => p.ruleKey)).size).toBe(2);
  });

  it('opens locate, find-assets and (only when needed) serve-document tasks on filing', () => {
    const one = { ...base, obligorIds: [base.obligorIds[0]!] };
    expect(planTasks('cases.enforcement.filed', { ...one, needsService: true }, t0).map((p) => p.type)).toEqual([
      'LOCATE_PERSON',
      'FIND_ASSETS',
      'SERVE_DOCUMENT',
    ]);
    expect(planTasks('cases.enforcement.filed', { ...one, needsService: false }, t0).map((p) => p.type)).toEqual([
      'LOCATE_PERSON',
      'FIND_ASSETS',
    ]);
  });

  it('falls back to the township liaison without a village, and opens nothing without any routing', () => {
    const plans = planTasks('cases.urging.started', { ...base, villageCode: null }, t0);
    expect(
      plans.every(
        (p) => p.level === 'TOWNSHIP' && p.divisionCode === '330522104' && p.assignToRole === 'TOWNSHIP_LIAISON',
      ),
    ).toBe(true);
    expect(planTasks('cases.urging.started', { ...base, villageCode: null, townshipCode: null }, t0)).toEqual([]);
  });

  it('keys each task by case, rule and obligor, so the same event always plans the same keys', () => {
    const a = planTasks('cases.enforcement.filed', base, t0).map((p) => p.ruleKey);
    const b = planTasks('cases.enforcement.filed', base, new Date()).map((p) => p.ruleKey);
    expect(a).toEqual(b);
  });

  it('opens an interview per missed instalment, keyed by the occurrence', () => {
    const one = { ...base, obligorIds: [base.obligorIds[0]!] };
    const a = planTasks('cases.instalment.missed', { ...one, occurrence: 'plan:1' }, t0);
    const b = planTasks('cases.instalment.missed', { ...one, occurrence: 'plan:2' }, t0);
    expect(a.map((p) => p.type)).toEqual(['INTERVIEW']);
    expect(a[0]!.ruleKey).not.toBe(b[0]!.ruleKey);
  });

  it('mediates once per plan from its second missed instalment, and when the rights holder declines a proposal', () => {
    const one = { ...base, obligorIds: [base.obligorIds[0]!] };
    const missed = (no: number, missedInstalments: number) =>
      planTasks('cases.instalment.missed', { ...one, occurrence: `plan:${no}`, planId: 'plan', missedInstalments }, t0);
    expect(missed(1, 1).map((p) => p.type)).toEqual(['INTERVIEW']);
    const second = missed(2, 2);
    expect(second.map((p) => p.type)).toEqual(['INTERVIEW', 'MEDIATE']);
    expect(second[1]).toMatchObject({ level: 'VILLAGE', assignToRole: 'VILLAGE_SECRETARY' });
    expect(second[1]!.dueAt.getTime() - t0.getTime()).toBe(10 * 86_400_000);
    // A third miss plans the same mediation key: nothing new opens.
    expect(missed(3, 3)[1]!.ruleKey).toBe(second[1]!.ruleKey);
    const answered = (declined: boolean) =>
      planTasks('tasks.proposal.answered', { ...one, occurrence: 'proposal-1', declined }, t0);
    expect(answered(false)).toEqual([]);
    expect(answered(true).map((p) => [p.type, p.ruleKey])).toEqual([
      ['MEDIATE', `${base.caseId}:mediate-when-proposal-is-declined:${base.obligorIds[0]}:proposal-1`],
    ]);
  });

  it('knows division levels and escalation targets', () => {
    expect(['330522', '330522104', '330522104201', '3305'].map(divisionLevel)).toEqual([
      'COUNTY',
      'TOWNSHIP',
      'VILLAGE',
      null,
    ]);
    expect((['VILLAGE', 'TOWNSHIP', 'COUNTY'] as const).map(escalationTarget)).toEqual([
      'TOWNSHIP',
      'COUNTY',
      'COUNTY',
    ]);
  });
});
