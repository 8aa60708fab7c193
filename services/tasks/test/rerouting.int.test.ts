import {
  aCase,
  enforcementFiled,
  event,
  partyRegistered,
  staffRegistered,
  urgingStarted,
  BAISHUI,
  GANGKOU,
  HONGXINGQIAO,
  type CaseSeed,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

describe('an obligor who moves takes their open tasks to the new village', () => {
  let h: Harness;
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  it('moves open automatic tasks and the case routing, leaving finished and manual tasks alone', async () => {
    const gangkou = staffRegistered({ divisionCode: GANGKOU });
    const baishui = staffRegistered({ divisionCode: BAISHUI });
    await deliver(h, gangkou);
    await deliver(h, baishui);
    const c = aCase();
    const registered = partyRegistered({ partyId: c.obligorIds[0] });
    await deliver(h, registered);
    await deliver(h, enforcementFiled(c, true));
    await q(`UPDATE tasks.task SET status = 'DONE' WHERE case_id = $1 AND type = 'SERVE_DOCUMENT'`, [c.caseId]);
    await q(
      `INSERT INTO tasks.task (id, case_id, obligor_id, type, level, status, division_code, title, due_at, origin)
       VALUES (gen_random_uuid(), $1, $2, 'HOME_VISIT', 'VILLAGE', 'OPEN', $3, '入户走访', now() + interval '3 days', 'MANUAL')`,
      [c.caseId, c.obligorIds[0], GANGKOU],
    );

    const moved = event(
      'people.party.updated',
      {
        ...registered.payload,
        homeDivisionCode: BAISHUI,
        villageCode: BAISHUI,
        townshipCode: HONGXINGQIAO,
        previousHomeDivisionCode: GANGKOU,
        changed: ['homeDivisionCode'],
      },
      c.obligorIds[0]!,
    );
    await deliver(h, moved);

    const tasks = await q(
      `SELECT type, status, division_code, assignee_id FROM tasks.task WHERE case_id = $1 ORDER BY type`,
      [c.caseId],
    );
    expect(tasks).toEqual([
      { type: 'FIND_ASSETS', status: 'OPEN', division_code: BAISHUI, assignee_id: baishui.key },
      { type: 'HOME_VISIT', status: 'OPEN', division_code: GANGKOU, assignee_id: null },
      { type: 'LOCATE_PERSON', status: 'OPEN', division_code: BAISHUI, assignee_id: baishui.key },
      { type: 'SERVE_DOCUMENT', status: 'DONE', division_code: GANGKOU, assignee_id: gangkou.key },
    ]);
    const [ref] = await q(`SELECT village_code, township_code FROM tasks.case_ref WHERE case_id = $1`, [c.caseId]);
    expect(ref).toEqual({ village_code: BAISHUI, township_code: HONGXINGQIAO });

    // A phone change alone moves nothing.
    await deliver(
      h,
      event(
        'people.party.updated',
        { ...moved.payload, phone: '13900000000', previousHomeDivisionCode: BAISHUI, changed: ['phone'] },
        c.obligorIds[0]!,
      ),
    );
    expect(
      await q(
        `SELECT DISTINCT division_code FROM tasks.task WHERE case_id = $1 AND status = 'OPEN' AND origin = 'AUTO'`,
        [c.caseId],
      ),
    ).toEqual([{ division_code: BAISHUI }]);
  });

  it('gives the open tasks of a deactivated secretary to the next one registered for the village', async () => {
    const old = staffRegistered({ divisionCode: GANGKOU });
    await deliver(h, old);
    const c = aCase();
    await deliver(h, partyRegistered({ partyId: c.obligorIds[0] }));
    await q(`UPDATE tasks.staff_ref SET active = false WHERE division_code = $1 AND staff_id <> $2`, [
      GANGKOU,
      old.key,
    ]);
    await deliver(h, enforcementFiled(c, false));
    expect(await q(`SELECT DISTINCT assignee_id FROM tasks.task WHERE case_id = $1`, [c.caseId])).toEqual([
      { assignee_id: old.key },
    ]);
    await deliver(h, event('people.staff.updated', { ...old.payload, active: false }, old.key));
    expect(await q(`SELECT DISTINCT assignee_id FROM tasks.task WHERE case_id = $1`, [c.caseId])).toEqual([
      { assignee_id: null },
    ]);
    const next = staffRegistered({ divisionCode: GANGKOU });
    await deliver(h, next);
    expect(await q(`SELECT DISTINCT assignee_id FROM tasks.task WHERE case_id = $1`, [c.caseId])).toEqual([
      { assignee_id: next.key },
    ]);
  });
});

describe('case work for an obligor whose home is not known yet waits for the case to be routed', () => {
  let h: Harness;
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const tasksOf = (caseId: string) =>
    q(`SELECT type, level, division_code, assignee_id FROM tasks.task WHERE case_id = $1 ORDER BY type`, [caseId]);
  const routed = (c: CaseSeed, villageCode = GANGKOU, townshipCode = HONGXINGQIAO) =>
    event(
      'cases.case.rerouted',
      {
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        partyId: c.obligorIds[0]!,
        previousVillageCode: null,
        previousTownshipCode: null,
        officerId: null,
        reroutedAt: new Date().toISOString(),
        villageCode,
        townshipCode,
      },
      c.caseId,
    );

  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  it('opens the follow-up call and the filing tasks at the village once the routing arrives', async () => {
    const secretary = staffRegistered({ divisionCode: BAISHUI });
    await deliver(h, secretary);
    const c = aCase({ villageCode: null, townshipCode: null });

    await deliver(h, urgingStarted(c));
    expect(await tasksOf(c.caseId)).toEqual([]);
    // The obligor's own notice does not depend on where they live.
    expect(
      await q(`SELECT template FROM tasks.notification WHERE case_id = $1 AND recipient_party_id = $2`, [
        c.caseId,
        c.obligorIds[0],
      ]),
    ).toEqual([{ template: 'URGING_NOTICE' }]);
    await deliver(h, enforcementFiled(c, false));
    expect(await tasksOf(c.caseId)).toEqual([]);

    await deliver(h, routed(c, BAISHUI));
    expect(await tasksOf(c.caseId)).toEqual([
      { type: 'FIND_ASSETS', level: 'VILLAGE', division_code: BAISHUI, assignee_id: secretary.key },
      { type: 'FOLLOW_UP_CALL', level: 'VILLAGE', division_code: BAISHUI, assignee_id: secretary.key },
      { type: 'LOCATE_PERSON', level: 'VILLAGE', division_code: BAISHUI, assignee_id: secretary.key },
    ]);
    expect(await q(`SELECT count(*)::int AS n FROM tasks.deferred_case_work WHERE case_id = $1`, [c.caseId])).toEqual([
      { n: 0 },
    ]);
    // The village team's feedback notice went out with the work; a repeated routing adds nothing.
    expect(
      await q(
        `SELECT count(*)::int AS n FROM tasks.notification WHERE case_id = $1 AND template = 'URGING_FEEDBACK_VILLAGE_TEAM'`,
        [c.caseId],
      ),
    ).toEqual([{ n: 2 }]);
    await deliver(h, routed(c, BAISHUI));
    expect(await tasksOf(c.caseId)).toHaveLength(3);
  });

  it('uses a routing that arrived before the urging', async () => {
    const c = aCase({ villageCode: null, townshipCode: null });
    await deliver(h, routed(c));
    await deliver(h, urgingStarted(c));
    expect(await tasksOf(c.caseId)).toEqual([
      expect.objectContaining({ type: 'FOLLOW_UP_CALL', division_code: GANGKOU }),
    ]);
  });

  it("uses the party directory when the event carries no routing but the obligor's home is known here", async () => {
    const c = aCase({ villageCode: null, townshipCode: null });
    await deliver(
      h,
      partyRegistered({
        partyId: c.obligorIds[0],
        homeDivisionCode: BAISHUI,
        villageCode: BAISHUI,
        townshipCode: HONGXINGQIAO,
      }),
    );
    await deliver(h, urgingStarted(c));
    expect(await tasksOf(c.caseId)).toEqual([
      expect.objectContaining({ type: 'FOLLOW_UP_CALL', division_code: BAISHUI }),
    ]);
  });
});
