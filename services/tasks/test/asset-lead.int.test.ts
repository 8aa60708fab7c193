import { randomUUID } from 'node:crypto';
import { gqlRequest, identity } from '@zhiyuan/testing';
import { chinaCalendar } from '@zhiyuan/kernel';
import { event, GANGKOU, HONGXINGQIAO, staffRegistered } from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

describe('an asset lead on a 终本 case tells the officer', () => {
  let h: Harness;
  const officerId = randomUUID();
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
    await deliver(
      h,
      staffRegistered({
        staffId: officerId,
        name: '李警官',
        roles: ['ENFORCEMENT_OFFICER'],
        divisionCode: HONGXINGQIAO,
      }),
    );
  });
  afterAll(() => h.stop());

  const lead = (over: Record<string, unknown> = {}) => {
    const caseId = randomUUID();
    return event(
      'cases.asset_lead.reported',
      {
        caseId,
        leadId: randomUUID(),
        caseNumber: '(2024)浙0522民初88号',
        enforcementNumber: '(2024)浙0522执88号',
        officerId,
        what: '新购轿车一辆',
        where: '港口村村口',
        estimatedValueFen: 8_000_000,
        source: '村民反映',
        villageCode: GANGKOU,
        townshipCode: HONGXINGQIAO,
        ...over,
      },
      caseId,
    );
  };

  it('opens one task for the officer, due in 3 working days, and one SMS, however often the lead arrives', async () => {
    const e = lead();
    const before = new Date();
    await deliver(h, e);
    await deliver(h, e);
    // Re-published with a new event id: the lead's key still opens nothing more.
    await deliver(h, { ...e, id: randomUUID() });
    const tasks = await q(
      `SELECT type, level, division_code, assignee_id, title, note, due_at, status FROM tasks.task WHERE case_id = $1`,
      [e.payload.caseId],
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      type: 'ACT_ON_ASSET_LEAD',
      level: 'TOWNSHIP',
      division_code: HONGXINGQIAO,
      assignee_id: officerId,
      title: '核查终本案件财产线索',
      note: '港口村村口新购轿车一辆，估值80000.00元（来源：村民反映）',
      status: 'OPEN',
    });
    const due = new Date(tasks[0].due_at).getTime();
    expect(due).toBeGreaterThanOrEqual(chinaCalendar.shiftWorkingDays(before, 3).getTime());
    expect(due).toBeLessThanOrEqual(chinaCalendar.shiftWorkingDays(new Date(), 3).getTime());
    const sms = await q(
      `SELECT template, recipient_staff_id, recipient_role, body FROM tasks.notification WHERE case_id = $1`,
      [e.payload.caseId],
    );
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      template: 'ASSET_LEAD_REPORTED_OFFICER',
      recipient_staff_id: officerId,
      recipient_role: 'ENFORCEMENT_OFFICER',
    });
    expect(sms[0].body).toContain(
      '终本案件（(2024)浙0522执88号）有新的财产线索：港口村村口新购轿车一辆，估值80000.00元（来源：村民反映）',
    );
    const created = await q(`SELECT 1 FROM tasks.outbox_message WHERE type = 'tasks.task.created' AND key = $1`, [
      e.payload.caseId,
    ]);
    expect(created).toHaveLength(1);
    // The task is on the officer's own list.
    const mine = await gqlRequest(
      h.service.url,
      `{ myTasks(first: 50) { edges { node { type case { id } } } } }`,
      {},
      identity(['ENFORCEMENT_OFFICER'], { sub: officerId, divisionCode: HONGXINGQIAO }),
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data.myTasks.edges).toContainEqual({
      node: { type: 'ACT_ON_ASSET_LEAD', case: { id: e.payload.caseId } },
    });
  });

  it('goes to the township’s officer when the case has none', async () => {
    const e = lead({ officerId: null });
    await deliver(h, e);
    const [task] = await q(`SELECT assignee_id FROM tasks.task WHERE case_id = $1`, [e.payload.caseId]);
    expect(task.assignee_id).toBe(officerId);
  });
});

describe('a due re-search of a 终本 case', () => {
  let h: Harness;
  const officerId = randomUUID();
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
    await deliver(
      h,
      staffRegistered({
        staffId: officerId,
        name: '李警官',
        roles: ['ENFORCEMENT_OFFICER'],
        divisionCode: HONGXINGQIAO,
      }),
    );
  });
  afterAll(() => h.stop());

  it('opens one re-search task per due date for the officer, with an SMS, and finishes it when recorded', async () => {
    const caseId = randomUUID();
    const due = (dueDate: string) =>
      event(
        'cases.research.due',
        {
          caseId,
          caseNumber: '(2024)浙0522民初99号',
          enforcementNumber: '(2024)浙0522执99号',
          officerId,
          dueDate,
          villageCode: GANGKOU,
          townshipCode: HONGXINGQIAO,
        },
        caseId,
      );
    const first = due('2025-01-06');
    await deliver(h, first);
    await deliver(h, { ...first, id: randomUUID() });
    const open = await q(`SELECT type, assignee_id, status, note FROM tasks.task WHERE case_id = $1`, [caseId]);
    expect(open).toEqual([
      { type: 'RESEARCH_ASSETS', assignee_id: officerId, status: 'OPEN', note: '应于2025-01-06复查' },
    ]);
    const sms = await q(`SELECT template, recipient_staff_id, body FROM tasks.notification WHERE case_id = $1`, [
      caseId,
    ]);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ template: 'RESEARCH_DUE_OFFICER', recipient_staff_id: officerId });
    expect(sms[0].body).toContain('终本案件（(2024)浙0522执99号）应于2025年1月6日进行财产复查');

    const recorded = event(
      'cases.research.recorded',
      {
        caseId,
        officerId,
        finding: '网络查控未发现财产',
        previousDue: '2025-01-06',
        nextResearchDue: '2025-07-06',
        villageCode: GANGKOU,
        townshipCode: HONGXINGQIAO,
      },
      caseId,
    );
    await deliver(h, recorded);
    await deliver(h, { ...recorded, id: randomUUID() });
    const done = await q(`SELECT status, result FROM tasks.task WHERE case_id = $1`, [caseId]);
    expect(done).toEqual([
      { status: 'DONE', result: { outcome: 'ACCOMPLISHED', summary: '网络查控未发现财产（下次复查 2025-07-06）' } },
    ]);
    const completed = await q(`SELECT 1 FROM tasks.outbox_message WHERE type = 'tasks.task.completed' AND key = $1`, [
      caseId,
    ]);
    expect(completed).toHaveLength(1);
    // The next due date opens the next task.
    await deliver(h, due('2025-07-07'));
    expect(await q(`SELECT status FROM tasks.task WHERE case_id = $1 ORDER BY created_at`, [caseId])).toEqual([
      { status: 'DONE' },
      { status: 'OPEN' },
    ]);
  });
});
