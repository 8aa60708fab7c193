import { aCase, caseClosed, enforcementFiled, event, staffRegistered, GANGKOU } from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

describe('a closed case cancels its open tasks', () => {
  let h: Harness;
  let statements: string[] = [];
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks({ onQuery: (sql) => statements.push(sql) });
    await deliver(h, staffRegistered({ divisionCode: GANGKOU }));
  });
  afterAll(() => h.stop());

  it('in one statement whatever their number, with one tasks.task.completed each', async () => {
    const c = aCase();
    await deliver(h, enforcementFiled(c, true, new Date('2030-03-01T02:00:00Z')));
    const open = await q(`SELECT id FROM tasks.task WHERE case_id = $1 AND status = 'OPEN' ORDER BY id`, [c.caseId]);
    expect(open.length).toBeGreaterThan(1);

    statements = [];
    await deliver(h, caseClosed(c, 'COMPLETED'));
    expect(statements.filter((s) => /^\s*UPDATE tasks\.task\b/i.test(s))).toHaveLength(1);

    const after = await q(`SELECT id, status, cancel_reason FROM tasks.task WHERE case_id = $1 ORDER BY id`, [
      c.caseId,
    ]);
    expect(after).toEqual(
      open.map((t: { id: string }) => ({ id: t.id, status: 'CANCELLED', cancel_reason: 'CASE_CLOSED:COMPLETED' })),
    );
    const completed = await q(
      `SELECT envelope->'payload'->>'taskId' AS id, envelope->'payload'->>'status' AS status, envelope->'payload'->'result'->>'cancelReason' AS reason
       FROM tasks.outbox_message WHERE type = 'tasks.task.completed' AND key = $1 ORDER BY 1`,
      [c.caseId],
    );
    expect(completed).toEqual(
      open.map((t: { id: string }) => ({ id: t.id, status: 'CANCELLED', reason: 'CASE_CLOSED:COMPLETED' })),
    );
  });

  it('opens a case again when it comes back from a close, and not for a transition that arrives late', async () => {
    const c = aCase();
    await deliver(h, enforcementFiled(c, false, new Date('2030-03-01T02:00:00Z')));
    await deliver(h, caseClosed(c, 'TERMINATED_THIS_ROUND'));
    const ref = async () =>
      (await q(`SELECT status, closed_outcome FROM tasks.case_ref WHERE case_id = $1`, [c.caseId]))[0];
    expect(await ref()).toEqual({ status: 'CLOSED', closed_outcome: 'TERMINATED_THIS_ROUND' });
    const moved = (from: string, to: string) =>
      event(
        'cases.case.transitioned',
        {
          caseId: c.caseId,
          from,
          to,
          reason: null,
          at: new Date().toISOString(),
          villageCode: GANGKOU,
          townshipCode: null,
        },
        c.caseId,
      );
    // A move between open states, made before the close and heard after it, leaves the case closed.
    await deliver(h, moved('ENFORCEMENT_FILED', 'IN_PROGRESS'));
    expect(await ref()).toEqual({ status: 'CLOSED', closed_outcome: 'TERMINATED_THIS_ROUND' });
    // Revived from an asset lead: open again, and on the village's invitation list.
    await deliver(h, moved('TERMINATED_THIS_ROUND', 'IN_PROGRESS'));
    expect(await ref()).toEqual({ status: 'OPEN', closed_outcome: null });
  });

  it('keeps a case open, and the tasks opened since, when its close is handled after its reopening', async () => {
    const c = aCase();
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await deliver(h, enforcementFiled(c, true, ago(180)));
    const tasks = await q(`SELECT id FROM tasks.task WHERE case_id = $1 AND status = 'OPEN' ORDER BY id`, [c.caseId]);
    expect(tasks.length).toBeGreaterThan(1);
    // Closed 2 hours ago, revived an hour ago; one task was open at the close, the others were opened since.
    const [before, ...since] = tasks.map((t: { id: string }) => t.id);
    await q(`UPDATE tasks.task SET created_at = $2 WHERE id = $1`, [before, ago(150)]);
    await q(`UPDATE tasks.task SET created_at = $2 WHERE id = ANY($1::uuid[])`, [since, ago(30)]);
    const revived = event(
      'cases.case.transitioned',
      {
        caseId: c.caseId,
        from: 'TERMINATED_THIS_ROUND',
        to: 'IN_PROGRESS',
        reason: null,
        at: ago(60).toISOString(),
        villageCode: GANGKOU,
        townshipCode: null,
      },
      c.caseId,
    );
    await deliver(h, revived);
    await deliver(h, caseClosed(c, 'TERMINATED_THIS_ROUND', ago(120)));

    expect((await q(`SELECT status FROM tasks.case_ref WHERE case_id = $1`, [c.caseId]))[0]).toEqual({
      status: 'OPEN',
    });
    const after = await q(`SELECT id, status FROM tasks.task WHERE case_id = $1 ORDER BY id`, [c.caseId]);
    expect(Object.fromEntries(after.map((t: { id: string; status: string }) => [t.id, t.status]))).toEqual({
      [before]: 'CANCELLED',
      ...Object.fromEntries(since.map((id: string) => [id, 'OPEN'])),
    });
  });

  it('opens no village task for a filing handled after the case closed', async () => {
    const c = aCase();
    await deliver(h, caseClosed(c, 'WITHDRAWN', new Date(Date.now() - 60_000)));
    await deliver(h, enforcementFiled(c, true, new Date(Date.now() - 120_000)));
    expect((await q(`SELECT status FROM tasks.case_ref WHERE case_id = $1`, [c.caseId]))[0]).toEqual({
      status: 'CLOSED',
    });
    expect(await q(`SELECT id FROM tasks.task WHERE case_id = $1`, [c.caseId])).toEqual([]);
  });
});
