import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import {
  aCase,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  urgingStarted,
  BAISHUI,
  COUNTY,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { sendDueNotifications } from '../src';
import { deliver, RecordingSmsProvider, startTasks, type Harness } from './factories/service';

const TASKS = `query($f: TaskFilter!, $first: Int, $after: String) { tasks(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id type level status dueAt overdue case { id } obligor { id } division { code } assignee { id } } } } }`;
const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id type level status origin title division { code } dueAt } }`;
const FEEDBACK = `mutation($input: WhereaboutsFeedbackInput!) { submitWhereaboutsFeedback(input: $input) { id found whereabouts contact assets { realEstate { seen note } vehicles { seen } estimatedValueFen } task { id type status } } }`;

describe('tasks subgraph over GraphQL', () => {
  let h: Harness;
  let statements: string[] = [];
  const secretary = staffRegistered({ divisionCode: GANGKOU });
  const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: secretary.key });
  const otherCadre = identity(['VILLAGE_CADRE'], { divisionCode: BAISHUI, sub: randomUUID() });
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: randomUUID() });
  const gql = (query: string, variables: Record<string, unknown> = {}, who = ADMIN) =>
    gqlRequest(h.service.url, query, variables, who);
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  /** Reads issued for the request (the outbox relay polls on its own and is not counted). */
  const reads = () => statements.filter((s) => /^\s*SELECT/i.test(s) && !/outbox_message|pg_try_advisory/.test(s));
  const judgeId = randomUUID();
  const filed = [
    aCase({ judgeId }),
    aCase({ judgeId }),
    aCase({ judgeId }),
    aCase({ judgeId }),
    aCase({ judgeId }),
    aCase({ judgeId }),
  ];
  const inBaishui = aCase({ villageCode: BAISHUI });

  beforeAll(async () => {
    h = await startTasks({ onQuery: (sql) => statements.push(sql) });
    await deliver(h, secretary);
    for (const c of [...filed, inBaishui]) {
      await deliver(
        h,
        partyRegistered({ partyId: c.obligorIds[0], villageCode: c.villageCode, homeDivisionCode: c.villageCode! }),
      );
      await deliver(h, judgmentEffective(c));
      await deliver(h, enforcementFiled(c, false));
    }
  });
  afterAll(() => h.stop());

  it('pages through the tasks of a township by due date with a bounded number of statements', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      statements = [];
      const r: any = await gql(
        TASKS,
        { f: { divisionCode: HONGXINGQIAO, status: ['OPEN'] }, first: 5, after },
        officer,
      );
      expect(r.errors).toBeUndefined();
      // Page + total, whatever the page size (nested case/obligor/division/assignee are keys only).
      expect(reads()).toHaveLength(2);
      seen.push(...r.data.tasks.edges.map((e: any) => e.node.id));
      expect(r.data.tasks.totalCount).toBe(14);
      pages++;
      if (!r.data.tasks.pageInfo.hasNextPage) break;
      after = r.data.tasks.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(14);

    const village = await gql(TASKS, { f: { divisionCode: GANGKOU, type: 'LOCATE_PERSON' }, first: 50 }, cadre);
    expect(village.data.tasks.totalCount).toBe(6);
    expect(
      village.data.tasks.edges.every(
        (e: any) => e.node.assignee.id === secretary.key && e.node.division.code === GANGKOU,
      ),
    ).toBe(true);
  });

  it('refuses divisions outside the caller scope and lists for a cadre only the own village', async () => {
    const r = await gql(TASKS, { f: { divisionCode: HONGXINGQIAO } }, cadre);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await gql(TASKS, { f: { divisionCode: GANGKOU } }, identity([]));
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await gql(TASKS, { f: { divisionCode: GANGKOU }, first: 0 }, cadre);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'first' });
    const [t] = await q(`SELECT id FROM tasks.task WHERE division_code = $1 LIMIT 1`, [BAISHUI]);
    const single = await gql(`query($id: ID!) { task(id: $id) { id } }`, { id: t.id }, cadre);
    expect(single.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists my tasks, counts by status and extends Division, Case and Party', async () => {
    const mine = await gql(`{ myTasks(first: 100) { totalCount edges { node { assignee { id } } } } }`, {}, cadre);
    expect(mine.data.myTasks.totalCount).toBe(12);
    const counts = await gql(
      `query($d: ID!) { taskCounts(divisionCode: $d) { open overdue byStatus { status count } } }`,
      { d: COUNTY },
      ADMIN,
    );
    expect(counts.data.taskCounts.open).toBe(14);
    expect(counts.data.taskCounts.byStatus).toContainEqual({ status: 'OPEN', count: 14 });

    statements = [];
    const ents = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { code openTasks(first: 3) { totalCount edges { node { id } } } } ... on Case { id tasks { type } } } }`,
      {
        r: [
          { __typename: 'Division', code: GANGKOU },
          { __typename: 'Division', code: BAISHUI },
          ...filed.map((c) => ({ __typename: 'Case', id: c.caseId })),
        ],
      },
    );
    expect(ents.errors).toBeUndefined();
    expect(ents.data._entities[0].openTasks.totalCount).toBe(12);
    expect(ents.data._entities[0].openTasks.edges).toHaveLength(3);
    expect(ents.data._entities[1].openTasks.totalCount).toBe(2);
    expect(ents.data._entities[2].tasks.map((t: any) => t.type).sort()).toEqual(['FIND_ASSETS', 'LOCATE_PERSON']);
    // Two divisions, six cases: ids + counts + task rows for divisions, one batch for the cases.
    expect(reads().length).toBeLessThanOrEqual(4);

    // Out of scope: the case's tasks are filtered, not an error.
    const foreign = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { tasks { id } } } }`,
      { r: [{ __typename: 'Case', id: filed[0]!.caseId }] },
      otherCadre,
    );
    expect(foreign.data._entities[0].tasks).toEqual([]);
  });

  it('opens a task by hand, refusing an unknown case or a level that does not fit the division, writing nothing', async () => {
    const before = (await q(`SELECT count(*)::int AS n FROM tasks.task`))[0].n;
    const dueAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const input = {
      caseId: filed[0]!.caseId,
      type: 'INTERVIEW',
      level: 'VILLAGE',
      divisionCode: GANGKOU,
      title: '约谈督促',
      dueAt,
    };
    const unknown = await gql(CREATE, { input: { ...input, caseId: randomUUID() } }, officer);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Case' });
    const wrongLevel = await gql(CREATE, { input: { ...input, level: 'TOWNSHIP' } }, officer);
    expect(wrongLevel.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'divisionCode' });
    const notObligor = await gql(CREATE, { input: { ...input, obligorId: randomUUID() } }, officer);
    expect(notObligor.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'OBLIGOR_OF_CASE' });
    const cadreCannot = await gql(CREATE, { input }, otherCadre);
    expect(cadreCannot.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await q(`SELECT count(*)::int AS n FROM tasks.task`))[0].n).toBe(before);

    const ok = await gql(CREATE, { input: { ...input, obligorId: filed[0]!.obligorIds[0] } }, officer);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createTask).toMatchObject({
      type: 'INTERVIEW',
      level: 'VILLAGE',
      status: 'OPEN',
      origin: 'MANUAL',
      division: { code: GANGKOU },
    });
    const id = ok.data.createTask.id;
    const unknownStaff = await gql(
      `mutation($id: ID!, $a: ID!) { assignTask(id: $id, assigneeId: $a) { id } }`,
      { id, a: randomUUID() },
      officer,
    );
    expect(unknownStaff.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Staff' });
    const assigned = await gql(
      `mutation($id: ID!, $a: ID!) { assignTask(id: $id, assigneeId: $a) { assignee { id } } }`,
      { id, a: secretary.key },
      officer,
    );
    expect(assigned.data.assignTask.assignee).toEqual({ id: secretary.key });
    // The assignment is an event of its own, written with it, so its assignee hears it live.
    const [event] = await q(
      `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'tasks.task.assigned' AND key = $1`,
      [id],
    );
    expect(event.p).toMatchObject({
      taskId: id,
      assigneeId: secretary.key,
      previousAssigneeId: null,
      divisionCode: GANGKOU,
    });
    const start = await gql(`mutation($id: ID!) { startTask(id: $id) { status startedAt } }`, { id }, cadre);
    expect(start.data.startTask.status).toBe('IN_PROGRESS');
    const done = await gql(
      `mutation($i: CompleteTaskInput!) { completeTask(input: $i) { status result { outcome summary } } }`,
      { i: { id, outcome: 'ACCOMPLISHED', summary: '已约谈，承诺月底前履行' } },
      cadre,
    );
    expect(done.data.completeTask).toEqual({
      status: 'DONE',
      result: { outcome: 'ACCOMPLISHED', summary: '已约谈，承诺月底前履行' },
    });
    const again = await gql(`mutation($id: ID!) { startTask(id: $id) { status } }`, { id }, cadre);
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const events = await q(
      `SELECT type FROM tasks.outbox_message WHERE envelope->'payload'->>'taskId' = $1 ORDER BY seq`,
      [id],
    );
    expect(events.map((e: any) => e.type)).toEqual([
      'tasks.task.created',
      'tasks.task.assigned',
      'tasks.task.completed',
    ]);
  });

  it('gives a county department the tasks assigned to it, and nothing else', async () => {
    const judge = identity(['JUDGE'], { sub: judgeId });
    const dept = identity(['COUNTY_DEPARTMENT'], {
      sub: randomUUID(),
      department: 'NATURAL_RESOURCES',
      divisionCode: COUNTY,
    });
    const dueAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const input = {
      caseId: filed[3]!.caseId,
      type: 'FIND_ASSETS',
      level: 'COUNTY',
      divisionCode: COUNTY,
      title: '查询不动产登记',
      dueAt,
      assigneeDepartment: 'NATURAL_RESOURCES',
    };
    expect((await gql(CREATE, { input }, officer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await gql(CREATE, { input }, judge);
    expect(created.errors).toBeUndefined();
    const id = created.data.createTask.id;

    const mine = await gql(`{ myTasks { totalCount edges { node { id level } } } }`, {}, dept);
    expect(mine.data.myTasks).toEqual({ totalCount: 1, edges: [{ node: { id, level: 'COUNTY' } }] });
    const county = await gql(TASKS, { f: { divisionCode: COUNTY } }, dept);
    expect(county.data.tasks.edges.map((e: any) => e.node.id)).toEqual([id]);
    const [villageTask] = await q(`SELECT id FROM tasks.task WHERE division_code = $1 LIMIT 1`, [GANGKOU]);
    expect(
      (await gql(`query($id: ID!) { task(id: $id) { id } }`, { id: villageTask.id }, dept)).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const done = await gql(
      `mutation($i: CompleteTaskInput!) { completeTask(input: $i) { status } }`,
      { i: { id, outcome: 'PARTIAL', summary: '名下有宅基地一处，无商品房' } },
      dept,
    );
    expect(done.data.completeTask.status).toBe('DONE');
  });

  it('takes the whereabouts and property feedback, completing both 查人找物 tasks and publishing the form summary', async () => {
    const c = filed[1]!;
    const [locate] = await q(`SELECT id FROM tasks.task WHERE case_id = $1 AND type = 'LOCATE_PERSON'`, [c.caseId]);
    const sighting = { seen: false };
    const base = {
      taskId: locate.id,
      found: true,
      assets: {
        realEstate: { seen: true, note: '自建房一处' },
        vehicles: { seen: true },
        deposits: sighting,
        business: sighting,
        estimatedValueFen: 30_000_000,
      },
    };
    const missing = await gql(FEEDBACK, { input: base }, cadre);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'whereabouts' });
    expect((await q(`SELECT count(*)::int AS n FROM tasks.form`))[0].n).toBe(0);
    const foreign = await gql(FEEDBACK, { input: { ...base, whereabouts: '在湖州打工' } }, otherCadre);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const r = await gql(FEEDBACK, { input: { ...base, whereabouts: '在湖州某厂打工', contact: '13812345678' } }, cadre);
    expect(r.errors).toBeUndefined();
    expect(r.data.submitWhereaboutsFeedback).toMatchObject({
      task: { id: locate.id, type: 'LOCATE_PERSON', status: 'DONE' },
      found: true,
      contact: '13812345678',
      assets: {
        realEstate: { seen: true, note: '自建房一处' },
        vehicles: { seen: true },
        estimatedValueFen: 30_000_000,
      },
    });
    const statuses = await q(
      `SELECT type, status, result->>'formId' AS form FROM tasks.task WHERE case_id = $1 ORDER BY type`,
      [c.caseId],
    );
    expect(statuses).toEqual([
      { type: 'FIND_ASSETS', status: 'DONE', form: r.data.submitWhereaboutsFeedback.id },
      { type: 'LOCATE_PERSON', status: 'DONE', form: r.data.submitWhereaboutsFeedback.id },
    ]);
    const [form] = await q(
      `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'tasks.form.submitted'`,
    );
    expect(form.p).toMatchObject({
      formType: 'WHEREABOUTS_FEEDBACK',
      partyId: c.obligorIds[0],
      caseId: c.caseId,
      taskId: locate.id,
      summary: { found: true, assetsValueFen: 30_000_000, assetsSeen: ['REAL_ESTATE', 'VEHICLE'] },
    });

    // The case's judge reads the contact in full (callers outside the obligor's division get it masked).
    const asJudge = await gql(
      `query($t: ID!) { whereaboutsFeedback(taskId: $t) { contact } }`,
      { t: locate.id },
      identity(['JUDGE'], { sub: judgeId }),
    );
    expect(asJudge.data.whereaboutsFeedback.contact).toBe('13812345678');
    const doneAgain = await gql(FEEDBACK, { input: { ...base, whereabouts: 'x' } }, cadre);
    expect(doneAgain.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('files a property declaration by the obligor, published for the capacity profile and shown on Party.declarations', async () => {
    const c = filed[2]!;
    const me = identity(['PARTY'], { partyId: c.obligorIds[0] });
    const FILE = `mutation($i: PropertyDeclarationInput!) { fileDeclaration(input: $i) { id monthlyIncomeFen debtsFen dependants signedOn assets { kind valueFen } } }`;
    const input = {
      partyId: c.obligorIds[0],
      caseId: c.caseId,
      monthlyIncomeFen: 450_000,
      assets: [{ kind: 'VEHICLE', description: '2015年产轿车', valueFen: 3_000_000 }],
      debtsFen: 0,
      dependants: 2,
      signedOn: '2024-07-08',
    };
    const negative = await gql(FILE, { i: { ...input, dependants: -1 } }, me);
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'dependants' });
    const forSomeoneElse = await gql(FILE, { i: { ...input, partyId: filed[3]!.obligorIds[0], caseId: null } }, me);
    expect(forSomeoneElse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await gql(FILE, { i: input }, me);
    expect(ok.errors).toBeUndefined();
    const [ev] = await q(
      `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'tasks.form.submitted' AND envelope->'payload'->>'formType' = 'PROPERTY_DECLARATION'`,
    );
    expect(ev.p.summary).toEqual({
      found: null,
      monthlyIncomeFen: 450_000,
      assetsValueFen: 3_000_000,
      debtsFen: 0,
      dependants: 2,
      assetsSeen: ['VEHICLE'],
    });
    const party = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { declarations { monthlyIncomeFen signedOn } } } }`;
    const own = await gql(party, { r: [{ __typename: 'Party', id: c.obligorIds[0] }] }, me);
    expect(own.data._entities[0].declarations).toEqual([{ monthlyIncomeFen: 450_000, signedOn: '2024-07-08' }]);
    const other = await gql(party, { r: [{ __typename: 'Party', id: c.obligorIds[0] }] }, otherCadre);
    expect(other.data._entities[0].declarations).toEqual([]);
  });

  it('keeps a case thread with read markers, an obligor plan and a visit log', async () => {
    const c = filed[4]!;
    const party = identity(['PARTY'], { partyId: c.obligorIds[0] });
    const post = `mutation($c: ID!, $b: String!) { postCaseMessage(caseId: $c, body: $b) { id mine authorRole } }`;
    expect((await gql(post, { c: c.caseId, b: '请尽快履行' }, officer)).data.postCaseMessage).toMatchObject({
      mine: true,
      authorRole: 'ENFORCEMENT_OFFICER',
    });
    expect((await gql(post, { c: c.caseId, b: '下周先还一部分' }, party)).errors).toBeUndefined();
    expect((await gql(post, { c: c.caseId, b: '不该看到' }, otherCadre)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const thread = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { unreadMessageCount messages { body mine } notifications { id } } } }`;
    const seen = await gql(thread, { r: [{ __typename: 'Case', id: c.caseId }] }, cadre);
    expect(seen.data._entities[0].unreadMessageCount).toBe(2);
    expect(
      (await gql(`mutation($c: ID!) { markCaseMessagesRead(caseId: $c) }`, { c: c.caseId }, cadre)).data
        .markCaseMessagesRead,
    ).toBe(2);
    const after = await gql(thread, { r: [{ __typename: 'Case', id: c.caseId }] }, cadre);
    expect(after.data._entities[0].unreadMessageCount).toBe(0);
    expect(after.data._entities[0].messages.map((m: any) => m.body)).toEqual(['请尽快履行', '下周先还一部分']);
    expect(
      (await gql(thread, { r: [{ __typename: 'Case', id: c.caseId }] }, otherCadre)).data._entities[0].messages,
    ).toEqual([]);

    const plan = await gql(
      `mutation($i: ObligorPlanInput!) { saveObligorPlan(input: $i) { approach nextSteps owner { id } } }`,
      {
        i: {
          partyId: c.obligorIds[0],
          caseId: c.caseId,
          approach: '家庭困难，先谈分期',
          nextSteps: ['联系其子女', '下周入户'],
          ownerId: secretary.key,
        },
      },
      cadre,
    );
    expect(plan.data.saveObligorPlan).toEqual({
      approach: '家庭困难，先谈分期',
      nextSteps: ['联系其子女', '下周入户'],
      owner: { id: secretary.key },
    });
    const visit = await gql(
      `mutation($i: HomeVisitInput!) { logHomeVisit(input: $i) { visitedOn summary } }`,
      { i: { partyId: c.obligorIds[0], visitedOn: '2024-07-09', summary: '本人在家，态度良好' } },
      cadre,
    );
    expect(visit.errors).toBeUndefined();
    const foreignPlan = await gql(
      `mutation($i: ObligorPlanInput!) { saveObligorPlan(input: $i) { approach } }`,
      { i: { partyId: c.obligorIds[0], approach: 'x', nextSteps: [] } },
      otherCadre,
    );
    expect(foreignPlan.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const profile = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { plan { approach } homeVisits { summary } } } }`,
      { r: [{ __typename: 'Party', id: c.obligorIds[0] }] },
      cadre,
    );
    expect(profile.data._entities[0]).toEqual({
      plan: { approach: '家庭困难，先谈分期' },
      homeVisits: [{ summary: '本人在家，态度良好' }],
    });
  });

  it('shows the SMS ledger of a case with phones masked', async () => {
    const c = filed[5]!;
    await deliver(h, urgingStarted(c));
    await sendDueNotifications(h.service.runtime, new RecordingSmsProvider(), new Date(Date.now() + 1000), {
      maxAttempts: 3,
      retryBaseMs: 1000,
      batchSize: 100,
    });
    const r = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { notifications { id template status recipientRole recipientPhone attempts variables { name value } } } } }`,
      { r: [{ __typename: 'Case', id: c.caseId }] },
      cadre,
    );
    const urging = r.data._entities[0].notifications.find((n: any) => n.template === 'URGING_NOTICE');
    expect(urging).toMatchObject({ status: 'SENT', recipientRole: 'OBLIGOR', attempts: 1 });
    expect(urging.recipientPhone).toMatch(/^138\*\*\*\*\d{4}$/);
    const delivered = await gql(
      `mutation($id: ID!) { markNotificationDelivered(id: $id) { status deliveredAt } }`,
      { id: urging.id },
      ADMIN,
    );
    expect(delivered.data.markNotificationDelivered.status).toBe('DELIVERED');
    const byCadre = await gql(
      `mutation($id: ID!) { markNotificationDelivered(id: $id) { status } }`,
      { id: urging.id },
      cadre,
    );
    expect(byCadre.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
