import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { TAKE_IN } from './factories/graphql';
import { GANGKOU, HONGXINGQIAO, judgment, partyEvent, startCases, type Harness } from './factories';

const ME_CASES = `query($r: [_Any!]!, $role: CasePartyRole) { _entities(representations: $r) {
  ... on Me { partyId cases(role: $role, first: 10) { nodes { id caseNumber state amountOwedFen } } } } }`;

describe("a party's own cases (Me.cases)", () => {
  let h: Harness;
  const me = randomUUID();
  const other = randomUUID();
  const asParty = (id: string) => identity(['PARTY'], { sub: id, partyId: id });
  const meCases = (partyId: string, who = asParty(me), role = 'ANY') =>
    gqlRequest(h.url, ME_CASES, { r: [{ __typename: 'Me', partyId }], role }, who);
  let owes: string;
  let owed: string;

  beforeAll(async () => {
    h = await startCases();
    for (const id of [me, other]) await h.deliver(partyEvent(id, GANGKOU, HONGXINGQIAO));
    const take = async (obligorIds: string[], obligeeIds: string[]) => {
      const r = await gqlRequest(h.url, TAKE_IN, { input: judgment({ obligorIds, obligeeIds }) }, ADMIN);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data.takeInJudgment.id as string;
    };
    owes = await take([me], [other]);
    owed = await take([other], [me]);
    await take([other], [randomUUID()]);
  });
  afterAll(async () => h.stop());

  it('lists the cases the party is in, on either side, and filters by side', async () => {
    const all = await meCases(me);
    expect(all.errors).toBeUndefined();
    expect(all.data._entities[0].cases.nodes.map((c: { id: string }) => c.id).sort()).toEqual([owes, owed].sort());
    const asObligor = await meCases(me, asParty(me), 'OBLIGOR');
    expect(asObligor.data._entities[0].cases.nodes.map((c: { id: string }) => c.id)).toEqual([owes]);
    const asObligee = await meCases(me, asParty(me), 'OBLIGEE');
    expect(asObligee.data._entities[0].cases.nodes.map((c: { id: string }) => c.id)).toEqual([owed]);
  });

  it("refuses another party's Me, and a caller who is no party", async () => {
    const theirs = await meCases(other, asParty(me));
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(theirs.data?._entities?.[0] ?? null).toBeNull();
    const admin = await meCases(me, ADMIN);
    expect(admin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
