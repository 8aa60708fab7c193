import { identity } from '@zhiyuan/testing';
import { demoId, seedDemoData } from '../src/seed';
import { creditCode, residentId, withWrongCheck } from './factories/ids';
import { taskCreated } from './factories/events';
import {
  REGISTER_PERSON,
  countStatements,
  registerPerson,
  startTestService,
  type TestService,
} from './factories/service';

const count = async (t: TestService, sql: string, params: unknown[] = []) =>
  Number((await t.service.runtime.ds.query(sql, params))[0].n);
const outbox = (t: TestService, type: string) =>
  t.service.runtime.ds.query(`SELECT envelope FROM people.outbox_message WHERE type = $1 ORDER BY seq`, [type]);

describe('parties and staff', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => t.stop());

  it('seeds the demo county: 16 townships, 272 villages, staff emitted as events', async () => {
    expect(await count(t, `SELECT count(*) AS n FROM people.division WHERE level = 'TOWNSHIP'`)).toBe(16);
    expect(await count(t, `SELECT count(*) AS n FROM people.division WHERE level = 'VILLAGE'`)).toBe(272);
    const staff = await count(t, `SELECT count(*) AS n FROM people.staff`);
    expect(staff).toBe(4 + 16 * 2 + 272 * 2 + 4);
    expect(
      await count(t, `SELECT count(*) AS n FROM people.outbox_message WHERE type = 'people.staff.registered'`),
    ).toBe(staff);
    const r = await t.gql(`{ division(code: "330522104") { name children { code name } } }`);
    expect(r.data.division.children.slice(0, 2)).toEqual([
      { code: '330522104201', name: '港口村' },
      { code: '330522104202', name: '白水村' },
    ]);
  });

  it('does not seed twice across restarts', async () => {
    await seedDemoData(t.service.runtime);
    expect(await count(t, `SELECT count(*) AS n FROM people.division`)).toBe(1 + 16 + 272);
  });

  it('answers path to root, children and search by name', async () => {
    const r = await t.gql(
      `{ division(code: "330522106201") { name path { code name level } } divisions(search: "方家", first: 5) { nodes { code name } } }`,
    );
    expect(r.data.division.path).toEqual([
      { code: '330522', name: '长兴县', level: 'COUNTY' },
      { code: '330522106', name: '和平镇', level: 'TOWNSHIP' },
      { code: '330522106201', name: '方家庄村', level: 'VILLAGE' },
    ]);
    expect(r.data.divisions.nodes).toEqual([{ code: '330522106201', name: '方家庄村' }]);
  });

  it('registers a person with birth date and gender derived from the ID number and emits people.party.registered without the full number', async () => {
    const idNumber = residentId('1985-07-09', 'FEMALE');
    const r = await t.gql(REGISTER_PERSON, {
      input: { name: '李四', idNumber, homeDivisionCode: '330522104202', phone: '13900002222' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.registerPerson).toMatchObject({
      name: '李四',
      idNumber,
      gender: 'FEMALE',
      birthDate: '1985-07-09',
      homeDivision: { code: '330522104202' },
    });
    const [ev] = (await outbox(t, 'people.party.registered'))
      .map((x: { envelope: any }) => x.envelope)
      .filter((e: any) => e.payload.partyId === r.data.registerPerson.id);
    expect(ev.payload).toMatchObject({
      villageCode: '330522104202',
      townshipCode: '330522104',
      // The names go along, so services that name the home in their texts need no division table of their own.
      villageName: '白水村',
      townshipName: '虹星桥镇',
      phone: '13900002222',
      idNumberMasked: `${idNumber.slice(0, 10)}****${idNumber.slice(14)}`,
    });
    expect(JSON.stringify(ev)).not.toContain(idNumber);
  });

  it('returns the existing party for the same number and refuses the same number under another name', async () => {
    const idNumber = residentId();
    const a = await t.gql(REGISTER_PERSON, { input: { name: '王五', idNumber, homeDivisionCode: '330522104201' } });
    const b = await t.gql(REGISTER_PERSON, { input: { name: '王五', idNumber, homeDivisionCode: '330522104201' } });
    expect(b.data.registerPerson.id).toBe(a.data.registerPerson.id);
    const c = await t.gql(REGISTER_PERSON, { input: { name: '赵六', idNumber, homeDivisionCode: '330522104201' } });
    expect(c.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await count(t, `SELECT count(*) AS n FROM people.party WHERE id_number = $1`, [idNumber])).toBe(1);
  });

  it('never duplicates a party when the same number is registered concurrently', async () => {
    const idNumber = residentId();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.gql(REGISTER_PERSON, { input: { name: '并发', idNumber, homeDivisionCode: '330522104201' } }),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.data.registerPerson.id)).size).toBe(1);
    expect(await count(t, `SELECT count(*) AS n FROM people.party WHERE id_number = $1`, [idNumber])).toBe(1);
    const registered = (await outbox(t, 'people.party.registered')).filter(
      (e: { envelope: any }) => e.envelope.payload.partyId === results[0]!.data.registerPerson.id,
    );
    expect(registered).toHaveLength(1);
  });

  it.each([
    ['wrong check digit', withWrongCheck(residentId())],
    ['wrong length', '3305221990010112'],
    ['impossible birth date', residentId('1990-13-01')],
  ])('refuses an ID number with a %s and writes nothing', async (_what, idNumber) => {
    const before = await count(t, `SELECT count(*) AS n FROM people.outbox_message WHERE type NOT LIKE 'audit.%'`);
    const r = await t.gql(REGISTER_PERSON, { input: { name: '错号', idNumber, homeDivisionCode: '330522104201' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idNumber' });
    expect(await count(t, `SELECT count(*) AS n FROM people.party WHERE name = '错号'`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM people.outbox_message WHERE type NOT LIKE 'audit.%'`)).toBe(
      before,
    );
  });

  it('refuses a person homed outside a village and an unknown division', async () => {
    const r1 = await t.gql(REGISTER_PERSON, {
      input: { name: 'X', idNumber: residentId(), homeDivisionCode: '330522104' },
    });
    expect(r1.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'homeDivisionCode' });
    const r2 = await t.gql(REGISTER_PERSON, {
      input: { name: 'X', idNumber: residentId(), homeDivisionCode: '330522999999' },
    });
    expect(r2.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'homeDivisionCode' });
  });

  it('registers an organization by unified social credit code and refuses a bad one', async () => {
    const code = creditCode();
    const ok = await t.gql(
      `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { kind idNumber legalRepresentative } }`,
      {
        i: {
          name: '长兴某建材有限公司',
          creditCode: code,
          legalRepresentative: '陈七',
          registeredDivisionCode: '330522101',
        },
      },
    );
    expect(ok.data.registerOrganization).toEqual({ kind: 'ORGANIZATION', idNumber: code, legalRepresentative: '陈七' });
    const bad = await t.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
      i: {
        name: '坏码公司',
        creditCode: withWrongCheck(creditCode()),
        legalRepresentative: '陈七',
        registeredDivisionCode: '330522101',
      },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'creditCode' });
  });

  it('re-routes a party that moves: people.party.updated carries the previous home division', async () => {
    const p = await registerPerson(t, { homeDivisionCode: '330522104201' });
    const r = await t.gql(
      `mutation($id: ID!) { updateParty(id: $id, input: { homeDivisionCode: "330522106201" }) { homeDivision { code } } }`,
      { id: p.id },
    );
    expect(r.data.updateParty.homeDivision.code).toBe('330522106201');
    const events = (await outbox(t, 'people.party.updated'))
      .map((x: { envelope: any }) => x.envelope.payload)
      .filter((e: any) => e.partyId === p.id);
    expect(events).toEqual([
      expect.objectContaining({
        previousHomeDivisionCode: '330522104201',
        homeDivisionCode: '330522106201',
        villageCode: '330522106201',
        townshipCode: '330522106',
        changed: ['homeDivisionCode'],
      }),
    ]);
  });

  it('masks personal data outside the caller scope, also through _entities, and refuses anonymous callers', async () => {
    const p = await registerPerson(t, { homeDivisionCode: '330522104201', phone: '13912345678', address: '港口村8号' });
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { idNumber idNumberMasked phone address } } }`;
    const vars = { r: [{ __typename: 'Party', id: p.id }] };
    const own = await t.gql(q, vars, identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' }));
    expect(own.data._entities[0]).toMatchObject({ idNumber: p.idNumber, phone: '13912345678', address: '港口村8号' });
    // A cadre of another village does not see the party at all; a county department with a task about it sees it masked.
    const other = await t.gql(q, vars, identity(['VILLAGE_CADRE'], { divisionCode: '330522106201' }));
    expect(other.data._entities[0]).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await t.deliver(taskCreated({ obligorId: p.id, assigneeDepartment: 'COUNTY_PORT_OFFICE' }));
    const department = await t.gql(
      q,
      vars,
      identity(['COUNTY_DEPARTMENT'], { divisionCode: '330522', department: 'COUNTY_PORT_OFFICE' }),
    );
    expect(department.data._entities[0]).toEqual({
      idNumber: `${p.idNumber.slice(0, 10)}****${p.idNumber.slice(14)}`,
      idNumberMasked: `${p.idNumber.slice(0, 10)}****${p.idNumber.slice(14)}`,
      phone: '139****5678',
      address: null,
    });
    const audited = async () =>
      (
        await t.service.runtime.ds.query(
          `SELECT envelope->'payload' AS p FROM people.outbox_message WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'action' = 'UNMASKED_READ' AND envelope->'payload'->>'targetId' = $1 ORDER BY seq`,
          [p.id],
        )
      ).map((r: { p: any }) => r.p);
    // The registering admin read the number back (one entry), the village cadre in scope another.
    expect((await audited()).map((a: any) => a.actor)).toEqual(['test-ADMIN', 'test-VILLAGE_CADRE']);
    const anon = await t.gql(q, vars, identity([]));
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anon)).not.toContain(p.idNumber);
    // Masked reads leave no access entry; the unmasked reads above left exactly one each.
    expect(await audited()).toHaveLength(2);
    const partner = await t.gql(
      `query($id: ID!) { party(id: $id) { name } }`,
      { id: p.id },
      identity(['PARTNER'], { department: 'BANK_LOAN' }),
    );
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps one fixed enforcement officer per township and answers who handles a township', async () => {
    const who = await t.gql(
      `{ enforcementOfficerOf(townshipCode: "330522104") { id roles division { code } } division(code: "330522104") { enforcementOfficer { id } } }`,
    );
    expect(who.data.enforcementOfficerOf).toEqual({
      id: demoId('officer-330522104'),
      roles: ['ENFORCEMENT_OFFICER'],
      division: { code: '330522104' },
    });
    expect(who.data.division.enforcementOfficer.id).toBe(demoId('officer-330522104'));
    const second = await t.gql(
      `mutation { registerStaff(input: { name: "第二执行员", roles: ["ENFORCEMENT_OFFICER"], divisionCode: "330522104" }) { id } }`,
    );
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ONE_OFFICER_PER_TOWNSHIP' });
    // Deactivating the officer frees the township for a successor; both changes are events cases consumes.
    const off = await t.gql(`mutation($id: ID!) { updateStaff(id: $id, input: { active: false }) { active } }`, {
      id: demoId('officer-330522104'),
    });
    expect(off.data.updateStaff.active).toBe(false);
    const next = await t.gql(
      `mutation { registerStaff(input: { name: "新执行员", roles: ["ENFORCEMENT_OFFICER"], divisionCode: "330522104", phone: "13800000000" }) { id } }`,
    );
    expect(next.errors).toBeUndefined();
    const updated = (await outbox(t, 'people.staff.updated')).map((x: { envelope: any }) => x.envelope.payload);
    expect(updated).toEqual([expect.objectContaining({ staffId: demoId('officer-330522104'), active: false })]);
  });

  it('finds the village team and the township liaison', async () => {
    const r =
      await t.gql(`{ liaison: staffMembers(divisionCode: "330522106", role: "TOWNSHIP_LIAISON") { nodes { id division { code } } }
      secretary: staffMembers(divisionCode: "330522106201", role: "VILLAGE_SECRETARY") { nodes { name roles } } }`);
    expect(r.data.liaison.nodes).toEqual([{ id: demoId('liaison-330522106'), division: { code: '330522106' } }]);
    expect(r.data.secretary.nodes).toEqual([{ name: '方家庄村书记', roles: ['VILLAGE_CADRE', 'VILLAGE_SECRETARY'] }]);
  });

  it('refuses a village cadre on a township and registering staff without the admin role', async () => {
    const r = await t.gql(
      `mutation { registerStaff(input: { name: "X", roles: ["VILLAGE_SECRETARY"], divisionCode: "330522104" }) { id } }`,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'divisionCode' });
    const j = await t.gql(
      `mutation { registerStaff(input: { name: "X", roles: ["JUDGE"] }) { id } }`,
      {},
      identity(['JUDGE']),
    );
    expect(j.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves a page of parties with their divisions, profiles and listings in a bounded number of statements', async () => {
    for (let i = 0; i < 6; i++) await registerPerson(t, { homeDivisionCode: i % 2 ? '330522104201' : '330522106201' });
    const q = `query($n: Int!) { parties(first: $n) { nodes { name homeDivision { name parent { name } } creditProfile { classification } listings { id } creditLinks { status } } } }`;
    const small = await countStatements(t, () => t.gql(q, { n: 2 }));
    const big = await countStatements(t, () => t.gql(q, { n: 12 }));
    expect(small.result.errors).toBeUndefined();
    expect(big.result.data.parties.nodes.length).toBeGreaterThanOrEqual(10);
    expect(big.statements).toBe(small.statements);
    expect(big.statements).toBeLessThanOrEqual(8);
  });

  it("filters a division's parties by their current classification and by the end of their grace period", async () => {
    const village = '330522106202';
    const [a, b, c, d] = [
      await registerPerson(t, { homeDivisionCode: village }),
      await registerPerson(t, { homeDivisionCode: village }),
      await registerPerson(t, { homeDivisionCode: village }),
      await registerPerson(t, { homeDivisionCode: village }),
    ];
    const profile = (partyId: string, classification: string, graceUntil: string | null) =>
      t.service.runtime.ds.query(
        `INSERT INTO people.credit_profile (id, party_id, classification, reason_codes, grace_until, classified_by, classified_at)
         VALUES (gen_random_uuid(), $1, $2, '{}', $3, 'test', now())`,
        [partyId, classification, graceUntil],
      );
    // a was in difficulty and is evasive now; b the other way round; c is in difficulty until 1 July; d has no profile.
    await profile(a!.id, 'HONEST_IN_DIFFICULTY', '2027-01-31');
    await profile(a!.id, 'EVASIVE', null);
    await profile(b!.id, 'EVASIVE', null);
    await profile(b!.id, 'HONEST_IN_DIFFICULTY', '2027-03-31');
    await profile(c!.id, 'HONEST_IN_DIFFICULTY', '2027-07-01');
    const ids = async (args: string) => {
      const r = await t.gql(`{ parties(divisionCode: "${village}", ${args} first: 50) { nodes { id } } }`);
      expect(r.errors).toBeUndefined();
      return r.data.parties.nodes.map((n: { id: string }) => n.id).sort();
    };
    expect(await ids('')).toEqual([a!.id, b!.id, c!.id, d!.id].sort());
    expect(await ids('classification: EVASIVE,')).toEqual([a!.id]);
    expect(await ids('classification: HONEST_IN_DIFFICULTY,')).toEqual([b!.id, c!.id].sort());
    expect(await ids('graceEndsBefore: "2027-07-01",')).toEqual([b!.id]);
    expect(await ids('graceEndsBefore: "2027-07-02", classification: HONEST_IN_DIFFICULTY,')).toEqual(
      [b!.id, c!.id].sort(),
    );
    const bad = await t.gql(`query($g: Date) { parties(graceEndsBefore: $g) { nodes { id } } }`, { g: '2027-13-01' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});
