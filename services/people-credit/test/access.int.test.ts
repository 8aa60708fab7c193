import { randomUUID } from 'node:crypto';
import { identity } from '@zhiyuan/testing';
import { demoId } from '../src/seed';
import { judgmentEffective } from './factories/events';
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
    ])('%s(id:) with a malformed id answers VALIDATION_FAILED naming the field, without a statement', async (_what, query) => {
      for (const id of ['not-an-id', '1234', `${randomUUID()}x`, "'; DROP TABLE people.party; --"]) {
        const r = await countStatements(t, () => t.gql(query, { id }));
        expect(r.result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
        expect(r.result.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        expect(r.statements).toBe(0);
      }
    });

    it.each([
      ['parties', `query($a: String) { parties(after: $a) { nodes { id } } }`],
      ['listings', `query($a: String) { listings(after: $a) { nodes { id } } }`],
      ['staffMembers', `query($a: String) { staffMembers(after: $a) { nodes { id } } }`],
      ['unacknowledgedCreditChanges', `query($a: String) { unacknowledgedCreditChanges(after: $a) { nodes { id } } }`],
      ['exposureBoard', `query($a: String) { exposureBoard(divisionCode: "330522", after: $a) { nodes { listingId } } }`],
    ])('%s with a cursor the service did not write answers VALIDATION_FAILED on after', async (_what, query) => {
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const a of ['not-a-cursor', forged(['yesterday', randomUUID()]), forged([new Date().toISOString(), 'not-an-id']), forged([new Date().toISOString()])]) {
        const r = await t.gql(query, { a });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
      }
    });

    it('a well-formed unknown id is still null, not an error', async () => {
      const r = await t.gql(`query($id: ID!) { party(id: $id) { id } listing(id: $id) { id } staff(id: $id) { id } }`, { id: randomUUID() });
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
      const listed = await t.gql(`mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, { i: { partyId: p.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' } });
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
      const mixed = await countStatements(t, () => t.gql(ENTITIES, { r: [good[0], bad[0], good[1], bad[1], good[2], bad[2]] }));
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
      const townships = ['330522101', '330522102', '330522103', '330522104', '330522105', '330522106', '330522107', '330522108'];
      const ids = townships.flatMap((c) => [demoId(`officer-${c}`), demoId(`liaison-${c}`)]);
      const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Staff { id name roles active division { code name parent { code } } } } }`;
      const one = await countStatements(t, () => t.gql(q, { r: ids.slice(0, 1).map((id) => ({ __typename: 'Staff', id })) }));
      const many = await countStatements(t, () => t.gql(q, { r: ids.map((id) => ({ __typename: 'Staff', id })) }));
      expect(many.result.errors).toBeUndefined();
      expect(many.result.data._entities).toHaveLength(ids.length);
      expect(many.result.data._entities.map((s: { id: string }) => s.id)).toEqual(ids);
      expect(many.result.data._entities[0]).toMatchObject({ roles: ['ENFORCEMENT_OFFICER'], active: true, division: { code: '330522101', parent: { code: '330522' } } });
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
      obligor = await registerPerson(t, { name: '审判对象', homeDivisionCode: '330522105201', phone: '13955556666', address: '某村3号' });
      obligee = await registerPerson(t, { name: '审判权利人', homeDivisionCode: '330522105202', phone: '13955557777', address: '某村4号' });
      bystander = await registerPerson(t, { name: '无关人员', homeDivisionCode: '330522105201', phone: '13955558888', address: '某村5号' });
      const judgment = judgmentEffective({ obligorIds: [obligor.id], obligeeIds: [obligee.id], judgeId: presiding.sub, villageCode: '330522105201', townshipCode: '330522105' });
      await t.deliver(judgment);
      const listed = await t.gql(`mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, { i: { partyId: obligor.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' } });
      expect(listed.errors).toBeUndefined();
    });

    it('allowed: the judge of the case reads its obligor and obligee unmasked, with credit standing, and the read is audited', async () => {
      const r = await t.gql(PARTY, { id: obligor.id }, presiding);
      expect(r.errors).toBeUndefined();
      expect(r.data.party).toMatchObject({ idNumber: obligor.idNumber, phone: '13955556666', address: '某村3号', birthDate: '1980-05-17', creditProfile: { classification: 'COMPLIANT' } });
      expect(r.data.party.listings).toHaveLength(1);
      expect(r.data.party.creditLinks.map((l: { status: string }) => l.status)).toEqual(['RESTRICTED', 'RESTRICTED', 'RESTRICTED', 'RESTRICTED']);
      const ref = await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { idNumber address } } }`, { r: [{ __typename: 'Party', id: obligee.id }] }, presiding);
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
      expect(r.data.party).toEqual({ idNumber: masked(obligor.idNumber), phone: '139****6666', address: null, birthDate: null, creditProfile: null, creditLinks: [], listings: [] });
      const ref = await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { idNumber phone address creditProfile { classification } } } }`, { r: [{ __typename: 'Party', id: obligee.id }] }, otherJudge);
      expect(ref.data._entities[0]).toEqual({ idNumber: masked(obligee.idNumber), phone: '139****7777', address: null, creditProfile: null });
      // Intake by ID number still finds the party, masked.
      const byNumber = await t.gql(`query($n: String!) { partyByIdNumber(idNumber: $n) { id idNumber address } }`, { n: obligor.idNumber }, otherJudge);
      expect(byNumber.data.partyByIdNumber).toEqual({ id: obligor.id, idNumber: masked(obligor.idNumber), address: null });
      const list = await t.gql(`{ parties(first: 100) { nodes { id } } }`, {}, otherJudge);
      expect(list.data.parties.nodes).toEqual([]);
      const inDivision = await t.gql(`{ parties(divisionCode: "330522105201", first: 100) { nodes { id } } }`, {}, otherJudge);
      expect(inDivision.data.parties.nodes).toEqual([]);
      // The presiding judge does not see a bystander of the same village in full either.
      const bystanderView = await t.gql(PARTY, { id: bystander.id }, presiding);
      expect(bystanderView.data.party).toMatchObject({ idNumber: masked(bystander.idNumber), address: null, creditProfile: null });
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

    it('county departments keep their masked read of a party (tasks show the obligor), without credit standing or lists', async () => {
      const department = identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522' });
      const r = await t.gql(PARTY, { id: obligor.id }, department);
      expect(r.data.party).toEqual({ idNumber: masked(obligor.idNumber), phone: '139****6666', address: null, birthDate: null, creditProfile: null, creditLinks: [], listings: [] });
      expect((await t.gql(`{ parties(first: 10) { nodes { id } } }`, {}, department)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('division staff keep their scope: in full at home, masked for a party of a case homed there', async () => {
      const cadre = identity(['VILLAGE_CADRE'], { divisionCode: '330522105201' });
      expect((await t.gql(PARTY, { id: obligor.id }, cadre)).data.party.idNumber).toBe(obligor.idNumber);
      const obligeeView = await t.gql(PARTY, { id: obligee.id }, cadre);
      expect(obligeeView.data.party).toMatchObject({ idNumber: masked(obligee.idNumber), creditProfile: null });
      const elsewhere = await t.gql(PARTY, { id: obligor.id }, identity(['VILLAGE_CADRE'], { divisionCode: '330522106201' }));
      expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});
