import { sweepOverdueTasks } from '../src';
import { DAY_MS } from '../src/domain/task-rules';
import { randomUUID } from 'node:crypto';
import { aCase, caseClosed, enforcementFiled, event, staffRegistered, GANGKOU, HONGXINGQIAO } from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const HOUR = 3_600_000;

describe('deadlines and escalation with a controllable clock', () => {
  let h: Harness;
  const opts = { escalateToCountyAfterMs: 72 * HOUR };
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const secretary = staffRegistered({ divisionCode: GANGKOU });
  const liaison = staffRegistered({ roles: ['TOWNSHIP_LIAISON'], divisionCode: HONGXINGQIAO });

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, secretary);
    await deliver(h, liaison);
  });
  afterAll(() => h.stop());

  const overdueEvents = async (caseId: string) =>
    (
      await q(
        `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'tasks.task.overdue' AND key = $1 ORDER BY seq`,
        [caseId],
      )
    ).map((r: { p: { type: string; escalatedTo: string } }) => `${r.p.type}->${r.p.escalatedTo}`);

  it('opens the village tasks on filing, marks them overdue to the township, then to the county, each once', async () => {
    const c = aCase();
    const filedAt = new Date('2030-03-01T02:00:00Z');
    await deliver(h, enforcementFiled(c, true, filedAt));
    const tasks = await q(
      `SELECT type, level, division_code, assignee_id, due_at FROM tasks.task WHERE case_id = $1 ORDER BY type`,
      [c.caseId],
    );
    expect(tasks.map((t: { type: string }) => t.type)).toEqual(['FIND_ASSETS', 'LOCATE_PERSON', 'SERVE_DOCUMENT']);
    expect(
      tasks.every(
        (t: { assignee_id: string; level: string }) => t.assignee_id === secretary.key && t.level === 'VILLAGE',
      ),
    ).toBe(true);
    expect(new Date(tasks[2].due_at).getTime()).toBe(filedAt.getTime() + 7 * DAY_MS);

    const at = (ms: number) => new Date(filedAt.getTime() + ms);
    await sweepOverdueTasks(h.service.runtime, at(7 * DAY_MS - 1), opts);
    expect(await overdueEvents(c.caseId)).toEqual([]);

    // Day 8: the document service is overdue and goes to the township liaison.
    await sweepOverdueTasks(h.service.runtime, at(8 * DAY_MS), opts);
    await sweepOverdueTasks(h.service.runtime, at(8 * DAY_MS), opts);
    expect(await overdueEvents(c.caseId)).toEqual(['SERVE_DOCUMENT->TOWNSHIP']);
    const notices = await q(
      `SELECT template, recipient_role, recipient_staff_id FROM tasks.notification WHERE case_id = $1 ORDER BY template`,
      [c.caseId],
    );
    expect(notices).toEqual([
      { template: 'TASK_ESCALATION', recipient_role: 'TOWNSHIP_LIAISON', recipient_staff_id: liaison.key },
      { template: 'TASK_REMINDER', recipient_role: 'ASSIGNEE', recipient_staff_id: secretary.key },
    ]);

    // Still open 71 h later: not yet the county; at 72 h it is, once.
    await sweepOverdueTasks(h.service.runtime, at(8 * DAY_MS + 71 * HOUR), opts);
    expect(await overdueEvents(c.caseId)).toEqual(['SERVE_DOCUMENT->TOWNSHIP']);
    await sweepOverdueTasks(h.service.runtime, at(8 * DAY_MS + 72 * HOUR), opts);
    await sweepOverdueTasks(h.service.runtime, at(8 * DAY_MS + 100 * HOUR), opts);
    expect(await overdueEvents(c.caseId)).toEqual(['SERVE_DOCUMENT->TOWNSHIP', 'SERVE_DOCUMENT->COUNTY']);
    const [serve] = await q(
      `SELECT escalated_level, overdue_at FROM tasks.task WHERE case_id = $1 AND type = 'SERVE_DOCUMENT'`,
      [c.caseId],
    );
    expect(serve.escalated_level).toBe('COUNTY');
    expect(new Date(serve.overdue_at).getTime()).toBe(at(8 * DAY_MS).getTime());

    // Closing the case cancels what is still open (overdue or not) with the outcome as reason.
    await deliver(h, caseClosed(c, 'SETTLED_AND_PERFORMED'));
    const after = await q(`SELECT status, cancel_reason FROM tasks.task WHERE case_id = $1`, [c.caseId]);
    expect(after).toEqual(Array(3).fill({ status: 'CANCELLED', cancel_reason: 'CASE_CLOSED:SETTLED_AND_PERFORMED' }));
    const completed = await q(
      `SELECT envelope->'payload'->>'status' AS s FROM tasks.outbox_message WHERE type = 'tasks.task.completed' AND key = $1`,
      [c.caseId],
    );
    expect(completed).toEqual(Array(3).fill({ s: 'CANCELLED' }));

    // A later sweep leaves cancelled tasks alone.
    await sweepOverdueTasks(h.service.runtime, at(30 * DAY_MS), opts);
    expect(await overdueEvents(c.caseId)).toEqual(['SERVE_DOCUMENT->TOWNSHIP', 'SERVE_DOCUMENT->COUNTY']);
  });

  it('opens no SERVE_DOCUMENT task when the case needs no service, and a township task escalates straight to the county', async () => {
    const c = aCase({ villageCode: null });
    const filedAt = new Date('2030-05-01T02:00:00Z');
    await deliver(h, enforcementFiled(c, false, filedAt));
    const tasks = await q(
      `SELECT type, level, division_code, assignee_id FROM tasks.task WHERE case_id = $1 ORDER BY type`,
      [c.caseId],
    );
    expect(tasks).toEqual([
      { type: 'FIND_ASSETS', level: 'TOWNSHIP', division_code: HONGXINGQIAO, assignee_id: liaison.key },
      { type: 'LOCATE_PERSON', level: 'TOWNSHIP', division_code: HONGXINGQIAO, assignee_id: liaison.key },
    ]);
    await sweepOverdueTasks(h.service.runtime, new Date(filedAt.getTime() + 16 * DAY_MS), opts);
    expect((await overdueEvents(c.caseId)).sort()).toEqual(['FIND_ASSETS->COUNTY', 'LOCATE_PERSON->COUNTY']);
  });

  it('opens one interview per missed instalment, and none on a closed case', async () => {
    const c = aCase();
    await deliver(h, enforcementFiled(c, false));
    const planId = randomUUID();
    const missed = (no: number, caseId = c.caseId) =>
      event(
        'cases.instalment.missed',
        { caseId, planId, instalmentNo: no, dueDate: '2030-08-08', amountFen: 500_000, obligorIds: c.obligorIds },
        caseId,
      );
    const first = missed(1);
    await deliver(h, first);
    await deliver(h, { ...missed(1), id: randomUUID() }); // the same instalment re-published under a new id
    await deliver(h, missed(2));
    const interviews = await q(
      `SELECT assignee_id, division_code FROM tasks.task WHERE case_id = $1 AND type = 'INTERVIEW'`,
      [c.caseId],
    );
    expect(interviews).toEqual([
      { assignee_id: secretary.key, division_code: GANGKOU },
      { assignee_id: secretary.key, division_code: GANGKOU },
    ]);
    await deliver(h, caseClosed(c));
    await deliver(h, missed(3));
    expect(await q(`SELECT status FROM tasks.task WHERE case_id = $1 AND type = 'INTERVIEW'`, [c.caseId])).toEqual([
      { status: 'CANCELLED' },
      { status: 'CANCELLED' },
    ]);
  });
});
