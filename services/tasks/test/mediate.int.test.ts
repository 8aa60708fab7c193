import { randomUUID } from 'node:crypto';
import { aCase, enforcementFiled, event, GANGKOU, staffRegistered } from './factories/events';
import { instalmentMissed } from './factories/notices';
import { deliver, startTasks, type Harness } from './factories/service';

describe('MEDIATE opens by rule', () => {
  let h: Harness;
  const secretary = randomUUID();
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const tasksOf = (caseId: string, type: string) =>
    q(`SELECT assignee_id, level, division_code, status, title FROM tasks.task WHERE case_id = $1 AND type = $2`, [
      caseId,
      type,
    ]);

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, staffRegistered({ staffId: secretary, divisionCode: GANGKOU }));
  });
  afterAll(() => h.stop());

  it('from the second missed instalment of a plan, once per plan, however the events arrive', async () => {
    const c = aCase();
    await deliver(h, enforcementFiled(c, false));
    const plan = randomUUID();
    const first = instalmentMissed(c, plan, { instalmentNo: 1, dueDate: '2030-02-28' });
    await deliver(h, first);
    await deliver(h, { ...first, id: randomUUID() });
    expect(await tasksOf(c.caseId, 'MEDIATE')).toEqual([]);
    const second = instalmentMissed(c, plan, { instalmentNo: 2, dueDate: '2030-03-31' });
    await deliver(h, second);
    await deliver(h, { ...second, id: randomUUID() });
    await deliver(h, instalmentMissed(c, plan, { instalmentNo: 3, dueDate: '2030-04-30' }));
    expect(await tasksOf(c.caseId, 'INTERVIEW')).toHaveLength(3);
    expect(await tasksOf(c.caseId, 'MEDIATE')).toEqual([
      {
        assignee_id: secretary,
        level: 'VILLAGE',
        division_code: GANGKOU,
        status: 'OPEN',
        title: '分期履行多次未按期，组织调解',
      },
    ]);
    // Another plan's single miss mediates nothing more.
    await deliver(h, instalmentMissed(c, randomUUID(), { instalmentNo: 1 }));
    expect(await tasksOf(c.caseId, 'MEDIATE')).toHaveLength(1);
  });

  it('when the rights holder declines an obligor’s proposal, once per proposal; a consent opens none', async () => {
    const c = aCase();
    await deliver(h, enforcementFiled(c, false));
    const answered = (answer: 'ACCEPT' | 'DECLINE', proposalId = randomUUID()) =>
      event(
        'tasks.proposal.answered',
        {
          proposalId,
          caseId: c.caseId,
          obligorId: c.obligorIds[0]!,
          intent: 'PROPOSE_INSTALMENTS',
          villageCode: c.villageCode,
          townshipCode: c.townshipCode,
          obligeeId: c.obligeeIds[0]!,
          answer,
          reason: answer === 'DECLINE' ? '每月金额太少' : null,
          status: answer === 'DECLINE' ? 'DECLINED' : 'CONSENTED',
          answeredAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        },
        c.caseId,
      );
    await deliver(h, answered('ACCEPT'));
    expect(await tasksOf(c.caseId, 'MEDIATE')).toEqual([]);
    const declined = answered('DECLINE');
    await deliver(h, declined);
    await deliver(h, { ...declined, id: randomUUID() });
    expect(await tasksOf(c.caseId, 'MEDIATE')).toEqual([
      {
        assignee_id: secretary,
        level: 'VILLAGE',
        division_code: GANGKOU,
        status: 'OPEN',
        title: '申请执行人不同意履行方案，组织调解',
      },
    ]);
  });
});
