import { randomUUID } from 'node:crypto';
import { createEvent, type EventEnvelope } from '@zhiyuan/events';
import { ADMIN, gqlRequest, waitFor } from '@zhiyuan/testing';
import { intakeJudgments } from '../src/commands/shared/intake';
import { settingsFrom } from '../src/config';
import { loadCasesConfig } from '../src';
import { CHANGE, FILE, GET, PAY, TAKE_IN } from './factories/graphql';
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

describe('routing to village, township and the township officer', () => {
  let h: Harness;
  const gql = (query: string, variables: Record<string, unknown> = {}) => gqlRequest(h.url, query, variables, ADMIN);
  const officerH = randomUUID();
  const officerP = randomUUID();

  beforeAll(async () => {
    h = await startCases();
    await h.deliver(staffEvent(officerH, HONGXINGQIAO, { occurredAt: new Date('2024-01-01T00:00:00Z') }));
    await h.deliver(staffEvent(officerP, HEPING));
    // A village cadre is never a township officer.
    await h.deliver(staffEvent(randomUUID(), GANGKOU, { roles: ['VILLAGE_CADRE'] }));
  });
  afterAll(() => h.stop());

  const takeIn = async (obligorIds: string[]) => {
    const r = await gql(TAKE_IN, { input: judgment({ obligorIds }) });
    expect(r.errors).toBeUndefined();
    return r.data.takeInJudgment;
  };
  const file = async (id: string) =>
    (await gql(FILE, { input: { caseId: id, enforcementNumber: enforcementNumber() } })).data.fileEnforcement;

  it('accepts a judgment whose obligor is not known yet and routes it when the party arrives', async () => {
    const party = randomUUID();
    const c = await takeIn([party, randomUUID()]);
    expect(c).toMatchObject({ village: null, township: null });
    expect((await h.outbox('cases.judgment.effective', c.id))[0].payload).toMatchObject({
      villageCode: null,
      townshipCode: null,
    });
    await h.deliver(partyEvent(party, BAISHUI, HONGXINGQIAO));
    const got = (await gql(GET, { id: c.id })).data.case;
    expect(got).toMatchObject({ village: { code: BAISHUI }, township: { code: HONGXINGQIAO } });
    expect(got.timeline.map((t: { kind: string }) => t.kind)).toContain('REROUTED');
    expect((await h.outbox('cases.case.rerouted', c.id))[0].payload).toMatchObject({
      partyId: party,
      villageCode: BAISHUI,
      previousVillageCode: null,
    });
  });

  it("routes a judgment taken in while its party's registration is being applied", async () => {
    const party = randomUUID();
    const ds = h.service.runtime.ds;
    const settings = settingsFrom(loadCasesConfig({ DATABASE_URL: h.db.url, PORT: '0' }));
    // The intake's transaction stays open while the registration arrives.
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    const row = judgment({ obligorIds: [party] });
    const { inserted } = await intakeJudgments(qr.manager, [row], settings, 'test', new Date());
    expect(inserted).toHaveLength(1);
    const delivered = h.deliver(partyEvent(party, BAISHUI, HONGXINGQIAO));
    // Either the handler has written the route (and looked for the party's cases before this intake
    // committed), or it waits for this intake: only then does the intake commit.
    await waitFor(
      async () => {
        const [{ routed, waiting }] = await ds.query(
          `SELECT EXISTS (SELECT 1 FROM cases.party_route WHERE party_id = $1) AS routed,
                EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted) AS waiting`,
          [party],
        );
        return routed || waiting;
      },
      { what: 'the registration to be applied or to wait' },
    );
    await qr.commitTransaction();
    await qr.release();
    await delivered;
    const got = (await gql(GET, { id: inserted[0]!.id })).data.case;
    expect(got).toMatchObject({ village: { code: BAISHUI }, township: { code: HONGXINGQIAO } });
  });

  it('routes by the first obligor only', async () => {
    const primary = randomUUID();
    const second = randomUUID();
    await h.deliver(partyEvent(primary, GANGKOU, HONGXINGQIAO));
    await h.deliver(partyEvent(second, FANGJIAZHUANG, HEPING));
    const c = await takeIn([primary, second]);
    expect(c).toMatchObject({ village: { code: GANGKOU }, primaryObligor: { id: primary } });
  });

  it('moves open cases with their obligor, hands filed ones to the new township officer, and leaves closed cases', async () => {
    const party = randomUUID();
    await h.deliver(partyEvent(party, GANGKOU, HONGXINGQIAO));
    const open = await takeIn([party]);
    const filed = await file((await takeIn([party])).id);
    expect(filed.enforcementOfficer).toEqual({ id: officerH });
    const closed = await takeIn([party]);
    await gql(PAY, { input: { caseId: closed.id, amountFen: 1_060_000, paidOn: '2024-07-01', channel: 'CASH' } });

    await h.deliver(partyEvent(party, FANGJIAZHUANG, HEPING, 'people.party.updated'));
    expect((await gql(GET, { id: open.id })).data.case).toMatchObject({
      village: { code: FANGJIAZHUANG },
      township: { code: HEPING },
    });
    const moved = (await gql(GET, { id: filed.id })).data.case;
    expect(moved).toMatchObject({ village: { code: FANGJIAZHUANG }, enforcementOfficer: { id: officerP } });
    expect(moved.timeline.map((t: { kind: string }) => t.kind).slice(-2)).toEqual(['REROUTED', 'OFFICER_ASSIGNED']);
    expect((await h.outbox('cases.officer.assigned', filed.id))[0].payload).toMatchObject({
      officerId: officerP,
      previousOfficerId: officerH,
      townshipCode: HEPING,
    });
    expect((await gql(GET, { id: closed.id })).data.case).toMatchObject({ village: { code: GANGKOU } });
  });

  it('ignores a party event older than the route it already has', async () => {
    const party = randomUUID();
    await h.deliver(
      partyEvent(party, GANGKOU, HONGXINGQIAO, 'people.party.registered', new Date('2024-05-01T00:00:00Z')),
    );
    const c = await takeIn([party]);
    await h.deliver(partyEvent(party, FANGJIAZHUANG, HEPING, 'people.party.updated', new Date('2024-04-01T00:00:00Z')));
    expect((await gql(GET, { id: c.id })).data.case.village).toEqual({ code: GANGKOU });
  });

  it('gives unassigned filed cases to a township officer who arrives, and hands them on when the officer leaves', async () => {
    const township = '330522107';
    const village = '330522107201';
    const party = randomUUID();
    await h.deliver(partyEvent(party, village, township));
    const c = await file((await takeIn([party])).id);
    expect(c.enforcementOfficer).toBeNull();
    const first = randomUUID();
    const second = randomUUID();
    await h.deliver(staffEvent(first, township, { occurredAt: new Date('2024-01-01T00:00:00Z') }));
    expect((await gql(GET, { id: c.id })).data.case.enforcementOfficer).toEqual({ id: first });
    await h.deliver(staffEvent(second, township, { occurredAt: new Date('2024-02-01T00:00:00Z') }));
    expect((await gql(GET, { id: c.id })).data.case.enforcementOfficer).toEqual({ id: first });
    await h.deliver(staffEvent(first, township, { active: false, type: 'people.staff.updated' }));
    expect((await gql(GET, { id: c.id })).data.case.enforcementOfficer).toEqual({ id: second });
  });

  it('reassigns an officer by hand, only to an active enforcement officer', async () => {
    const party = randomUUID();
    await h.deliver(partyEvent(party, GANGKOU, HONGXINGQIAO));
    const c = await file((await takeIn([party])).id);
    const REASSIGN = `mutation($c: ID!, $o: ID!) { reassignOfficer(caseId: $c, officerId: $o, reason: "conflict of interest") { enforcementOfficer { id } } }`;
    expect((await gql(REASSIGN, { c: c.id, o: randomUUID() })).errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'officer-unknown',
    });
    const r = await gql(REASSIGN, { c: c.id, o: officerP });
    expect(r.data.reassignOfficer.enforcementOfficer).toEqual({ id: officerP });
  });

  describe('payments made at village meetings', () => {
    const meeting = (caseId: string, partyId: string, amountFen: number, meetingId = randomUUID()) =>
      createEvent(
        'tasks.meeting.held',
        {
          meetingId,
          villageCode: GANGKOU,
          townshipCode: HONGXINGQIAO,
          heldAt: '2024-07-08T02:00:00Z',
          invited: 9,
          attended: 7,
          paidInFull: 1,
          instalmentPlans: 0,
          outcomes: [
            { partyId, caseId, outcome: 'PAID_IN_FULL', amountFen, instalments: null },
            { partyId: randomUUID(), caseId: randomUUID(), outcome: 'ABSENT', amountFen: null, instalments: null },
          ],
        },
        { producer: 'tasks', key: meetingId },
      ) as EventEnvelope;

    it('records a MEETING payment once, however often the meeting is delivered or republished', async () => {
      const party = randomUUID();
      const c = await file((await takeIn([party])).id);
      await gql(CHANGE, { caseId: c.id, to: 'IN_PROGRESS', reason: 'start' });
      const event = meeting(c.id, party, 1_060_000);
      await h.deliver(event);
      await h.bus.publish(event.type, event);
      const republished = createEvent('tasks.meeting.held', event.payload as never, {
        producer: 'tasks',
        key: 'x',
      }) as EventEnvelope;
      await h.deliver(republished);
      const got = (await gql(GET, { id: c.id })).data.case;
      expect(got).toMatchObject({
        state: 'COMPLETED',
        outcome: 'COMPLETED',
        paidFen: 1_060_000,
        performances: [{ amountFen: 1_060_000, source: 'MEETING' }],
      });
      expect(await h.outbox('cases.performance.recorded', c.id)).toHaveLength(1);
    });

    it('turns an instalment plan agreed at the meeting into the case plan once, in progress or in urging, and notes one it cannot apply', async () => {
      const party = randomUUID();
      const c = await file((await takeIn([party])).id);
      await gql(CHANGE, { caseId: c.id, to: 'IN_PROGRESS', reason: 'start' });
      const due = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
      const meetingId = randomUUID();
      const held = (caseId: string) =>
        createEvent(
          'tasks.meeting.held',
          {
            meetingId,
            villageCode: GANGKOU,
            townshipCode: HONGXINGQIAO,
            heldAt: new Date().toISOString(),
            invited: 1,
            attended: 1,
            paidInFull: 0,
            instalmentPlans: 1,
            outcomes: [
              {
                partyId: party,
                caseId,
                outcome: 'INSTALMENT_AGREED',
                amountFen: null,
                instalments: [
                  { dueDate: due(30), amountFen: 500_000 },
                  { dueDate: due(60), amountFen: 560_000 },
                ],
              },
            ],
          },
          { producer: 'tasks', key: meetingId },
        ) as EventEnvelope;
      await h.deliver(held(c.id));
      await h.deliver(held(c.id));
      const got = await gql(
        `query($id: ID!) { case(id: $id) { state settlements { kind totalFen instalments { amountFen } } } }`,
        { id: c.id },
      );
      expect(got.data.case).toEqual({
        state: 'SETTLED',
        settlements: [
          {
            kind: 'INSTALMENT_PLAN',
            totalFen: 1_060_000,
            instalments: [{ amountFen: 500_000 }, { amountFen: 560_000 }],
          },
        ],
      });
      // A plan agreed at the meeting during urging becomes the plan too (the case stays in urging).
      const urging = await takeIn([party]);
      await h.deliver(held(urging.id));
      expect((await gql(GET, { id: urging.id })).data.case).toMatchObject({
        state: 'URGING',
        timeline: expect.arrayContaining([expect.objectContaining({ kind: 'SETTLEMENT_AGREED' })]),
      });
      const closed = await takeIn([party]);
      await gql(PAY, { input: { caseId: closed.id, amountFen: 1_060_000, paidOn: '2024-07-01', channel: 'CASH' } });
      await h.deliver(held(closed.id));
      expect((await gql(GET, { id: closed.id })).data.case.timeline.at(-1)).toMatchObject({
        kind: 'SETTLEMENT_REFUSED',
      });
    });

    it('notes a meeting payment larger than the balance on the timeline instead of recording it', async () => {
      const party = randomUUID();
      const c = await takeIn([party]);
      await h.deliver(meeting(c.id, party, 9_999_999));
      const got = (await gql(GET, { id: c.id })).data.case;
      expect(got.paidFen).toBe(0);
      expect(got.timeline.at(-1)).toMatchObject({ kind: 'PAYMENT_REFUSED' });
    });
  });
});
