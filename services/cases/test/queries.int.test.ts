import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { encodeCursor } from '@zhiyuan/kernel';
import { CHANGE, FILE, GET, PAY, SETTLE, TAKE_IN } from './factories/graphql';
import {
  BAISHUI,
  enforcementNumber,
  FANGJIAZHUANG,
  GANGKOU,
  HEPING,
  HONGXINGQIAO,
  judgment,
  partyEvent,
  staffEvent,
  startCases,
  type Harness,
} from './factories';

describe('case queries, federation fields and access', () => {
  let h: Harness;
  let statements = 0;
  const gql = (query: string, variables: Record<string, unknown> = {}, who = ADMIN) =>
    gqlRequest(h.url, query, variables, who);
  const judgeA = randomUUID();
  const judgeB = randomUUID();
  const officer = randomUUID();
  const gangkouObligor = randomUUID();
  const baishuiObligor = randomUUID();
  const hepingObligor = randomUUID();
  const obligee = randomUUID();
  const ids: Record<string, string[]> = { gangkou: [], baishui: [], heping: [] };

  beforeAll(async () => {
    // The outbox relay polls in the background (its own transaction and advisory lock); only the
    // statements a request issues are counted.
    const relay = /outbox_message|pg_try_advisory|^(START TRANSACTION|COMMIT|ROLLBACK)/;
    h = await startCases({}, { onQuery: (sql) => void (relay.test(sql) ? 0 : statements++) });
    await h.deliver(partyEvent(gangkouObligor, GANGKOU, HONGXINGQIAO));
    await h.deliver(partyEvent(baishuiObligor, BAISHUI, HONGXINGQIAO));
    await h.deliver(partyEvent(hepingObligor, FANGJIAZHUANG, HEPING));
    await h.deliver(staffEvent(officer, HONGXINGQIAO));
    const batch = [
      ...Array.from({ length: 30 }, (_, i) =>
        judgment({
          obligorIds: [gangkouObligor],
          obligeeIds: [obligee],
          judgeId: judgeA,
          effectiveDate: `2024-05-${String(i + 1).padStart(2, '0')}`,
          causeCode: i % 2 ? 'SALE_CONTRACT' : 'PRIVATE_LENDING',
        }),
      ),
      ...Array.from({ length: 15 }, (_, i) =>
        judgment({
          obligorIds: [baishuiObligor],
          judgeId: judgeB,
          effectiveDate: `2024-04-${String(i + 1).padStart(2, '0')}`,
          principalFen: 5_000_000,
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        judgment({
          obligorIds: [hepingObligor],
          judgeId: judgeA,
          effectiveDate: `2023-03-${String(i + 1).padStart(2, '0')}`,
          performanceDeadline: '2023-04-01',
        }),
      ),
    ];
    const r = await gql(
      `mutation($j: [JudgmentInput!]!) { importJudgments(judgments: $j) { imported skipped rejected { row field } cases { id village { code } } } }`,
      {
        j: [...batch, { ...batch[0], caseNumber: 'bad' }],
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.importJudgments).toMatchObject({
      imported: 55,
      skipped: 0,
      rejected: [{ row: 55, field: 'caseNumber' }],
    });
    for (const c of r.data.importJudgments.cases) {
      const key = c.village.code === GANGKOU ? 'gangkou' : c.village.code === BAISHUI ? 'baishui' : 'heping';
      ids[key]!.push(c.id);
    }
    // Some history on every case in 港口村, so the nested lists have rows to load.
    for (const id of ids.gangkou!.slice(0, 10)) {
      await gql(PAY, { input: { caseId: id, amountFen: 1000, paidOn: '2024-07-01', channel: 'CASH' } });
      await gql(FILE, { input: { caseId: id, enforcementNumber: enforcementNumber() } });
      await gql(CHANGE, { caseId: id, to: 'IN_PROGRESS', reason: 'start' });
    }
  });
  afterAll(() => h.stop());

  it('re-running a batch through the mutation imports nothing twice', async () => {
    const j = judgment();
    const once = await gql(`mutation($j: [JudgmentInput!]!) { importJudgments(judgments: $j) { imported skipped } }`, {
      j: [j, j],
    });
    expect(once.data.importJudgments).toEqual({ imported: 1, skipped: 1 });
    const twice = await gql(`mutation($j: [JudgmentInput!]!) { importJudgments(judgments: $j) { imported skipped } }`, {
      j: [j],
    });
    expect(twice.data.importJudgments).toEqual({ imported: 0, skipped: 1 });
  });

  const LIST = `query($f: CaseFilter, $first: Int, $after: String) { cases(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id caseNumber state effectiveDate outstandingFen cause { code category } judge { id } village { code }
      performances { amountFen } timeline { kind } settlements { instalments { no } } urging { deadline } } } }`;

  it('lists the cases of a village, a township and the county', async () => {
    const village = await gql(LIST, { f: { divisionCode: GANGKOU }, first: 100 });
    expect(village.data.cases.totalCount).toBe(30);
    const township = await gql(LIST, { f: { divisionCode: HONGXINGQIAO }, first: 100 });
    expect(township.data.cases.totalCount).toBe(45);
    const county = await gql(LIST, { f: { divisionCode: '330522' }, first: 1 });
    expect(county.data.cases.totalCount).toBeGreaterThanOrEqual(55);
  });

  it('pages with a cursor, newest judgment first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let dates: string[] = [];
    for (;;) {
      const r: any = await gql(LIST, { f: { divisionCode: GANGKOU }, first: 7, after });
      seen.push(...r.data.cases.nodes.map((n: { id: string }) => n.id));
      dates = dates.concat(r.data.cases.nodes.map((n: { effectiveDate: string }) => n.effectiveDate));
      if (!r.data.cases.pageInfo.hasNextPage) break;
      after = r.data.cases.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(30);
    expect(dates).toEqual([...dates].sort().reverse());
    const bad = await gql(LIST, { first: 5, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
    const tooMany = await gql(LIST, { first: 10_000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'first' });
  });

  it('filters by state, cause, judge, officer, overdue, amount and age', async () => {
    const total = async (f: Record<string, unknown>) => (await gql(LIST, { f, first: 1 })).data.cases.totalCount;
    expect(await total({ divisionCode: GANGKOU, states: ['IN_PROGRESS'] })).toBe(10);
    expect(await total({ divisionCode: GANGKOU, causeCode: 'SALE_CONTRACT' })).toBe(15);
    expect(await total({ causeCategory: 'LOAN', judgeId: judgeA, divisionCode: HONGXINGQIAO })).toBe(15);
    expect(await total({ judgeId: judgeB })).toBe(15);
    expect(await total({ officerId: officer })).toBe(10);
    expect(await total({ divisionCode: HEPING, overdue: true })).toBe(10);
    expect(await total({ minOutstandingFen: 5_000_000 })).toBe(15);
    expect(await total({ divisionCode: GANGKOU, maxOutstandingFen: 1_059_000 })).toBe(10);
    expect(await total({ divisionCode: HEPING, minAgeDays: 365 })).toBe(10);
    expect(await total({ divisionCode: HEPING, maxAgeDays: 30 })).toBe(0);
    const bad = await gql(LIST, { f: { judgeId: 'nope' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'judgeId' });
    // A day count past the calendar is refused, not an internal error.
    for (const field of ['minAgeDays', 'maxAgeDays']) {
      const huge = await gql(LIST, { f: { [field]: 2147483647 } });
      expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });

  it('issues the same number of SQL statements for a page of 5 and a page of 40, nested lists included', async () => {
    const run = async (first: number) => {
      statements = 0;
      const r = await gql(LIST, { f: { divisionCode: HONGXINGQIAO }, first });
      expect(r.errors).toBeUndefined();
      expect(r.data.cases.nodes).toHaveLength(first);
      return statements;
    };
    const few = await run(5);
    const many = await run(40);
    expect(many).toBe(few);
    // count, page, performances, timeline, settlements (instalments only when a settlement exists).
    expect(many).toBe(5);
  });

  it('serves Party.cases, Division.cases and Staff.cases through federation', async () => {
    const r = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Party { id cases(role: OBLIGEE, first: 3) { totalCount nodes { id } } }
        ... on Division { code cases(filter: { states: [IN_PROGRESS] }) { totalCount } }
        ... on Staff { id cases(first: 1) { totalCount } } } }`,
      {
        r: [
          { __typename: 'Party', id: obligee },
          { __typename: 'Division', code: GANGKOU },
          { __typename: 'Staff', id: officer },
          { __typename: 'Staff', id: judgeB },
        ],
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data._entities[0].cases.totalCount).toBe(30);
    expect(r.data._entities[0].cases.nodes).toHaveLength(3);
    expect(r.data._entities[1].cases.totalCount).toBe(10);
    expect(r.data._entities[2].cases.totalCount).toBe(10);
    expect(r.data._entities[3].cases.totalCount).toBe(15);
    const byObligor = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { cases(role: OBLIGOR) { totalCount } } } }`,
      { r: [{ __typename: 'Party', id: baishuiObligor }] },
    );
    expect(byObligor.data._entities[0].cases.totalCount).toBe(15);
  });

  it('serves the cases of many entities in one _entities call with the same number of statements as for one', async () => {
    const Q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Party { cases(first: 2) { totalCount nodes { id timeline { kind } } } }
      ... on Division { cases(first: 2, filter: { open: true }) { totalCount nodes { id } } } } }`;
    const run = async (parties: string[], divisions: string[]) => {
      statements = 0;
      const r = await gql(Q, {
        r: [
          ...parties.map((id) => ({ __typename: 'Party', id })),
          ...divisions.map((code) => ({ __typename: 'Division', code })),
        ],
      });
      expect(r.errors).toBeUndefined();
      return { statements, entities: r.data._entities };
    };
    const one = await run([obligee], [GANGKOU]);
    const many = await run(
      [obligee, gangkouObligor, baishuiObligor, hepingObligor, ...Array.from({ length: 6 }, () => randomUUID())],
      [GANGKOU, BAISHUI, FANGJIAZHUANG],
    );
    expect(many.statements).toBe(one.statements);
    expect(many.entities.map((e: { cases: { totalCount: number } }) => e.cases.totalCount)).toEqual([
      30, 30, 15, 10, 0, 0, 0, 0, 0, 0, 30, 15, 10,
    ]);
    expect(many.entities[0].cases.nodes).toHaveLength(2);
    const firstPage = await gql(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Party { cases(first: 2, after: $after) { nodes { id } } } } }`,
      {
        r: [{ __typename: 'Party', id: obligee }],
        after: null,
      },
    );
    const cursorPage = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { cases(first: 2) { edges { cursor } } } } }`,
      { r: [{ __typename: 'Party', id: obligee }] },
    );
    const next = await gql(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Party { cases(first: 2, after: $after) { nodes { id } } } } }`,
      {
        r: [{ __typename: 'Party', id: obligee }],
        after: cursorPage.data._entities[0].cases.edges[1].cursor,
      },
    );
    expect(next.data._entities[0].cases.nodes).toHaveLength(2);
    expect(next.data._entities[0].cases.nodes.map((n: { id: string }) => n.id)).not.toContain(
      firstPage.data._entities[0].cases.nodes[0].id,
    );
    const bad = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { cases { totalCount } } } }`,
      { r: [{ __typename: 'Party', id: 'nope' }] },
    );
    expect(bad.errors).toBeUndefined();
    expect(bad.data._entities).toEqual([null]);
  });

  describe('malformed ids and cursors', () => {
    const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;
    // Cursors a client could forge: valid base64 JSON whose values PostgreSQL would refuse to cast.
    const forged = [
      encodeCursor(['2024-02-30', randomUUID()]),
      encodeCursor(['0000-01-01', randomUUID()]),
      encodeCursor(['2024-05-01', 'nope']),
      encodeCursor(['2024-05-01']),
      encodeCursor([1, 2]),
      'garbage',
    ];

    it('answers VALIDATION_FAILED on the id of case(id) and on every id of the filter', async () => {
      for (const id of ['nope', '123', `${randomUUID()}x`])
        expect(code(await gql(`query($id: ID!) { case(id: $id) { id } }`, { id }))).toMatchObject({
          code: 'VALIDATION_FAILED',
          field: 'id',
        });
      for (const field of ['judgeId', 'officerId', 'partyId']) {
        const r = await gql(LIST, { f: { [field]: 'not-a-uuid' } });
        expect(code(r)).toMatchObject({ code: 'VALIDATION_FAILED', field });
        expect(r.data).toBeNull();
      }
    });

    it('answers VALIDATION_FAILED on a forged cursor, in lists and in nested fields', async () => {
      for (const after of forged) {
        expect(code(await gql(LIST, { first: 2, after }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
        const nested = await gql(
          `query($r: [_Any!]!, $after: String) { _entities(representations: $r) {
          ... on Party { cases(first: 2, after: $after) { totalCount } } ... on Division { cases(first: 2, after: $after) { totalCount } } ... on Staff { cases(after: $after) { totalCount } } } }`,
          {
            r: [
              { __typename: 'Party', id: obligee },
              { __typename: 'Division', code: GANGKOU },
              { __typename: 'Staff', id: judgeA },
            ],
            after,
          },
        );
        expect(nested.errors?.length).toBeGreaterThan(0);
        for (const e of nested.errors!)
          expect(e.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
      }
    });

    it('resolves a malformed _entities reference to null and the rest of the batch as usual', async () => {
      const r = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Case { id state } ... on Party { id cases(first: 1) { totalCount } } ... on Staff { id cases(first: 1) { totalCount } } ... on Division { code cases(first: 1) { totalCount } } } }`,
        {
          r: [
            { __typename: 'Case', id: ids.gangkou![0] },
            { __typename: 'Case', id: 'nope' },
            { __typename: 'Case', id: 42 },
            { __typename: 'Case', id: randomUUID() },
            { __typename: 'Party', id: 'nope' },
            { __typename: 'Party', id: obligee },
            { __typename: 'Staff', id: `${judgeB}0` },
            { __typename: 'Staff', id: judgeB },
            { __typename: 'Division', code: '33052210420' },
            { __typename: 'Division', code: 'GANGKOU' },
            { __typename: 'Division', code: GANGKOU },
          ],
        },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data._entities).toEqual([
        { id: ids.gangkou![0], state: expect.any(String) },
        null,
        null,
        null,
        null,
        { id: obligee, cases: { totalCount: 30 } },
        null,
        { id: judgeB, cases: { totalCount: 15 } },
        null,
        null,
        { code: GANGKOU, cases: { totalCount: 30 } },
      ]);
    });

    it('answers VALIDATION_FAILED on the ids of every mutation and writes nothing', async () => {
      const caseId = ids.heping![0]!;
      const before = (await gql(GET, { id: caseId })).data.case;
      const today = new Date().toISOString().slice(0, 10);
      const calls: [string, string, Record<string, unknown>][] = [
        ['caseId', `mutation($c: ID!) { startUrging(caseId: $c) { id } }`, { c: 'nope' }],
        ['caseId', FILE, { input: { caseId: 'nope', enforcementNumber: enforcementNumber() } }],
        [
          'caseId',
          `mutation($c: ID!, $o: ID!) { reassignOfficer(caseId: $c, officerId: $o, reason: "moved") { id } }`,
          { c: 'nope', o: officer },
        ],
        [
          'officerId',
          `mutation($c: ID!, $o: ID!) { reassignOfficer(caseId: $c, officerId: $o, reason: "moved") { id } }`,
          { c: caseId, o: 'nope' },
        ],
        ['caseId', CHANGE, { caseId: 'nope', to: 'IN_PROGRESS', reason: 'start' }],
        ['caseId', PAY, { input: { caseId: 'nope', amountFen: 1, paidOn: today, channel: 'CASH' } }],
        [
          'caseId',
          SETTLE,
          {
            input: {
              caseId: 'nope',
              kind: 'SETTLEMENT',
              terms: 'pays later',
              instalments: [{ dueDate: '2099-01-01', amountFen: 1 }],
            },
          },
        ],
        ['judgeId', TAKE_IN, { input: judgment({ judgeId: 'nope' }) }],
        ['obligeeIds.0', TAKE_IN, { input: judgment({ obligeeIds: ['nope'] }) }],
      ];
      for (const [field, query, variables] of calls)
        expect([field, code(await gql(query, variables))]).toEqual([
          field,
          expect.objectContaining({ code: 'VALIDATION_FAILED', field }),
        ]);
      // A date PostgreSQL cannot store (there is no year 0) is refused by the Date scalar, before any SQL.
      const yearZero = judgment({ effectiveDate: '0000-01-01', performanceDeadline: null });
      expect(code(await gql(TAKE_IN, { input: yearZero }))).toMatchObject({
        code: 'VALIDATION_FAILED',
        scalar: 'Date',
      });
      expect(
        (await gql(`query($n: String!) { caseByNumber(caseNumber: $n) { id } }`, { n: yearZero.caseNumber })).data
          .caseByNumber,
      ).toBeNull();
      const after = (await gql(GET, { id: caseId })).data.case;
      expect(after).toEqual(before);
    });
  });

  it('finds a case by judgment or enforcement number and resolves Case references', async () => {
    const list = await gql(
      `query { cases(filter: { states: [IN_PROGRESS] }, first: 1) { nodes { id caseNumber enforcementNumber } } }`,
    );
    const c = list.data.cases.nodes[0];
    expect(
      (await gql(`query($n: String!) { caseByNumber(caseNumber: $n) { id } }`, { n: c.caseNumber })).data.caseByNumber
        .id,
    ).toBe(c.id);
    expect(
      (await gql(`query($n: String!) { caseByNumber(caseNumber: $n) { id } }`, { n: c.enforcementNumber })).data
        .caseByNumber.id,
    ).toBe(c.id);
    const ref = await gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id state } } }`, {
      r: [{ __typename: 'Case', id: c.id }],
    });
    expect(ref.data._entities[0]).toEqual({ id: c.id, state: 'IN_PROGRESS' });
    expect((await gql(`{ causesOfAction { code name category } }`)).data.causesOfAction).toContainEqual({
      code: 'PRIVATE_LENDING',
      name: '民间借贷纠纷',
      category: 'LOAN',
    });
  });

  describe('access', () => {
    const count = async (who: ReturnType<typeof identity>, f: Record<string, unknown> = {}) => {
      const r = await gql(`query($f: CaseFilter) { cases(filter: $f, first: 1) { totalCount } }`, { f }, who);
      expect(r.errors).toBeUndefined();
      return r.data.cases.totalCount;
    };
    const getCase = (id: string, who: ReturnType<typeof identity>) =>
      gql(`query($id: ID!) { case(id: $id) { id } }`, { id }, who);

    it('a village cadre sees only their village', async () => {
      const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU });
      expect(await count(cadre)).toBe(30);
      expect(await count(cadre, { divisionCode: HONGXINGQIAO })).toBe(30);
      expect((await getCase(ids.baishui![0]!, cadre)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await getCase(ids.gangkou![0]!, cadre)).data.case.id).toBe(ids.gangkou![0]);
    });

    it('a township liaison and officer see their township and its villages', async () => {
      expect(await count(identity(['TOWNSHIP_LIAISON'], { divisionCode: HONGXINGQIAO }))).toBe(45);
      expect(await count(identity(['ENFORCEMENT_OFFICER'], { divisionCode: HEPING, sub: randomUUID() }))).toBe(10);
    });

    it('a judge sees the cases they preside', async () => {
      expect(await count(identity(['JUDGE'], { sub: judgeB }))).toBe(15);
      expect(
        (await getCase(ids.gangkou![0]!, identity(['JUDGE'], { sub: judgeB }))).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it('a party sees their own cases as obligor or obligee', async () => {
      expect(await count(identity(['PARTY'], { partyId: obligee }))).toBe(30);
      expect(await count(identity(['PARTY'], { partyId: hepingObligor }))).toBe(10);
      expect(
        (await getCase(ids.baishui![0]!, identity(['PARTY'], { partyId: obligee }))).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it('partners, county departments and anonymous callers see no cases', async () => {
      expect(await count(identity(['PARTNER'], { department: 'BANK_LOAN' }))).toBe(0);
      expect(await count(identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522' }))).toBe(0);
      expect(await count(identity([]))).toBe(0);
      expect((await getCase(ids.gangkou![0]!, identity([]))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const unknown = await gql(`{ caseByNumber(caseNumber: "(2024)浙0522民初999999号") { id } }`, {}, identity([]));
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('only judges take in judgments, and only the case workers in scope record payments', async () => {
      const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU });
      const j = await gql(
        `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`,
        { i: judgment() },
        cadre,
      );
      expect(j.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const pay = (who: ReturnType<typeof identity>, caseId: string) =>
        gql(PAY, { input: { caseId, amountFen: 1, paidOn: '2024-07-01', channel: 'CASH' } }, who);
      expect((await pay(cadre, ids.gangkou![20]!)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const otherOfficer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HEPING, sub: randomUUID() });
      expect((await pay(otherOfficer, ids.gangkou![20]!)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ownOfficer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: officer });
      expect((await pay(ownOfficer, ids.gangkou![20]!)).errors).toBeUndefined();
      expect((await pay(identity(['JUDGE'], { sub: judgeA }), ids.gangkou![21]!)).errors).toBeUndefined();
      expect((await pay(identity(['JUDGE'], { sub: judgeB }), ids.gangkou![22]!)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
    });

    it('refuses a caller outside the case before reading the rest of its input', async () => {
      const otherOfficer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HEPING, sub: randomUUID() });
      const caseId = ids.gangkou![23]!;
      // Invalid values that would be VALIDATION_FAILED for a caller in scope: the outsider learns nothing from them.
      const change = await gql(CHANGE, { caseId, to: 'IN_PROGRESS', reason: 'x' }, otherOfficer);
      expect(change.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const future = await gql(
        PAY,
        { input: { caseId, amountFen: 1, paidOn: '2999-01-01', channel: 'CASH' } },
        otherOfficer,
      );
      expect(future.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const settle = await gql(
        SETTLE,
        { input: { caseId, kind: 'SETTLEMENT', terms: 'x', instalments: [] } },
        otherOfficer,
      );
      expect(settle.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // The same values from the case's own officer are refused for what they are.
      const ownOfficer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: officer });
      expect(
        (await gql(CHANGE, { caseId, to: 'IN_PROGRESS', reason: 'x' }, ownOfficer)).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
      expect(
        (await gql(PAY, { input: { caseId, amountFen: 1, paidOn: '2999-01-01', channel: 'CASH' } }, ownOfficer))
          .errors?.[0]?.extensions,
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'paidOn' });
    });
  });
});
