import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import {
  aCase,
  caseClosed,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  urgingStarted,
  COUNTY,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const CASE_WORK = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id tasks { id } messages { body } unreadMessageCount notifications { template } } } }`;

/** Two cases in the same village, each with its own judge: a judge sees and manages only their own case's work. */
describe('a judge sees the tasks, threads and notices of the cases they preside', () => {
  let h: Harness;
  const judgeA = randomUUID();
  const judgeB = randomUUID();
  const mine = aCase({ judgeId: judgeA });
  const theirs = aCase({ judgeId: judgeB });
  const judge = identity(['JUDGE'], { sub: judgeA, divisionCode: COUNTY });
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: randomUUID() });
  const gql = (query: string, variables: Record<string, unknown> = {}, who = judge) =>
    gqlRequest(h.service.url, query, variables, who);
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const taskIds = async (caseId: string) =>
    (await q(`SELECT id FROM tasks.task WHERE case_id = $1 ORDER BY id`, [caseId])).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, staffRegistered({ divisionCode: GANGKOU }));
    for (const c of [mine, theirs]) {
      await deliver(h, partyRegistered({ partyId: c.obligorIds[0] }));
      await deliver(h, judgmentEffective(c));
      await deliver(h, urgingStarted(c));
      await deliver(h, enforcementFiled(c, false));
      const posted = await gqlRequest(
        h.service.url,
        `mutation($c: ID!) { postCaseMessage(caseId: $c, body: "请尽快履行") { id } }`,
        { c: c.caseId },
        officer,
      );
      expect(posted.errors).toBeUndefined();
    }
  });
  afterAll(() => h.stop());

  it('keeps the judge of each case in the projection', async () => {
    expect(
      await q(`SELECT judge_id FROM tasks.case_ref WHERE case_id = ANY($1::uuid[]) ORDER BY judge_id = $2 DESC`, [
        [mine.caseId, theirs.caseId],
        judgeA,
      ]),
    ).toEqual([{ judge_id: judgeA }, { judge_id: judgeB }]);
  });

  it('reads a task, and its whereabouts form, only on their own case', async () => {
    const [own] = await taskIds(mine.caseId);
    const [foreign] = await taskIds(theirs.caseId);
    expect((await gql(`query($id: ID!) { task(id: $id) { id } }`, { id: own })).data.task).toEqual({ id: own });
    expect((await gql(`query($id: ID!) { task(id: $id) { id } }`, { id: foreign })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await gql(`query($id: ID!) { whereaboutsFeedback(taskId: $id) { id } }`, { id: foreign })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    const refs = await gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Task { id } } }`, {
      r: [
        { __typename: 'Task', id: own },
        { __typename: 'Task', id: foreign },
      ],
    });
    expect(refs.data._entities).toEqual([{ id: own }, null]);
  });

  it('lists and counts only the tasks of their cases, under any division', async () => {
    const own = await taskIds(mine.caseId);
    const list = await gql(
      `query($d: ID!) { tasks(filter: { divisionCode: $d }, first: 50) { totalCount edges { node { id } } } }`,
      { d: GANGKOU },
    );
    expect(list.errors).toBeUndefined();
    expect(list.data.tasks.totalCount).toBe(own.length);
    expect(list.data.tasks.edges.map((e: any) => e.node.id).sort()).toEqual(own);
    const counts = await gql(`query($d: ID!) { taskCounts(divisionCode: $d) { open } }`, { d: COUNTY });
    expect(counts.data.taskCounts.open).toBe(own.length);
    const all = await gql(`query($d: ID!) { taskCounts(divisionCode: $d) { open } }`, { d: COUNTY }, ADMIN);
    expect(all.data.taskCounts.open).toBe(own.length + (await taskIds(theirs.caseId)).length);
    const division = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { openTasks(first: 50) { totalCount edges { node { id } } } } } }`,
      {
        r: [{ __typename: 'Division', code: GANGKOU }],
      },
    );
    expect(division.data._entities[0].openTasks.totalCount).toBe(own.length);
    expect(division.data._entities[0].openTasks.edges.map((e: any) => e.node.id).sort()).toEqual(own);
  });

  it('sees the tasks, thread and SMS ledger of their case and nothing of the other', async () => {
    const r = await gql(CASE_WORK, {
      r: [
        { __typename: 'Case', id: mine.caseId },
        { __typename: 'Case', id: theirs.caseId },
      ],
    });
    expect(r.errors).toBeUndefined();
    const [own, other] = r.data._entities;
    expect(own.tasks.map((t: any) => t.id).sort()).toEqual(await taskIds(mine.caseId));
    expect(own.messages).toEqual([{ body: '请尽快履行' }]);
    expect(own.unreadMessageCount).toBe(1);
    expect(own.notifications.map((n: any) => n.template)).toContain('URGING_NOTICE');
    expect(other).toEqual({ id: theirs.caseId, tasks: [], messages: [], unreadMessageCount: 0, notifications: [] });
  });

  it('posts in, opens tasks on and cancels tasks of their own case only, writing nothing on the other', async () => {
    const post = `mutation($c: ID!) { postCaseMessage(caseId: $c, body: "法官已阅") { id } }`;
    expect((await gql(post, { c: theirs.caseId })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await gql(`mutation($c: ID!) { markCaseMessagesRead(caseId: $c) }`, { c: theirs.caseId })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await gql(post, { c: mine.caseId })).errors).toBeUndefined();

    const CREATE = `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`;
    const input = {
      type: 'INTERVIEW',
      level: 'VILLAGE',
      divisionCode: GANGKOU,
      title: '约谈',
      dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    };
    const before = (await taskIds(theirs.caseId)).length;
    expect((await gql(CREATE, { i: { ...input, caseId: theirs.caseId } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await taskIds(theirs.caseId)).toHaveLength(before);
    expect((await gql(CREATE, { i: { ...input, caseId: mine.caseId } })).errors).toBeUndefined();

    const CANCEL = `mutation($id: ID!) { cancelTask(id: $id, reason: "法官撤回") { status } }`;
    const [foreign] = await taskIds(theirs.caseId);
    expect((await gql(CANCEL, { id: foreign })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await q(`SELECT status FROM tasks.task WHERE id = $1`, [foreign]))[0].status).toBe('OPEN');
    const [own] = await taskIds(mine.caseId);
    expect((await gql(CANCEL, { id: own })).data.cancelTask.status).toBe('CANCELLED');
    expect(
      (
        await gql(`mutation($id: ID!, $a: ID!) { assignTask(id: $id, assigneeId: $a) { id } }`, {
          id: foreign,
          a: randomUUID(),
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await q(`SELECT count(*)::int AS n FROM tasks.case_message WHERE case_id = $1`, [theirs.caseId])).toEqual([
      { n: 1 },
    ]);
  });

  it('keeps the judge when a case closes before this service heard of it', async () => {
    const late = aCase({ judgeId: judgeA });
    await deliver(h, caseClosed(late));
    expect(await q(`SELECT judge_id, status FROM tasks.case_ref WHERE case_id = $1`, [late.caseId])).toEqual([
      { judge_id: judgeA, status: 'CLOSED' },
    ]);
    await deliver(h, caseClosed({ ...mine, judgeId: null }));
    expect(await q(`SELECT judge_id FROM tasks.case_ref WHERE case_id = $1`, [mine.caseId])).toEqual([
      { judge_id: judgeA },
    ]);
  });
});
