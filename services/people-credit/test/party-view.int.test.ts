import { identity } from '@zhiyuan/testing';
import { judgmentEffective } from './factories/events';
import { registerPerson, startTestService, type TestService } from './factories/service';

const VIEW = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id partyView {
  mySides counterparts { side name idNumberMasked } team { name role phone division } } } } }`;

describe("a party's view of its own cases", () => {
  let t: TestService;
  let obligor: { id: string; idNumber: string };
  let obligee: { id: string; idNumber: string };
  let stranger: { id: string; idNumber: string };
  let caseA: string;
  let caseB: string;
  const asParty = (id: string) => identity(['PARTY'], { sub: id, partyId: id });
  const view = (caseId: string, who = asParty(obligor.id)) =>
    t.gql(VIEW, { r: [{ __typename: 'Case', id: caseId }] }, who);

  beforeAll(async () => {
    t = await startTestService();
    obligor = await registerPerson(t, { name: '钱多多', homeDivisionCode: '330522104201', phone: '13700002001' });
    obligee = await registerPerson(t, { name: '孙有理', homeDivisionCode: '330522104202', phone: '13700002002' });
    stranger = await registerPerson(t, { name: '路人甲', homeDivisionCode: '330522104201', phone: '13700002003' });
    // The obligor owes in case A and is owed in case B: one party on both sides of different cases.
    const a = judgmentEffective({
      obligorIds: [obligor.id],
      obligeeIds: [obligee.id],
      villageCode: '330522104201',
      townshipCode: '330522104',
    });
    const b = judgmentEffective({
      obligorIds: [stranger.id],
      obligeeIds: [obligor.id],
      villageCode: '330522104201',
      townshipCode: '330522104',
    });
    await t.deliver(a);
    await t.deliver(b);
    caseA = a.payload.caseId;
    caseB = b.payload.caseId;
  });
  afterAll(async () => t.stop());

  it('shows the counterpart by name and masked ID only, and the village team with phones', async () => {
    const r = await view(caseA);
    expect(r.errors).toBeUndefined();
    const v = r.data._entities[0].partyView;
    expect(v.mySides).toEqual(['OBLIGOR']);
    expect(v.counterparts).toEqual([
      {
        side: 'OBLIGEE',
        name: '孙有理',
        idNumberMasked: `${obligee.idNumber.slice(0, 10)}****${obligee.idNumber.slice(14)}`,
      },
    ]);
    expect(JSON.stringify(v)).not.toContain(obligee.idNumber);
    expect(v.team).toEqual(
      expect.arrayContaining([
        {
          name: '港口村书记',
          role: 'VILLAGE_SECRETARY',
          phone: expect.stringMatching(/^138\d{8}$/),
          division: '港口村',
        },
        {
          name: '港口村调解主任',
          role: 'MEDIATION_DIRECTOR',
          phone: expect.stringMatching(/^138\d{8}$/),
          division: '港口村',
        },
        {
          name: '虹星桥镇执行员',
          role: 'ENFORCEMENT_OFFICER',
          phone: expect.stringMatching(/^138\d{8}$/),
          division: '虹星桥镇',
        },
      ]),
    );
  });

  it('knows the party is the obligee in the other case', async () => {
    const r = await view(caseB);
    expect(r.data._entities[0].partyView.mySides).toEqual(['OBLIGEE']);
    expect(r.data._entities[0].partyView.counterparts).toEqual([
      expect.objectContaining({ side: 'OBLIGOR', name: '路人甲' }),
    ]);
  });

  it('refuses the view of a case the party is not in, and to staff', async () => {
    const foreign = await view(caseA, asParty(stranger.id));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(foreign.data)).not.toContain('孙有理');
    const staff = await view(caseA, identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' }));
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknownCase = await view('00000000-0000-4000-8000-000000000000');
    expect(unknownCase.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("never lets a party read the counterpart's record itself", async () => {
    const r = await t.gql(
      `query($id: ID!) { party(id: $id) { name idNumber } }`,
      { id: obligee.id },
      asParty(obligor.id),
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
