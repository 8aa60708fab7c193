import { registerPerson, startTestService, type TestService } from './factories/service';

const UPDATE_PARTY = `mutation($id: ID!, $input: UpdatePartyInput!) { updateParty(id: $id, input: $input) { id } }`;
const REGISTER_STAFF = `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }`;
const UPDATE_STAFF = `mutation($id: ID!, $input: UpdateStaffInput!) { updateStaff(id: $id, input: $input) { id } }`;
const OVERRIDE = `mutation($id: ID!, $input: OverrideCreditProfileInput!) { overrideCreditProfile(partyId: $id, input: $input) { id } }`;

describe('audit entries record the changed fields before and after, masked', () => {
  let t: TestService;
  beforeAll(async () => (t = await startTestService()));
  afterAll(() => t.stop());

  const audits = async (operation: string) =>
    (
      await t.service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM people.outbox_message
          WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'operation' = $1 ORDER BY seq`,
        [operation],
      )
    ).map((r: { p: any }) => r.p);

  it('updateParty: each changed field, the phone and address masked, nothing unchanged', async () => {
    const p = await registerPerson(t, { phone: '13900001111', address: '长兴县虹星桥镇港口村12号' });
    const r = await t.gql(UPDATE_PARTY, {
      id: p.id,
      input: { phone: '13812345678', address: '长兴县和平镇方家庄村8号', lowIncome: true, name: '张三' },
    });
    expect(r.errors).toBeUndefined();
    const [entry] = await audits('updateParty');
    expect(entry).toMatchObject({ outcome: 'OK', targetId: p.id });
    expect(entry.changes).toEqual([
      { field: 'phone', before: '139****1111', after: '138****5678' },
      { field: 'address', before: '长兴县虹星桥****', after: '长兴县和平镇****' },
      { field: 'lowIncome', before: false, after: true },
    ]);
    const text = JSON.stringify(entry);
    for (const secret of ['13900001111', '13812345678', '港口村12号', '方家庄村8号', p.idNumber])
      expect(text).not.toContain(secret);
  });

  it('updateStaff: the fields changed, the phone masked', async () => {
    const s = await t.gql(REGISTER_STAFF, {
      input: { name: '周干部', roles: ['VILLAGE_CADRE'], divisionCode: '330522104201', phone: '13700007777' },
    });
    expect(s.errors).toBeUndefined();
    const id = s.data.registerStaff.id;
    const r = await t.gql(UPDATE_STAFF, {
      id,
      input: { name: '周主任', phone: '13700008888', active: false },
    });
    expect(r.errors).toBeUndefined();
    const [entry] = (await audits('updateStaff')).filter((e: any) => e.targetId === id);
    expect(entry.changes).toEqual([
      { field: 'name', before: '周干部', after: '周主任' },
      { field: 'phone', before: '137****7777', after: '137****8888' },
      { field: 'active', before: true, after: false },
    ]);
  });

  it('overrideCreditProfile: the classification and its reasons before and after', async () => {
    const p = await registerPerson(t);
    const r = await t.gql(OVERRIDE, {
      id: p.id,
      input: { classification: 'HONEST_IN_DIFFICULTY', reason: '家庭困难', graceMonths: 2 },
    });
    expect(r.errors).toBeUndefined();
    const again = await t.gql(OVERRIDE, { id: p.id, input: { classification: 'EVASIVE', reason: '隐匿财产' } });
    expect(again.errors).toBeUndefined();
    const [first, second] = (await audits('overrideCreditProfile')).filter((e: any) => e.targetId === p.id);
    expect(first.changes).toEqual([
      { field: 'classification', before: null, after: 'HONEST_IN_DIFFICULTY' },
      { field: 'reasonCodes', before: null, after: ['COURT_OVERRIDE', 'GRACE_2_MONTHS'] },
      { field: 'graceUntil', before: null, after: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      { field: 'overridden', before: false, after: true },
      { field: 'overrideReason', before: null, after: '家庭困难' },
    ]);
    expect(second.changes).toEqual([
      { field: 'classification', before: 'HONEST_IN_DIFFICULTY', after: 'EVASIVE' },
      { field: 'reasonCodes', before: ['COURT_OVERRIDE', 'GRACE_2_MONTHS'], after: ['COURT_OVERRIDE'] },
      { field: 'graceUntil', before: first.changes[2].after, after: null },
      { field: 'overrideReason', before: '家庭困难', after: '隐匿财产' },
    ]);
  });

  it('the seed is audited once, in its transaction, with what it loaded', async () => {
    const [seed, ...more] = await audits('seed:demo-county');
    expect(more).toEqual([]);
    expect(seed).toMatchObject({
      actor: 'system:start',
      roles: ['COMMAND_LINE'],
      action: 'COMMAND',
      service: 'people-credit',
      targetKind: 'DIVISION',
      targetId: '330522',
      outcome: 'OK',
      detail: { divisions: 289, townships: 16, villages: 272, staff: 4 + 16 * 2 + 272 * 2 + 4 },
    });
  });
});
