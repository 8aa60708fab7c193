import { randomUUID } from 'node:crypto';
import { identity } from '@zhiyuan/testing';
import { demoId } from '../src/seed';
import { judgmentEffective, taskCompleted, taskCreated } from './factories/events';
import { residentId, withWrongCheck } from './factories/ids';
import { countStatements, registerPerson, startTestService, type TestService } from './factories/service';

const masked = (n: string) => `${n.slice(0, 10)}****${n.slice(14)}`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Party { id name } ... on Staff { id name } ... on Case { id listings { id } } } }`;

describe('malformed ids, staff references and party scope', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => t.stop());

  describe('malformed ids', () => {
    it.each([
      ['party', `query($id: ID!) { party(id: $id) { id } }`],
      ['listing', `query($id: ID!) { listing(id: $id) { id } }`],
      ['staff', `query($id: ID!) { staff(id: $id) { id } }`],
    ])(
      '%s(id:) with a malformed id answers VALIDATION_FAILED naming the field, without a statement',
      async (_what, query) => {
        for (const id of ['not-an-id', '1234', `${randomUUID()}x`, "'; DROP TABLE people.party; --"]) {
          const r = await countStatements(t, () => t.gql(query, { id }));
          expect(r.result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
          expect(r.result.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
          expect(r.statements).toBe(0);
        }
      },
    );

    it.each([
      ['parties', `query($a: String) { parties(after: $a) { nodes { id } } }`],
      ['listings', `query($a: String) { listings(after: $a) { nodes { id } } }`],
      ['staffMembers', `query($a: String) { staffMembers(after: $a) { nodes { id } } }`],
      ['unacknowledgedCreditChanges', `query($a: String) { unacknowledgedCreditChanges(after: $a) { nodes { id } } }`],
      [
        'exposureBoard',
        `query($a: String) { exposureBoard(divisionCode: "330522", after: $a) { nodes { listingId } } }`,
      ],
    ])('%s with a cursor the service did not write answers VALIDATION_FAILED on after', async (_what, query) => {
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const a of [
        'not-a-cursor',
        forged(['yesterday', randomUUID()]),
        forged([new Date().toISOString(), 'not-an-id']),
        forged([new Date().toISOString()]),
      ]) {
        const r = await t.gql(query, { a });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
      }
    });

    it('a well-formed unknown id is still null, not an error', async () => {
      const r = await t.gql(`query($id: ID!) { party(id: $id) { id } listing(id: $id) { id } staff(id: $id) { id } }`, {
        id: randomUUID(),
      });
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ party: null, listing: null, staff: null });
    });

    it('partyByIdNumber with a malformed number answers VALIDATION_FAILED on idNumber', async () => {
      const q = `query($n: String!) { partyByIdNumber(idNumber: $n) { id } }`;
      for (const n of ['330522', withWrongCheck(residentId()), 'abc', '']) {
        const r = await t.gql(q, { n });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idNumber' });
      }
      const p = await registerPerson(t);
      const ok = await t.gql(q, { n: p.idNumber.toLowerCase() });
      expect(ok.data.partyByIdNumber).toEqual({ id: p.id });
      expect((await t.gql(q, { n: residentId('1971-02-03') })).data.partyByIdNumber).toBeNull();
    });

    it('a malformed entity reference resolves to null; the other references of the batch resolve, with the same statements', async () => {
      const p = await registerPerson(t);
      const judgment = judgmentEffective({ obligorIds: [p.id] });
      await t.deliver(judgment);
      const listed = await t.gql(
        `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`,
        { i: { partyId: p.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' } },
      );
      expect(listed.errors).toBeUndefined();
      const good = [
        { __typename: 'Party', id: p.id },
        { __typename: 'Staff', id: demoId('judge-1') },
        { __typename: 'Case', id: judgment.payload.caseId },
      ];
      const bad = [
        { __typename: 'Party', id: 'not-a-party' },
        { __typename: 'Staff', id: '42' },
        { __typename: 'Case', id: 'case-1' },
      ];
      const clean = await countStatements(t, () => t.gql(ENTITIES, { r: good }));
      const mixed = await countStatements(t, () =>
        t.gql(ENTITIES, { r: [good[0], bad[0], good[1], bad[1], good[2], bad[2]] }),
      );
      expect(mixed.result.errors).toBeUndefined();
      expect(mixed.result.data._entities).toEqual([
        { id: p.id, name: '张三' },
        null,
        { id: demoId('judge-1'), name: expect.any(String) },
        null,
        { id: judgment.payload.caseId, listings: [{ id: listed.data.listDishonestObligor.id }] },
        null,
      ]);
      // The malformed keys never reach PostgreSQL: the batches run the same statements as without them.
      expect(mixed.statements).toBe(clean.statements);
      const onlyBad = await countStatements(t, () => t.gql(ENTITIES, { r: bad }));
      expect(onlyBad.result.data._entities).toEqual([null, null, null]);
      expect(onlyBad.statements).toBe(0);
    });
  });

  describe('staff entity references', () => {
    it('resolves Staff through _entities with their division, in a bounded number of statements', async () => {
      const townships = [
        '330522101',
        '330522102',
        '330522103',
        '330522104',
        '330522105',
        '330522106',
        '330522107',
        '330522108',
      ];
      const ids = townships.flatMap((c) => [demoId(`officer-${c}`), demoId(`liaison-${c}`)]);
      const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Staff { id name roles active division { code name parent { code } } } } }`;
      const one = await countStatements(t, () =>
        t.gql(q, { r: ids.slice(0, 1).map((id) => ({ __typename: 'Staff', id })) }),
      );
      const many = await countStatements(t, () => t.gql(q, { r: ids.map((id) => ({ __typename: 'Staff', id })) }));
      expect(many.result.errors).toBeUndefined();
      expect(many.result.data._entities).toHaveLength(ids.length);
      expect(many.result.data._entities.map((s: { id: string }) => s.id)).toEqual(ids);
      expect(many.result.data._entities[0]).toMatchObject({
        roles: ['ENFORCEMENT_OFFICER'],
        active: true,
        division: { code: '330522101', parent: { code: '330522' } },
      });
      expect(many.statements).toBe(one.statements);
      expect(many.statements).toBeLessThanOrEqual(3);
      // An unknown staff id is null; signed-out callers are refused.
      const unknown = await t.gql(q, { r: [{ __typename: 'Staff', id: randomUUID() }] });
      expect(unknown.data._entities).toEqual([null]);
      const anon = await t.gql(q, { r: [{ __typename: 'Staff', id: ids[0] }] }, identity([]));
      expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('a judge sees in full the parties of the cases they judge', () => {
    const presiding = identity(['JUDGE'], { sub: randomUUID() });
    const otherJudge = identity(['JUDGE'], { sub: randomUUID() });
    const PARTY = `query($id: ID!) { party(id: $id) { idNumber phone address birthDate creditProfile { classification } creditLinks { status } listings { id } } }`;
    let obligor: { id: string; idNumber: string };
    let obligee: { id: string; idNumber: string };
    let bystander: { id: string; idNumber: string };

    beforeAll(async () => {
      obligor = await registerPerson(t, {
        name: '审判对象',
        homeDivisionCode: '330522105201',
        phone: '13955556666',
        address: '某村3号',
      });
      obligee = await registerPerson(t, {
        name: '审判权利人',
        homeDivisionCode: '330522105202',
        phone: '13955557777',
        address: '某村4号',
      });
      bystander = await registerPerson(t, {
        name: '无关人员',
        homeDivisionCode: '330522105201',
        phone: '13955558888',
        address: '某村5号',
      });
      const judgment = judgmentEffective({
        obligorIds: [obligor.id],
        obligeeIds: [obligee.id],
        judgeId: presiding.sub,
        villageCode: '330522105201',
        townshipCode: '330522105',
      });
      await t.deliver(judgment);
      const listed = await t.gql(
        `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`,
        { i: { partyId: obligor.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' } },
      );
      expect(listed.errors).toBeUndefined();
    });

    it('allowed: the judge of the case reads its obligor and obligee unmasked, with credit standing, and the read is audited', async () => {
      const r = await t.gql(PARTY, { id: obligor.id }, presiding);
      expect(r.errors).toBeUndefined();
      expect(r.data.party).toMatchObject({
        idNumber: obligor.idNumber,
        phone: '13955556666',
        address: '某村3号',
        birthDate: '1980-05-17',
        creditProfile: { classification: 'COMPLIANT' },
      });
      expect(r.data.party.listings).toHaveLength(1);
      expect(r.data.party.creditLinks.map((l: { status: string }) => l.status)).toEqual([
        'RESTRICTED',
        'RESTRICTED',
        'RESTRICTED',
        'RESTRICTED',
      ]);
      const ref = await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { idNumber address } } }`,
        { r: [{ __typename: 'Party', id: obligee.id }] },
        presiding,
      );
      expect(ref.data._entities[0]).toEqual({ idNumber: obligee.idNumber, address: '某村4号' });
      const audited = await t.service.runtime.ds.query(
        `SELECT count(*)::int AS n FROM people.outbox_message WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'action' = 'UNMASKED_READ' AND envelope->'payload'->>'actor' = $1`,
        [presiding.sub],
      );
      expect(audited[0].n).toBe(2);
      const list = await t.gql(`{ parties(first: 100) { nodes { id idNumber } } }`, {}, presiding);
      expect(list.data.parties.nodes.map((n: { id: string }) => n.id).sort()).toEqual([obligor.id, obligee.id].sort());
      expect(list.data.parties.nodes.find((n: { id: string }) => n.id === obligor.id).idNumber).toBe(obligor.idNumber);
    });

    it('denied: another judge gets the same parties masked, without credit standing, and no party outside their cases in lists', async () => {
      const r = await t.gql(PARTY, { id: obligor.id }, otherJudge);
      expect(r.errors).toBeUndefined();
      expect(r.data.party).toEqual({
        idNumber: masked(obligor.idNumber),
        phone: '139****6666',
        address: null,
        birthDate: null,
        creditProfile: null,
        creditLinks: [],
        listings: [],
      });
      const ref = await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { idNumber phone address creditProfile { classification } } } }`,
        { r: [{ __typename: 'Party', id: obligee.id }] },
        otherJudge,
      );
      expect(ref.data._entities[0]).toEqual({
        idNumber: masked(obligee.idNumber),
        phone: '139****7777',
        address: null,
        creditProfile: null,
      });
      // Intake by ID number still finds the party, masked.
      const byNumber = await t.gql(
        `query($n: String!) { partyByIdNumber(idNumber: $n) { id idNumber address } }`,
        { n: obligor.idNumber },
        otherJudge,
      );
      expect(byNumber.data.partyByIdNumber).toEqual({
        id: obligor.id,
        idNumber: masked(obligor.idNumber),
        address: null,
      });
      const list = await t.gql(`{ parties(first: 100) { nodes { id } } }`, {}, otherJudge);
      expect(list.data.parties.nodes).toEqual([]);
      const inDivision = await t.gql(
        `{ parties(divisionCode: "330522105201", first: 100) { nodes { id } } }`,
        {},
        otherJudge,
      );
      expect(inDivision.data.parties.nodes).toEqual([]);
      // The presiding judge does not see a bystander of the same village in full either.
      const bystanderView = await t.gql(PARTY, { id: bystander.id }, presiding);
      expect(bystanderView.data.party).toMatchObject({
        idNumber: masked(bystander.idNumber),
        address: null,
        creditProfile: null,
      });
      expect(JSON.stringify([r, ref, byNumber, bystanderView])).not.toContain(obligor.idNumber);
      const audited = await t.service.runtime.ds.query(
        `SELECT count(*)::int AS n FROM people.outbox_message WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'action' = 'UNMASKED_READ' AND envelope->'payload'->>'actor' = $1`,
        [otherJudge.sub],
      );
      expect(audited[0].n).toBe(0);
    });

    it('a judge with a non-uuid subject lists no parties and sees none in full', async () => {
      const odd = identity(['JUDGE'], { sub: 'judge-without-id' });
      expect((await t.gql(`{ parties(first: 10) { nodes { id } } }`, {}, odd)).data.parties.nodes).toEqual([]);
      expect((await t.gql(PARTY, { id: obligor.id }, odd)).data.party.idNumber).toBe(masked(obligor.idNumber));
    });

    it('county departments keep their masked read of the obligor of their task, without credit standing; they list only the parties of their tasks', async () => {
      const department = identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522', department: 'COUNTY_LAND_BUREAU' });
      await t.deliver(taskCreated({ obligorId: obligor.id, assigneeDepartment: 'COUNTY_LAND_BUREAU' }));
      const r = await t.gql(PARTY, { id: obligor.id }, department);
      expect(r.data.party).toEqual({
        idNumber: masked(obligor.idNumber),
        phone: '139****6666',
        address: null,
        birthDate: null,
        creditProfile: null,
        creditLinks: [],
        listings: [],
      });
      expect((await t.gql(`{ parties(first: 10) { nodes { id } } }`, {}, department)).data.parties.nodes).toEqual([
        { id: obligor.id },
      ]);
      const withoutDepartment = identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522' });
      expect(
        (await t.gql(`{ parties(first: 10) { nodes { id } } }`, {}, withoutDepartment)).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it('division staff keep their scope: in full at home, masked for a party of a case homed there', async () => {
      const cadre = identity(['VILLAGE_CADRE'], { divisionCode: '330522105201' });
      expect((await t.gql(PARTY, { id: obligor.id }, cadre)).data.party.idNumber).toBe(obligor.idNumber);
      const obligeeView = await t.gql(PARTY, { id: obligee.id }, cadre);
      expect(obligeeView.data.party).toMatchObject({ idNumber: masked(obligee.idNumber), creditProfile: null });
      const elsewhere = await t.gql(
        PARTY,
        { id: obligor.id },
        identity(['VILLAGE_CADRE'], { divisionCode: '330522106201' }),
      );
      expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('a partner gets no name anywhere it can reach', () => {
    const bank = identity(['PARTNER'], { department: 'BANK_LOAN', sub: 'bank-user' });
    const NAME = '伙伴不见其名';
    let obligor: { id: string; idNumber: string };
    let caseId: string;
    let listingId: string;
    let changeId: string;

    beforeAll(async () => {
      obligor = await registerPerson(t, { name: NAME, homeDivisionCode: '330522107201' });
      const judgment = judgmentEffective({
        obligorIds: [obligor.id],
        villageCode: '330522107201',
        townshipCode: '330522107',
      });
      await t.deliver(judgment);
      caseId = judgment.payload.caseId;
      const listed = await t.gql(
        `mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`,
        { i: { partyId: obligor.id, caseId, ground: 'ABLE_BUT_REFUSES' } },
      );
      expect(listed.errors).toBeUndefined();
      listingId = listed.data.listDishonestObligor.id;
      const [change] = (await t.service.runtime.ds.query(
        `SELECT id FROM people.credit_link_change WHERE party_id = $1 AND department = 'BANK_LOAN'`,
        [obligor.id],
      )) as { id: string }[];
      changeId = change!.id;
    });

    it('the partner types carry no name: asking for one is a validation error', async () => {
      for (const [query, variables] of [
        [`query($n: String!) { partnerCreditStatus(idNumber: $n) { status name } }`, { n: obligor.idNumber }],
        [`{ unacknowledgedCreditChanges(first: 500) { nodes { id partyName } } }`, {}],
        [`mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { id partyName } }`, { id: changeId }],
      ] as const) {
        const r = await t.gql(query, variables, bank);
        expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.data).toBeUndefined();
      }
      const fields = async (type: string) =>
        (
          await t.gql(
            `query($t: String!) { __type(name: $t) { fields { name type { name ofType { name } } } } }`,
            { t: type },
            bank,
          )
        ).data.__type.fields as {
          name: string;
          type: { name: string | null; ofType: { name: string | null } | null };
        }[];
      const status = await fields('PartnerCreditStatus');
      expect(status.map((f) => f.name)).toEqual(['department', 'status', 'idNumberMasked', 'changedAt']);
      const change = await fields('CreditLinkChange');
      expect(change.map((f) => f.name)).toEqual([
        'id',
        'department',
        'status',
        'reason',
        'reasonText',
        'idNumberMasked',
        'changedAt',
        'acknowledgedAt',
        'acknowledgedBy',
      ]);
      // No path from them leads to a Party (and so to Party.name).
      expect([...status, ...change].some((f) => f.type.name === 'Party' || f.type.ofType?.name === 'Party')).toBe(
        false,
      );
    });

    it('everything the partner reads of its changes carries the masked number and no name', async () => {
      const status = await t.gql(
        `query($n: String!) { partnerCreditStatus(idNumber: $n) { department status idNumberMasked changedAt } }`,
        { n: obligor.idNumber },
        bank,
      );
      expect(status.data.partnerCreditStatus).toMatchObject({
        department: 'BANK_LOAN',
        status: 'RESTRICTED',
        idNumberMasked: masked(obligor.idNumber),
      });
      const pending = await t.gql(
        `{ unacknowledgedCreditChanges(first: 500) { nodes { id department status reason idNumberMasked changedAt acknowledgedAt acknowledgedBy } } }`,
        {},
        bank,
      );
      expect(
        pending.data.unacknowledgedCreditChanges.nodes.find((n: { id: string }) => n.id === changeId),
      ).toMatchObject({
        status: 'RESTRICTED',
        reason: 'LISTED:ABLE_BUT_REFUSES',
        idNumberMasked: masked(obligor.idNumber),
      });
      const ack = await t.gql(
        `mutation($id: ID!) { acknowledgeCreditChange(changeId: $id) { id department status reason idNumberMasked changedAt acknowledgedAt acknowledgedBy } }`,
        { id: changeId },
        bank,
      );
      expect(ack.errors).toBeUndefined();
      const text = JSON.stringify([status, pending, ack]);
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(obligor.idNumber);
      // The change as published for the partner stream: version 2, no name.
      const [published] = await t.service.runtime.ds.query(
        `SELECT envelope FROM people.outbox_message WHERE type = 'credit.link.changed' AND envelope->'payload'->>'changeId' = $1`,
        [changeId],
      );
      expect(published.envelope.version).toBe(2);
      expect(published.envelope.payload).not.toHaveProperty('name');
      expect(JSON.stringify(published.envelope)).not.toContain(NAME);
    });

    it('every nested path to Party.name is refused to a partner', async () => {
      const forbidden = [
        [`query($id: ID!) { party(id: $id) { name } }`, { id: obligor.id }],
        [`query($n: String!) { partyByIdNumber(idNumber: $n) { name } }`, { n: obligor.idNumber }],
        [`{ parties(first: 500) { nodes { name } } }`, {}],
        [`query($id: ID!) { listing(id: $id) { party { name } } }`, { id: listingId }],
        [`{ listings(first: 500) { nodes { party { name } } } }`, {}],
        [
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { name creditLinks { history { id } } } } }`,
          { r: [{ __typename: 'Party', id: obligor.id }] },
        ],
      ] as const;
      const answers = [];
      for (const [query, variables] of forbidden) {
        const r = await t.gql(query, variables, bank);
        expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        answers.push(r);
      }
      // A case reference shows a partner none of the case's listings, so none of their parties.
      const viaCase = await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { listings { party { name } } } } }`,
        { r: [{ __typename: 'Case', id: caseId }] },
        bank,
      );
      expect(viaCase.data._entities[0]).toEqual({ listings: [] });
      expect(JSON.stringify([...answers, viaCase])).not.toContain(NAME);
    });
  });

  describe('a judge acts on the parties of their own cases only', () => {
    const presiding = identity(['JUDGE'], { sub: randomUUID() });
    const otherJudge = identity(['JUDGE'], { sub: randomUUID() });
    const UPDATE = `mutation($id: ID!, $input: UpdatePartyInput!) { updateParty(id: $id, input: $input) { id phone } }`;
    const OVERRIDE = `mutation($id: ID!) { overrideCreditProfile(partyId: $id, input: { classification: EVASIVE, reason: "隐匿财产" }) { classification overridden } }`;
    let obligor: { id: string; idNumber: string };
    let obligee: { id: string; idNumber: string };
    let bystander: { id: string; idNumber: string };
    const updates = async (partyId: string) =>
      (
        await t.service.runtime.ds.query(
          `SELECT count(*)::int AS n FROM people.outbox_message WHERE type = 'people.party.updated' AND envelope->'payload'->>'partyId' = $1`,
          [partyId],
        )
      )[0].n as number;
    const overrides = async (partyId: string) =>
      (
        await t.service.runtime.ds.query(
          `SELECT count(*)::int AS n FROM people.credit_profile WHERE party_id = $1 AND overridden`,
          [partyId],
        )
      )[0].n as number;

    beforeAll(async () => {
      obligor = await registerPerson(t, { name: '写入对象', homeDivisionCode: '330522108201', phone: '13966660001' });
      obligee = await registerPerson(t, { name: '写入权利人', homeDivisionCode: '330522108202', phone: '13966660002' });
      bystander = await registerPerson(t, {
        name: '写入无关人',
        homeDivisionCode: '330522108201',
        phone: '13966660003',
      });
      await t.deliver(
        judgmentEffective({
          obligorIds: [obligor.id],
          obligeeIds: [obligee.id],
          judgeId: presiding.sub,
          villageCode: '330522108201',
          townshipCode: '330522108',
        }),
      );
    });

    it('denied: another judge may not change or override a party of a case they do not judge, and nothing is written', async () => {
      for (const p of [obligor, obligee, bystander]) {
        const u = await t.gql(UPDATE, { id: p.id, input: { phone: '13977770000' } }, otherJudge);
        expect(u.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(await updates(p.id)).toBe(0);
        const o = await t.gql(OVERRIDE, { id: p.id }, otherJudge);
        expect(o.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(await overrides(p.id)).toBe(0);
      }
      // Nor the presiding judge, for a party in none of their cases.
      expect(
        (await t.gql(UPDATE, { id: bystander.id, input: { phone: '13977770000' } }, presiding)).errors?.[0]?.extensions
          ?.code,
      ).toBe('FORBIDDEN');
      expect((await t.gql(OVERRIDE, { id: bystander.id }, presiding)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await updates(bystander.id)).toBe(0);
      expect(await overrides(bystander.id)).toBe(0);
      const [row] = await t.service.runtime.ds.query(`SELECT phone FROM people.party WHERE id = $1`, [bystander.id]);
      expect(row.phone).toBe('13966660003');
    });

    it('allowed: the judge of the case changes and overrides its obligor and obligee; an admin any party', async () => {
      for (const p of [obligor, obligee]) {
        const u = await t.gql(UPDATE, { id: p.id, input: { phone: '13977770001' } }, presiding);
        expect(u.errors).toBeUndefined();
        expect(u.data.updateParty.phone).toBe('13977770001');
        const o = await t.gql(OVERRIDE, { id: p.id }, presiding);
        expect(o.errors).toBeUndefined();
        expect(o.data.overrideCreditProfile).toEqual({ classification: 'EVASIVE', overridden: true });
      }
      expect((await t.gql(UPDATE, { id: bystander.id, input: { phone: '13977770002' } })).errors).toBeUndefined();
      expect((await t.gql(OVERRIDE, { id: bystander.id })).errors).toBeUndefined();
    });

    it('division staff keep their write scope: within their divisions only', async () => {
      const cadre = identity(['VILLAGE_CADRE'], { divisionCode: '330522108201' });
      expect((await t.gql(UPDATE, { id: obligor.id, input: { phone: '13977770003' } }, cadre)).errors).toBeUndefined();
      const elsewhere = await t.gql(UPDATE, { id: obligee.id, input: { phone: '13977770003' } }, cadre);
      expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('a county department reads, masked, exactly the parties of the open tasks assigned to it', () => {
    const PARTY = `query($id: ID!) { party(id: $id) { id name idNumber address creditProfile { classification } } }`;
    const LIST = `query($c: ID) { parties(divisionCode: $c, first: 10) { nodes { id } } }`;
    const BY_NUMBER = `query($n: String!) { partyByIdNumber(idNumber: $n) { id idNumber } }`;
    const department = identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522', department: 'COUNTY_CIVIL_AFFAIRS' });
    let tasked: { id: string; idNumber: string };
    let caseObligee: { id: string; idNumber: string };
    let neighbour: { id: string; idNumber: string };
    let taskId: string;
    let caseTaskId: string;

    beforeAll(async () => {
      tasked = await registerPerson(t, { name: '部门可见', homeDivisionCode: '330522109201', address: '某村9号' });
      caseObligee = await registerPerson(t, { name: '部门案件权利人', homeDivisionCode: '330522109202' });
      neighbour = await registerPerson(t, { name: '同县他人', homeDivisionCode: '330522109201', address: '某村10号' });
      const created = taskCreated({ obligorId: tasked.id, assigneeDepartment: 'COUNTY_CIVIL_AFFAIRS' });
      taskId = created.payload.taskId;
      await t.deliver(created);
      await t.deliver(created); // a redelivery changes nothing
      // A task of a case the projection knows: its obligee is a party of the task too.
      const judgment = judgmentEffective({ obligorIds: [neighbour.id], obligeeIds: [caseObligee.id] });
      await t.deliver(judgment);
      const onCase = taskCreated({
        caseId: judgment.payload.caseId,
        obligorId: null,
        assigneeDepartment: 'COUNTY_CIVIL_AFFAIRS_CASES',
      });
      caseTaskId = onCase.payload.taskId;
      await t.deliver(onCase);
      // A task of another department, and one assigned to no department, open nothing to this one.
      await t.deliver(taskCreated({ obligorId: neighbour.id, assigneeDepartment: 'COUNTY_TAX_BUREAU' }));
      await t.deliver(taskCreated({ obligorId: neighbour.id, assigneeDepartment: null }));
    });

    it('allowed: the obligor of its task, masked, by id, by reference, by number and in its list', async () => {
      const r = await t.gql(PARTY, { id: tasked.id }, department);
      expect(r.data.party).toEqual({
        id: tasked.id,
        name: '部门可见',
        idNumber: masked(tasked.idNumber),
        address: null,
        creditProfile: null,
      });
      const ref = await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id idNumber } } }`,
        { r: [{ __typename: 'Party', id: tasked.id }] },
        department,
      );
      expect(ref.data._entities[0]).toEqual({ id: tasked.id, idNumber: masked(tasked.idNumber) });
      expect((await t.gql(BY_NUMBER, { n: tasked.idNumber }, department)).data.partyByIdNumber).toEqual({
        id: tasked.id,
        idNumber: masked(tasked.idNumber),
      });
      expect((await t.gql(LIST, {}, department)).data.parties.nodes).toEqual([{ id: tasked.id }]);
      expect((await t.gql(LIST, { c: '330522109' }, department)).data.parties.nodes).toEqual([{ id: tasked.id }]);
      expect((await t.gql(LIST, { c: '330522108' }, department)).data.parties.nodes).toEqual([]);
    });

    it("allowed: the parties of its task's case, as the case projection knows them", async () => {
      const onCase = identity(['COUNTY_DEPARTMENT'], { department: 'COUNTY_CIVIL_AFFAIRS_CASES' });
      expect((await t.gql(PARTY, { id: caseObligee.id }, onCase)).data.party.idNumber).toBe(
        masked(caseObligee.idNumber),
      );
      const nodes = (await t.gql(LIST, {}, onCase)).data.parties.nodes as { id: string }[];
      expect(nodes.map((n) => n.id).sort()).toEqual([caseObligee.id, neighbour.id].sort());
    });

    it('denied: another party of its division, and any party for another department or none', async () => {
      const r = await t.gql(PARTY, { id: neighbour.id }, department);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(BY_NUMBER, { n: neighbour.idNumber }, department)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      for (const other of [
        identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522', department: 'COUNTY_HEALTH_BUREAU' }),
        identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522' }),
        identity(['COUNTY_DEPARTMENT'], { divisionCode: null }),
      ]) {
        const read = await t.gql(PARTY, { id: tasked.id }, other);
        expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        const ref = await t.gql(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id name } } }`,
          { r: [{ __typename: 'Party', id: tasked.id }] },
          other,
        );
        expect(ref.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(JSON.stringify([read, ref])).not.toContain('部门可见');
      }
    });

    it('closed: once its task is done or cancelled the department no longer reads the party; the record stays', async () => {
      await t.deliver(
        taskCompleted({ taskId, obligorId: tasked.id, assigneeDepartment: 'COUNTY_CIVIL_AFFAIRS', status: 'DONE' }),
      );
      expect((await t.gql(PARTY, { id: tasked.id }, department)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(LIST, {}, department)).data.parties.nodes).toEqual([]);
      // A completion from before the field was carried closes the task all the same.
      await t.deliver(taskCompleted({ taskId: caseTaskId, obligorId: null, status: 'CANCELLED' }));
      const onCase = identity(['COUNTY_DEPARTMENT'], { department: 'COUNTY_CIVIL_AFFAIRS_CASES' });
      expect((await t.gql(PARTY, { id: caseObligee.id }, onCase)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const rows = await t.service.runtime.ds.query(
        `SELECT task_id, department, status, closed_at IS NOT NULL AS closed FROM people.department_task WHERE task_id = ANY($1::uuid[]) ORDER BY department`,
        [[taskId, caseTaskId]],
      );
      expect(rows).toEqual([
        { task_id: taskId, department: 'COUNTY_CIVIL_AFFAIRS', status: 'DONE', closed: true },
        { task_id: caseTaskId, department: 'COUNTY_CIVIL_AFFAIRS_CASES', status: 'CANCELLED', closed: true },
      ]);
    });

    it('a late creation does not reopen a task its completion closed', async () => {
      const early = taskCompleted({
        taskId: randomUUID(),
        obligorId: neighbour.id,
        assigneeDepartment: 'COUNTY_LATE_BUREAU',
        status: 'DONE',
      });
      await t.deliver(early);
      await t.deliver(
        taskCreated({
          taskId: early.payload.taskId,
          obligorId: neighbour.id,
          assigneeDepartment: 'COUNTY_LATE_BUREAU',
        }),
      );
      const late = identity(['COUNTY_DEPARTMENT'], { department: 'COUNTY_LATE_BUREAU' });
      expect((await t.gql(PARTY, { id: neighbour.id }, late)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe("LIKE patterns take a caller's text literally", () => {
    it('a division code with % or _ matches no division, instead of every division it would spell', async () => {
      for (const code of ['33052210_', '3305221%', '330522_04']) {
        const parties = await t.gql(`query($c: ID) { parties(divisionCode: $c, first: 10) { nodes { id } } }`, {
          c: code,
        });
        expect(parties.errors).toBeUndefined();
        expect(parties.data.parties.nodes).toEqual([]);
        const listings = await t.gql(`query($c: ID) { listings(divisionCode: $c, first: 10) { nodes { id } } }`, {
          c: code,
        });
        expect(listings.data.listings.nodes).toEqual([]);
        const staff = await t.gql(`query($c: ID) { staffMembers(divisionCode: $c, first: 10) { nodes { id } } }`, {
          c: code,
        });
        expect(staff.data.staffMembers.nodes).toEqual([]);
      }
      // The plain prefix still matches.
      expect(
        (await t.gql(`{ staffMembers(divisionCode: "330522104", first: 10) { nodes { id } } }`)).data.staffMembers.nodes
          .length,
      ).toBeGreaterThan(0);
    });

    it('a search with % or _ finds only names that contain them', async () => {
      const percent = await registerPerson(t, { name: '百分%之' });
      const underscore = await registerPerson(t, { name: '下_划线' });
      const search = async (s: string, q = 'parties') =>
        (
          await t.gql(
            `query($s: String) { ${q}(search: $s, first: 500) { nodes { ${q === 'parties' ? 'id' : 'code'} } } }`,
            { s },
          )
        ).data[q].nodes;
      expect((await search('%')).map((n: { id: string }) => n.id)).toEqual([percent.id]);
      expect((await search('_')).map((n: { id: string }) => n.id)).toEqual([underscore.id]);
      expect(await search('%', 'divisions')).toEqual([]);
      expect(await search('_', 'divisions')).toEqual([]);
    });
  });
});
