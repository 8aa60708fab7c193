import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@zhiyuan/kernel';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import {
  aCase,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  BAISHUI,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const PLAN = `mutation($i: ObligorPlanInput!) { saveObligorPlan(input: $i) { approach case { id } owner { id } } }`;
const VISIT = `mutation($i: HomeVisitInput!) { logHomeVisit(input: $i) { id summary case { id } } }`;
const DECLARE = `mutation($i: PropertyDeclarationInput!) { fileDeclaration(input: $i) { id monthlyIncomeFen case { id } party { id } } }`;
const ASSIGN = `mutation($id: ID!, $a: ID!) { assignTask(id: $id, assigneeId: $a) { id assignee { id } } }`;

describe('tasks: references and arguments are checked before anything is written or queried', () => {
  let h: Harness;
  const secretary = staffRegistered({ divisionCode: GANGKOU });
  const baishuiSecretary = staffRegistered({ divisionCode: BAISHUI });
  const liaison = staffRegistered({ roles: ['TOWNSHIP_LIAISON'], divisionCode: HONGXINGQIAO });
  const inactive = staffRegistered({ divisionCode: GANGKOU, active: false });
  const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: secretary.key });
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: randomUUID() });
  const c = aCase();
  const other = aCase();
  const gql = (query: string, variables: Record<string, unknown> = {}, who = cadre) =>
    gqlRequest(h.service.url, query, variables, who);
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const count = async (table: string) => (await q(`SELECT count(*)::int AS n FROM tasks.${table}`))[0].n as number;

  beforeAll(async () => {
    h = await startTasks();
    for (const s of [secretary, baishuiSecretary, liaison, inactive]) await deliver(h, s);
    for (const k of [c, other]) {
      await deliver(h, partyRegistered({ partyId: k.obligorIds[0] }));
      await deliver(h, judgmentEffective(k));
      await deliver(h, enforcementFiled(k, false));
    }
  });
  afterAll(() => h.stop());

  describe('obligor plans and household visits', () => {
    const obligor = () => c.obligorIds[0]!;

    it('refuses an unknown case, a case the party is not an obligor of, and an unknown owner, writing nothing', async () => {
      const plan = {
        partyId: obligor(),
        caseId: c.caseId,
        approach: '先谈分期',
        nextSteps: ['下周入户'],
        ownerId: secretary.key,
      };
      const unknownCase = await gql(PLAN, { i: { ...plan, caseId: randomUUID() } });
      expect(unknownCase.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Case', field: 'caseId' });
      const notHisCase = await gql(PLAN, { i: { ...plan, caseId: other.caseId } });
      expect(notHisCase.errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'OBLIGOR_OF_CASE',
        field: 'caseId',
      });
      // The rights holder of a case is on it, but not as an obligor.
      await deliver(h, partyRegistered({ partyId: c.obligeeIds[0] }));
      const obligee = await gql(PLAN, { i: { ...plan, partyId: c.obligeeIds[0] } });
      expect(obligee.errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'OBLIGOR_OF_CASE',
        field: 'caseId',
      });
      const unknownOwner = await gql(PLAN, { i: { ...plan, ownerId: randomUUID() } });
      expect(unknownOwner.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        entity: 'Staff',
        field: 'ownerId',
      });
      const inactiveOwner = await gql(PLAN, { i: { ...plan, ownerId: inactive.key } });
      expect(inactiveOwner.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        entity: 'Staff',
        field: 'ownerId',
      });
      expect(await count('obligor_plan')).toBe(0);

      const ok = await gql(PLAN, { i: plan });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.saveObligorPlan).toEqual({
        approach: '先谈分期',
        case: { id: c.caseId },
        owner: { id: secretary.key },
      });
      // A later refusal leaves the saved plan as it was.
      const overwrite = await gql(PLAN, { i: { ...plan, approach: '改为强制', caseId: other.caseId } });
      expect(overwrite.errors?.[0]?.extensions?.code).toBe('RULE_VIOLATION');
      expect(await q(`SELECT approach, case_id FROM tasks.obligor_plan`)).toEqual([
        { approach: '先谈分期', case_id: c.caseId },
      ]);
    });

    it('logs a visit only on a known case of which the party is an obligor', async () => {
      const visit = { partyId: obligor(), caseId: c.caseId, visitedOn: '2024-07-09', summary: '本人在家' };
      const unknownCase = await gql(VISIT, { i: { ...visit, caseId: randomUUID() } });
      expect(unknownCase.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Case', field: 'caseId' });
      const notHisCase = await gql(VISIT, { i: { ...visit, caseId: other.caseId } });
      expect(notHisCase.errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'OBLIGOR_OF_CASE',
        field: 'caseId',
      });
      const malformed = await gql(VISIT, { i: { ...visit, caseId: 'not-a-case' } });
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'caseId' });
      expect(await count('home_visit')).toBe(0);

      const ok = await gql(VISIT, { i: visit });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.logHomeVisit.case).toEqual({ id: c.caseId });
      const withoutCase = await gql(VISIT, { i: { ...visit, caseId: null } });
      expect(withoutCase.errors).toBeUndefined();
      expect(await count('home_visit')).toBe(2);
    });
  });

  describe('property declarations filed by division staff', () => {
    it('files a declaration for an obligor by a cadre of the home village, published like the obligor own', async () => {
      const input = {
        partyId: c.obligorIds[0],
        caseId: c.caseId,
        monthlyIncomeFen: 300_000,
        assets: [{ kind: 'REAL_ESTATE', description: '自建房一处', valueFen: 20_000_000 }],
        debtsFen: 50_000,
        dependants: 1,
        signedOn: '2024-07-08',
      };
      const r = await gql(DECLARE, { i: input });
      expect(r.errors).toBeUndefined();
      expect(r.data.fileDeclaration).toMatchObject({
        monthlyIncomeFen: 300_000,
        case: { id: c.caseId },
        party: { id: c.obligorIds[0] },
      });
      const [row] = await q(`SELECT submitted_by, party_id FROM tasks.form WHERE id = $1`, [r.data.fileDeclaration.id]);
      expect(row).toEqual({ submitted_by: secretary.key, party_id: c.obligorIds[0] });
      const [ev] = await q(
        `SELECT envelope->'payload' AS p FROM tasks.outbox_message WHERE type = 'tasks.form.submitted' AND envelope->'payload'->>'formId' = $1`,
        [r.data.fileDeclaration.id],
      );
      expect(ev.p).toMatchObject({
        formType: 'PROPERTY_DECLARATION',
        partyId: c.obligorIds[0],
        caseId: c.caseId,
        summary: { monthlyIncomeFen: 300_000, assetsValueFen: 20_000_000, debtsFen: 50_000 },
      });

      // A cadre of another village may not file for this obligor.
      const foreign = await gql(
        DECLARE,
        { i: input },
        identity(['VILLAGE_CADRE'], { divisionCode: BAISHUI, sub: baishuiSecretary.key }),
      );
      expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses a declaration on an unknown case and writes nothing', async () => {
      const forms = await count('form');
      // Refused mutations still leave their audit entry; no form event may follow.
      const formEvents = `SELECT count(*)::int AS n FROM tasks.outbox_message WHERE type = 'tasks.form.submitted'`;
      const events = (await q(formEvents))[0].n;
      const input = {
        partyId: c.obligorIds[0],
        caseId: randomUUID(),
        monthlyIncomeFen: 1,
        assets: [],
        debtsFen: 0,
        dependants: 0,
        signedOn: '2024-07-08',
      };
      const r = await gql(DECLARE, { i: input });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Case', field: 'caseId' });
      const notHis = await gql(DECLARE, { i: { ...input, caseId: other.caseId } });
      expect(notHis.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'OBLIGOR_OF_CASE' });
      expect(await count('form')).toBe(forms);
      expect((await q(formEvents))[0].n).toBe(events);
    });
  });

  describe('assigning a task', () => {
    it('gives a village task to staff of the village, its township or the county, never to a cadre of another village', async () => {
      const [t] = await q(`SELECT id FROM tasks.task WHERE case_id = $1 AND type = 'LOCATE_PERSON'`, [c.caseId]);
      const foreign = await gql(ASSIGN, { id: t.id, a: baishuiSecretary.key }, officer);
      expect(foreign.errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'ASSIGNEE_OF_DIVISION',
        field: 'assigneeId',
      });
      expect((await q(`SELECT assignee_id FROM tasks.task WHERE id = $1`, [t.id]))[0].assignee_id).toBe(secretary.key);

      const toLiaison = await gql(ASSIGN, { id: t.id, a: liaison.key }, officer);
      expect(toLiaison.errors).toBeUndefined();
      expect(toLiaison.data.assignTask.assignee).toEqual({ id: liaison.key });
      const back = await gql(ASSIGN, { id: t.id, a: secretary.key }, officer);
      expect(back.data.assignTask.assignee).toEqual({ id: secretary.key });
    });

    it('refuses a village cadre for a township task, and checks the assignee of a new task the same way', async () => {
      const dueAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
      const CREATE = `mutation($i: CreateTaskInput!) { createTask(input: $i) { id assignee { id } } }`;
      const input = {
        caseId: c.caseId,
        type: 'MEDIATE',
        level: 'TOWNSHIP',
        divisionCode: HONGXINGQIAO,
        title: '乡镇调解',
        dueAt,
      };
      const before = await count('task');
      const toCadre = await gql(CREATE, { i: { ...input, assigneeId: secretary.key } }, officer);
      expect(toCadre.errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'ASSIGNEE_OF_DIVISION',
        field: 'assigneeId',
      });
      expect(await count('task')).toBe(before);
      const created = await gql(CREATE, { i: { ...input, assigneeId: liaison.key } }, officer);
      expect(created.data.createTask.assignee).toEqual({ id: liaison.key });
      const reassign = await gql(ASSIGN, { id: created.data.createTask.id, a: secretary.key }, officer);
      expect(reassign.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ASSIGNEE_OF_DIVISION' });
    });
  });

  describe('query arguments', () => {
    const TASKS = `query($f: TaskFilter!, $after: String) { tasks(filter: $f, first: 2, after: $after) { pageInfo { endCursor } edges { node { id } } } }`;
    const MEETINGS = `query($v: ID!, $after: String) { meetings(villageCode: $v, first: 1, after: $after) { pageInfo { endCursor } edges { node { id } } } }`;
    const forged = [
      encodeCursor(['2024', randomUUID()]),
      encodeCursor(['2024-02-30T00:00:00.000Z', randomUUID()]),
      encodeCursor([new Date().toISOString(), 'not-a-uuid']),
      encodeCursor([new Date().toISOString(), '------------------------------------']),
      encodeCursor([new Date().toISOString()]),
      encodeCursor({ at: 1 } as unknown as unknown[]),
      'not base64 json',
    ];

    it('refuses a tampered meetings cursor with VALIDATION_FAILED on after, and pages with a real one', async () => {
      const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`;
      for (const at of ['2030-07-08T01:30:00Z', '2030-07-09T01:30:00Z']) {
        expect(
          (
            await gql(SCHEDULE, {
              i: { villageCode: GANGKOU, title: '集中执行大会', venue: '文化礼堂', scheduledAt: at },
            })
          ).errors,
        ).toBeUndefined();
      }
      const first = await gql(MEETINGS, { v: GANGKOU });
      const next = await gql(MEETINGS, { v: GANGKOU, after: first.data.meetings.pageInfo.endCursor });
      expect(next.errors).toBeUndefined();
      expect(next.data.meetings.edges).toHaveLength(1);
      expect(next.data.meetings.edges[0].node.id).not.toBe(first.data.meetings.edges[0].node.id);
      for (const after of forged) {
        const r = await gql(MEETINGS, { v: GANGKOU, after });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
      }
      const badVillage = await gql(MEETINGS, { v: '3305%' }, ADMIN);
      expect(badVillage.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'villageCode' });
    });

    it('refuses tampered task cursors on tasks, myTasks and Division.openTasks', async () => {
      const page = await gql(TASKS, { f: { divisionCode: GANGKOU } });
      expect(
        (await gql(TASKS, { f: { divisionCode: GANGKOU }, after: page.data.tasks.pageInfo.endCursor })).errors,
      ).toBeUndefined();
      for (const after of forged) {
        const list = await gql(TASKS, { f: { divisionCode: GANGKOU }, after });
        expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
        const mine = await gql(`query($after: String) { myTasks(after: $after) { totalCount } }`, { after });
        expect(mine.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
        const open = await gql(
          `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Division { openTasks(after: $after) { totalCount } } } }`,
          {
            r: [{ __typename: 'Division', code: GANGKOU }],
            after,
          },
        );
        expect(open.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
      }
    });

    it('refuses malformed ids and division codes with the argument named', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        [`query($id: ID!) { task(id: $id) { id } }`, { id: 'x' }, 'id'],
        [`query($id: ID!) { meeting(id: $id) { id } }`, { id: '1234' }, 'id'],
        [`query($id: ID!) { whereaboutsFeedback(taskId: $id) { id } }`, { id: 'abc' }, 'taskId'],
        [`query($d: ID!) { taskCounts(divisionCode: $d) { open } }`, { d: '%' }, 'divisionCode'],
        [TASKS, { f: { divisionCode: '33052210420%' } }, 'filter.divisionCode'],
      ];
      for (const [query, variables, field] of cases) {
        const r = await gql(query, variables, ADMIN);
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field });
      }
    });

    it('resolves entity references with malformed keys to null without failing the rest of the batch', async () => {
      const [t] = await q(`SELECT id FROM tasks.task WHERE case_id = $1 LIMIT 1`, [c.caseId]);
      const r = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Task { id } ... on Case { id tasks { id } } ... on Party { id declarations { id } } ... on Division { code openTasks { totalCount } } } }`,
        {
          r: [
            { __typename: 'Task', id: 'not-a-uuid' },
            { __typename: 'Task', id: t.id },
            { __typename: 'Case', id: 'nope' },
            { __typename: 'Case', id: c.caseId },
            { __typename: 'Party', id: '1' },
            { __typename: 'Division', code: '%' },
            { __typename: 'Division', code: GANGKOU },
          ],
        },
        ADMIN,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data._entities[0]).toBeNull();
      expect(r.data._entities[1]).toEqual({ id: t.id });
      expect(r.data._entities[2]).toBeNull();
      expect(r.data._entities[3].tasks.length).toBeGreaterThan(0);
      expect(r.data._entities[4]).toBeNull();
      expect(r.data._entities[5]).toBeNull();
      expect(r.data._entities[6].openTasks.totalCount).toBe(4);
    });
  });
});
