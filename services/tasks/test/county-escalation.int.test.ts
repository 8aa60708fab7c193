import { randomUUID } from 'node:crypto';
import { gqlRequest, identity } from '@zhiyuan/testing';
import { sweepOverdueTasks } from '../src';
import { DAY_MS } from '../src/domain/task-rules';
import { createHandlers } from '../src/events';
import { aCase, COUNTY, enforcementFiled, GANGKOU, HONGXINGQIAO, staffRegistered } from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const HOUR = 3_600_000;

describe('a task escalated to the county gets a county assignee who is told', () => {
  let h: Harness;
  const land = randomUUID();
  const opts = {
    escalateToCountyAfterMs: 72 * HOUR,
    countyAssignees: { FIND_ASSETS: 'BANK_LOAN', '*': 'COURT_ENFORCEMENT' },
  };
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, staffRegistered({ divisionCode: GANGKOU }));
    await deliver(h, staffRegistered({ roles: ['TOWNSHIP_LIAISON'], divisionCode: HONGXINGQIAO }));
    await deliver(
      h,
      staffRegistered({
        staffId: land,
        roles: ['COUNTY_DEPARTMENT'],
        divisionCode: COUNTY,
        department: 'BANK_LOAN',
      }),
    );
  });
  afterAll(() => h.stop());

  it('by task type from configuration, once, and on the department’s myTasks', async () => {
    const c = aCase();
    const filedAt = new Date('2030-03-01T02:00:00Z');
    await deliver(h, enforcementFiled(c, false, filedAt));
    const at = (ms: number) => new Date(filedAt.getTime() + ms);
    // Day 16: FIND_ASSETS and LOCATE_PERSON are overdue at the township; no county assignee yet.
    await sweepOverdueTasks(h.service.runtime, at(16 * DAY_MS), opts);
    const township = await q(`SELECT type, assignee_department FROM tasks.task WHERE case_id = $1 ORDER BY type`, [
      c.caseId,
    ]);
    expect(township).toEqual([
      { type: 'FIND_ASSETS', assignee_department: null },
      { type: 'LOCATE_PERSON', assignee_department: null },
    ]);
    // 72 hours later both go to the county: the bank takes the asset search (deposits), the court's bureau the rest.
    await sweepOverdueTasks(h.service.runtime, at(16 * DAY_MS + 73 * HOUR), opts);
    await sweepOverdueTasks(h.service.runtime, at(16 * DAY_MS + 74 * HOUR), opts);
    const county = await q(
      `SELECT id, type, escalated_level, assignee_department FROM tasks.task WHERE case_id = $1 ORDER BY type`,
      [c.caseId],
    );
    expect(county.map(({ id: _id, ...t }: { id: string }) => t)).toEqual([
      { type: 'FIND_ASSETS', escalated_level: 'COUNTY', assignee_department: 'BANK_LOAN' },
      { type: 'LOCATE_PERSON', escalated_level: 'COUNTY', assignee_department: 'COURT_ENFORCEMENT' },
    ]);
    const sms = await q(
      `SELECT template, recipient_role, recipient_staff_id FROM tasks.notification WHERE case_id = $1 AND recipient_role = 'COUNTY_DEPARTMENT' ORDER BY recipient_staff_id NULLS LAST`,
      [c.caseId],
    );
    // One each; the court's bureau has no account yet, so its SMS waits without a recipient.
    expect(sms).toEqual([
      { template: 'TASK_ESCALATION', recipient_role: 'COUNTY_DEPARTMENT', recipient_staff_id: land },
      { template: 'TASK_ESCALATION', recipient_role: 'COUNTY_DEPARTMENT', recipient_staff_id: null },
    ]);
    const mine = await gqlRequest(
      h.service.url,
      `{ myTasks(first: 50) { edges { node { id type } } } }`,
      {},
      identity(['COUNTY_DEPARTMENT'], { sub: land, divisionCode: COUNTY, department: 'BANK_LOAN' }),
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data.myTasks.edges).toEqual([{ node: { id: county[0].id, type: 'FIND_ASSETS' } }]);
    // The department works it; done, the county is stood down once.
    const done = await gqlRequest(
      h.service.url,
      `mutation($input: CompleteTaskInput!) { completeTask(input: $input) { status } }`,
      { input: { id: county[0].id, outcome: 'ACCOMPLISHED', summary: '已查询到存款账户' } },
      identity(['COUNTY_DEPARTMENT'], { sub: land, divisionCode: COUNTY, department: 'BANK_LOAN' }),
    );
    expect(done.errors).toBeUndefined();
    expect(done.data.completeTask.status).toBe('DONE');
    const standDown = await q(
      `SELECT recipient_staff_id, body FROM tasks.notification WHERE case_id = $1 AND template = 'TASK_DEESCALATED'`,
      [c.caseId],
    );
    expect(standDown).toHaveLength(1);
    expect(standDown[0].recipient_staff_id).toBe(land);
    expect(standDown[0].body).toContain('已办结，无需再督办');
  });

  it('gives automatic tasks the SLA days configured for their type, the rule table’s otherwise', async () => {
    const c = aCase();
    const filedAt = new Date('2030-03-01T02:00:00Z');
    const def = createHandlers([], { LOCATE_PERSON: 30 }).find((d) => d.subject === 'cases.enforcement.filed')!;
    await h.service.runtime.messaging.handleOnce(`tasks__${def.name}`, enforcementFiled(c, true, filedAt), def.handle);
    const due = await q(`SELECT type, due_at FROM tasks.task WHERE case_id = $1 ORDER BY type`, [c.caseId]);
    expect(
      due.map((t: { type: string; due_at: Date }) => [t.type, (t.due_at.getTime() - filedAt.getTime()) / DAY_MS]),
    ).toEqual([
      ['FIND_ASSETS', 15],
      ['LOCATE_PERSON', 30],
      ['SERVE_DOCUMENT', 7],
    ]);
  });
});
