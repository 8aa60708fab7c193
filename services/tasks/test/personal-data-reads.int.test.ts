import { randomUUID } from 'node:crypto';
import { gqlRequest, identity } from '@zhiyuan/testing';
import {
  aCase,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  GANGKOU,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const DECLARE = `mutation($i: PropertyDeclarationInput!) { fileDeclaration(input: $i) { id } }`;
const PLAN = `mutation($i: ObligorPlanInput!) { saveObligorPlan(input: $i) { party { id } } }`;
const VISIT = `mutation($i: HomeVisitInput!) { logHomeVisit(input: $i) { id } }`;
const PERSONAL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party {
  declarations { monthlyIncomeFen debtsFen assets { valueFen } again: monthlyIncomeFen }
  plan { approach nextSteps }
  homeVisits { summary }
} } }`;
const NOT_PERSONAL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party {
  declarations { signedOn submittedAt } plan { updatedAt } homeVisits { visitedOn }
} } }`;

/**
 * A party's declared income and assets, the plan for them and the log of visits to their home are
 * personal data: every read of them by someone other than the party is in the audit log (PIPL), once
 * per record type and party in a request.
 */
describe('reads of personal data in forms, plans and visits', () => {
  let h: Harness;
  const secretary = staffRegistered({ divisionCode: GANGKOU });
  const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: secretary.key });
  const c = aCase();
  const obligorId = c.obligorIds[0]!;
  const gql = async (query: string, variables: Record<string, unknown>, who = cadre) => {
    const r = await gqlRequest<any>(h.service.url, query, variables, who);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  /** The UNMASKED_READ entries about the obligor, by operation. */
  const reads = async () =>
    (
      await h.service.runtime.ds.query(
        `SELECT envelope->'payload'->>'operation' AS operation, envelope->'payload'->>'actor' AS actor
           FROM tasks.outbox_message
          WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'action' = 'UNMASKED_READ'
            AND envelope->'payload'->>'targetId' = $1 ORDER BY seq`,
        [obligorId],
      )
    ).map((r: { operation: string; actor: string }) => `${r.operation} by ${r.actor}`);

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, secretary);
    await deliver(h, partyRegistered({ partyId: obligorId, villageCode: GANGKOU, homeDivisionCode: GANGKOU }));
    await deliver(h, judgmentEffective(c));
    await deliver(h, enforcementFiled(c, false));
    const declaration = {
      partyId: obligorId,
      caseId: c.caseId,
      monthlyIncomeFen: 450_000,
      assets: [{ kind: 'VEHICLE', description: '2016 年轿车一辆', valueFen: 3_000_000 }],
      debtsFen: 0,
      dependants: 2,
      signedOn: '2024-07-08',
    };
    await gql(DECLARE, { i: declaration });
    await gql(PLAN, { i: { partyId: obligorId, caseId: c.caseId, approach: '先谈分期', nextSteps: ['联系其子女'] } });
    await gql(VISIT, { i: { partyId: obligorId, visitedOn: '2024-07-09', summary: '本人在家，态度良好' } });
  });
  afterAll(() => h.stop());

  it('records each kind read, once per request, with who read it', async () => {
    const before = await reads();
    expect(before).toEqual([]);
    const read = await gql(PERSONAL, { r: [{ __typename: 'Party', id: obligorId }] });
    expect(read._entities[0]).toMatchObject({
      declarations: [{ monthlyIncomeFen: 450_000, again: 450_000, assets: [{ valueFen: 3_000_000 }] }],
      plan: { approach: '先谈分期', nextSteps: ['联系其子女'] },
      homeVisits: [{ summary: '本人在家，态度良好' }],
    });
    expect((await reads()).sort()).toEqual(
      ['HomeVisit', 'ObligorPlan', 'PropertyDeclaration'].map((o) => `${o} by ${secretary.key}`),
    );
    // A second request is a second read.
    await gql(PERSONAL, { r: [{ __typename: 'Party', id: obligorId }] });
    expect(await reads()).toHaveLength(6);
  });

  it('records nothing for what is not personal: dates only', async () => {
    const before = (await reads()).length;
    const read = await gql(NOT_PERSONAL, { r: [{ __typename: 'Party', id: obligorId }] });
    expect(read._entities[0].declarations).toHaveLength(1);
    expect(await reads()).toHaveLength(before);
  });

  it('records nothing when the party reads its own declaration', async () => {
    const before = (await reads()).length;
    const party = identity(['PARTY'], { sub: `party-${randomUUID()}`, partyId: obligorId });
    const r = await gqlRequest<any>(
      h.service.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { declarations { monthlyIncomeFen } } } }`,
      { r: [{ __typename: 'Party', id: obligorId }] },
      party,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data._entities[0].declarations).toEqual([{ monthlyIncomeFen: 450_000 }]);
    expect(await reads()).toHaveLength(before);
  });
});
