import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { sweepOverdueTasks } from '../src';
import { DAY_MS } from '../src/domain/task-rules';
import { aCase, enforcementFiled, judgmentEffective, staffRegistered, GANGKOU, HONGXINGQIAO } from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const HOUR = 3_600_000;
const TASKS = `query($f: TaskFilter!) { tasks(filter: $f, first: 100) { totalCount edges { node { id level overdue escalatedTo status } } } }`;
const COUNTS = `query($d: ID!) { taskCounts(divisionCode: $d) { open overdue escalatedToCounty byStatus { status count } } }`;

/**
 * Three filed cases in one village, each with LOCATE_PERSON, FIND_ASSETS (15 days) and SERVE_DOCUMENT
 * (7 days), plus one township task opened by hand. The overdue sweep leaves:
 * - case 1's service overdue and escalated to the county (open),
 * - case 2's service overdue and escalated to the township (open),
 * - case 3's service overdue, escalated to the township, then completed (no longer overdue),
 * every other task neither overdue nor escalated.
 */
describe('task lists and counts filter by level, overdue and escalation', () => {
  let h: Harness;
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: randomUUID() });
  const gql = (query: string, variables: Record<string, unknown>, who = officer) =>
    gqlRequest(h.service.url, query, variables, who);
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const [c1, c2, c3] = [aCase(), aCase(), aCase()];
  const serveOf = async (caseId: string) =>
    (await q(`SELECT id FROM tasks.task WHERE case_id = $1 AND type = 'SERVE_DOCUMENT'`, [caseId]))[0].id as string;
  let townshipTaskId: string;
  const ids = (r: any) => r.data.tasks.edges.map((e: any) => e.node.id).sort();

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, staffRegistered({ divisionCode: GANGKOU }));
    const now = Date.now();
    const opts = { escalateToCountyAfterMs: 72 * HOUR };
    await deliver(h, judgmentEffective(c1));
    await deliver(h, enforcementFiled(c1, true, new Date(now - 12 * DAY_MS)));
    await sweepOverdueTasks(h.service.runtime, new Date(now - 4 * DAY_MS), opts);
    for (const c of [c2, c3]) {
      await deliver(h, judgmentEffective(c));
      await deliver(h, enforcementFiled(c, true, new Date(now - 9 * DAY_MS)));
    }
    await sweepOverdueTasks(h.service.runtime, new Date(now), opts);
    const done = await gql(`mutation($i: CompleteTaskInput!) { completeTask(input: $i) { status } }`, {
      i: { id: await serveOf(c3.caseId), outcome: 'ACCOMPLISHED', summary: '已送达' },
    });
    expect(done.data.completeTask.status).toBe('DONE');
    const created = await gql(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: {
        caseId: c1.caseId,
        type: 'MEDIATE',
        level: 'TOWNSHIP',
        divisionCode: HONGXINGQIAO,
        title: '乡镇调解',
        dueAt: new Date(now + 30 * DAY_MS).toISOString(),
      },
    });
    townshipTaskId = created.data.createTask.id;
  });
  afterAll(() => h.stop());

  it('has the state the filters are checked against', async () => {
    const rows = await q(
      `SELECT case_id, type, status, escalated_level, overdue_at IS NOT NULL AS overdue FROM tasks.task WHERE type = 'SERVE_DOCUMENT' ORDER BY case_id`,
    );
    const byCase = new Map(rows.map((r: any) => [r.case_id, r]));
    expect(byCase.get(c1.caseId)).toMatchObject({ status: 'OPEN', escalated_level: 'COUNTY', overdue: true });
    expect(byCase.get(c2.caseId)).toMatchObject({ status: 'OPEN', escalated_level: 'TOWNSHIP', overdue: true });
    expect(byCase.get(c3.caseId)).toMatchObject({ status: 'DONE', escalated_level: 'TOWNSHIP', overdue: true });
    expect((await q(`SELECT count(*)::int AS n FROM tasks.task WHERE overdue_at IS NOT NULL`))[0].n).toBe(3);
  });

  it('filters by level', async () => {
    const all = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO } });
    expect(all.data.tasks.totalCount).toBe(10);
    const township = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO, level: 'TOWNSHIP' } });
    expect(township.data.tasks.totalCount).toBe(1);
    expect(ids(township)).toEqual([townshipTaskId]);
    const village = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO, level: 'VILLAGE' } });
    expect(village.data.tasks.totalCount).toBe(9);
    expect(village.data.tasks.edges.every((e: any) => e.node.level === 'VILLAGE')).toBe(true);
  });

  it('filters by overdue: open tasks past due only, and their complement', async () => {
    const overdue = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO, overdue: true } });
    expect(overdue.data.tasks.totalCount).toBe(2);
    expect(ids(overdue)).toEqual([await serveOf(c1.caseId), await serveOf(c2.caseId)].sort());
    expect(overdue.data.tasks.edges.every((e: any) => e.node.overdue)).toBe(true);
    const notOverdue = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO, overdue: false } });
    expect(notOverdue.data.tasks.totalCount).toBe(8);
    // The completed service was overdue once; done, it is not overdue any more.
    expect(ids(notOverdue)).toContain(await serveOf(c3.caseId));
    const villageOverdue = await gql(TASKS, { f: { divisionCode: GANGKOU, overdue: true, level: 'TOWNSHIP' } });
    expect(villageOverdue.data.tasks.totalCount).toBe(0);
  });

  it('filters by the level a task was escalated to', async () => {
    const county = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO, escalatedTo: 'COUNTY' } });
    expect(ids(county)).toEqual([await serveOf(c1.caseId)]);
    const township = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO, escalatedTo: 'TOWNSHIP' } });
    expect(ids(township)).toEqual([await serveOf(c2.caseId), await serveOf(c3.caseId)].sort());
    expect(township.data.tasks.edges.every((e: any) => e.node.escalatedTo === 'TOWNSHIP')).toBe(true);
    const openEscalated = await gql(TASKS, {
      f: { divisionCode: HONGXINGQIAO, escalatedTo: 'TOWNSHIP', status: ['OPEN', 'IN_PROGRESS'] },
    });
    expect(ids(openEscalated)).toEqual([await serveOf(c2.caseId)]);
  });

  it('counts open, overdue and escalated-to-county tasks', async () => {
    const r = await gql(COUNTS, { d: HONGXINGQIAO });
    expect(r.errors).toBeUndefined();
    expect(r.data.taskCounts).toMatchObject({ open: 9, overdue: 2, escalatedToCounty: 1 });
    expect(r.data.taskCounts.byStatus).toEqual([
      { status: 'OPEN', count: 9 },
      { status: 'IN_PROGRESS', count: 0 },
      { status: 'DONE', count: 1 },
      { status: 'CANCELLED', count: 0 },
    ]);
    // The village alone: the township task is not under it.
    const village = await gql(COUNTS, { d: GANGKOU });
    expect(village.data.taskCounts).toMatchObject({ open: 8, overdue: 2, escalatedToCounty: 1 });
  });

  it('cancels a task by hand with the reason, and refuses to cancel one already finished', async () => {
    const CANCEL = `mutation($id: ID!, $reason: String!) { cancelTask(id: $id, reason: $reason) { id status cancelReason completedAt } }`;
    const c2Locate = (
      await q(`SELECT id FROM tasks.task WHERE case_id = $1 AND type = 'LOCATE_PERSON'`, [c2.caseId])
    )[0].id;
    const blank = await gql(CANCEL, { id: c2Locate, reason: '  ' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const cadre = await gql(
      CANCEL,
      { id: c2Locate, reason: '重复任务' },
      identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: randomUUID() }),
    );
    expect(cadre.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await q(`SELECT status FROM tasks.task WHERE id = $1`, [c2Locate]))[0].status).toBe('OPEN');

    const r = await gql(CANCEL, { id: c2Locate, reason: '被执行人已到庭，无需查找' });
    expect(r.errors).toBeUndefined();
    expect(r.data.cancelTask).toMatchObject({
      id: c2Locate,
      status: 'CANCELLED',
      cancelReason: '被执行人已到庭，无需查找',
    });
    expect(r.data.cancelTask.completedAt).not.toBeNull();
    const [ev] = await q(
      `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'tasks.task.completed' AND envelope->'payload'->>'taskId' = $1`,
      [c2Locate],
    );
    expect(ev.p).toMatchObject({ taskId: c2Locate, status: 'CANCELLED' });

    const again = await gql(CANCEL, { id: c2Locate, reason: '再次取消' });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const done = await gql(CANCEL, { id: await serveOf(c3.caseId), reason: '不再需要' });
    expect(done.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'DONE', to: 'CANCELLED' });
    expect(await q(`SELECT status, cancel_reason FROM tasks.task WHERE id = $1`, [await serveOf(c3.caseId)])).toEqual([
      { status: 'DONE', cancel_reason: null },
    ]);
    expect(
      (
        await q(
          `SELECT count(*)::int AS n FROM tasks.outbox_message WHERE type = 'tasks.task.completed' AND envelope->'payload'->>'taskId' = $1`,
          [c2Locate],
        )
      )[0].n,
    ).toBe(1);
    // The counts follow: one task fewer open.
    expect((await gql(COUNTS, { d: HONGXINGQIAO }, ADMIN)).data.taskCounts).toMatchObject({
      open: 8,
      byStatus: expect.arrayContaining([{ status: 'CANCELLED', count: 1 }]),
    });
  });
});
