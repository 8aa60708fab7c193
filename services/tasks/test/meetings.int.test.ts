import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import {
  aCase,
  caseClosed,
  judgmentEffective,
  partyRegistered,
  BAISHUI,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id status village { code } invitees { party { id } partyName case { id } } figures { invited attended } } }`;
const OUTCOME = `mutation($input: MeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { id } }`;
const CLOSE = `mutation($id: ID!) { closeMeeting(id: $id) { id status heldAt figures { invited attended paidInFull instalmentPlans amountPaidFen } invitees { party { id } outcome attended amountFen instalments { dueDate amountFen } } } }`;

describe('village enforcement meeting, end to end', () => {
  let h: Harness;
  const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: randomUUID() });
  const otherCadre = identity(['VILLAGE_CADRE'], { divisionCode: BAISHUI, sub: randomUUID() });
  const gql = (query: string, variables: Record<string, unknown>, who = cadre) =>
    gqlRequest(h.service.url, query, variables, who);
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  it('invites every obligor with an open case in the village, records outcomes and publishes tasks.meeting.held', async () => {
    // Five open cases in 港口村 (one obligor with two cases), one closed, one in another village.
    const cases = [aCase(), aCase(), aCase(), aCase()];
    const twice = aCase({ obligorIds: [cases[0]!.obligorIds[0]!] });
    const closed = aCase();
    const elsewhere = aCase({ villageCode: BAISHUI });
    for (const c of [...cases, twice, closed, elsewhere]) {
      await deliver(
        h,
        partyRegistered({ partyId: c.obligorIds[0], villageCode: c.villageCode, homeDivisionCode: c.villageCode! }),
      );
      await deliver(h, judgmentEffective(c));
    }
    await deliver(h, caseClosed(closed));

    const s = await gql(SCHEDULE, {
      input: {
        villageCode: GANGKOU,
        title: '港口村集中执行大会',
        venue: '港口村文化礼堂',
        scheduledAt: '2030-07-08T01:30:00Z',
      },
    });
    expect(s.errors).toBeUndefined();
    const meeting = s.data.scheduleMeeting;
    const invitedCases = meeting.invitees.map((i: { case: { id: string } }) => i.case.id).sort();
    expect(invitedCases).toEqual([...cases, twice].map((c) => c.caseId).sort());
    expect(meeting.figures).toEqual({ invited: 4, attended: 0 });
    expect(meeting.invitees.every((i: { partyName: string }) => i.partyName.startsWith('张'))).toBe(true);
    // One invitation SMS per person, not per case.
    const [{ n: invitations }] = await q(
      `SELECT count(*)::int AS n FROM tasks.notification WHERE template = 'MEETING_INVITATION'`,
    );
    expect(invitations).toBe(4);

    // Someone not invited (the closed case's obligor): refused, nothing written.
    const notInvited = await gql(OUTCOME, {
      input: {
        meetingId: meeting.id,
        partyId: closed.obligorIds[0],
        caseId: closed.caseId,
        outcome: 'PAID_IN_FULL',
        amountFen: 100,
      },
    });
    expect(notInvited.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'MEETING_INVITEES_ONLY' });
    // PAID_IN_FULL without an amount: a validation error naming the field.
    const noAmount = await gql(OUTCOME, {
      input: {
        meetingId: meeting.id,
        partyId: cases[0]!.obligorIds[0],
        caseId: cases[0]!.caseId,
        outcome: 'PAID_IN_FULL',
      },
    });
    expect(noAmount.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amountFen' });
    // A cadre of another village cannot record here.
    const foreign = await gql(
      OUTCOME,
      {
        input: {
          meetingId: meeting.id,
          partyId: cases[1]!.obligorIds[0],
          caseId: cases[1]!.caseId,
          outcome: 'REFUSED',
        },
      },
      otherCadre,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [{ n: recorded }] = await q(`SELECT count(*)::int AS n FROM tasks.meeting_invitee WHERE outcome IS NOT NULL`);
    expect(recorded).toBe(0);

    const record = (c: (typeof cases)[number], outcome: string, extra = {}) =>
      gql(OUTCOME, { input: { meetingId: meeting.id, partyId: c.obligorIds[0], caseId: c.caseId, outcome, ...extra } });
    expect((await record(cases[0]!, 'PAID_IN_FULL', { amountFen: 1_250_000 })).errors).toBeUndefined();
    expect((await record(twice, 'DECLARATION_FILED')).errors).toBeUndefined();
    expect(
      (
        await record(cases[1]!, 'INSTALMENT_AGREED', {
          instalments: [
            { dueDate: '2030-08-08', amountFen: 500_000 },
            { dueDate: '2030-09-08', amountFen: 750_000 },
          ],
        })
      ).errors,
    ).toBeUndefined();
    expect((await record(cases[2]!, 'REFUSED')).errors).toBeUndefined();
    // cases[3] records nothing: ABSENT when the meeting closes.

    const closedMeeting = await gql(CLOSE, { id: meeting.id });
    expect(closedMeeting.errors).toBeUndefined();
    expect(closedMeeting.data.closeMeeting.figures).toEqual({
      invited: 4,
      attended: 3,
      paidInFull: 1,
      instalmentPlans: 1,
      amountPaidFen: 1_250_000,
    });

    const held = await q(`SELECT envelope FROM tasks.outbox_message WHERE type = 'tasks.meeting.held' AND key = $1`, [
      meeting.id,
    ]);
    expect(held).toHaveLength(1);
    const p = held[0].envelope.payload;
    expect(p).toMatchObject({
      meetingId: meeting.id,
      villageCode: GANGKOU,
      townshipCode: HONGXINGQIAO,
      invited: 4,
      attended: 3,
      paidInFull: 1,
      instalmentPlans: 1,
    });
    const byCase = Object.fromEntries(p.outcomes.map((o: { caseId: string }) => [o.caseId, o]));
    expect(byCase[cases[0]!.caseId]).toEqual({
      partyId: cases[0]!.obligorIds[0],
      caseId: cases[0]!.caseId,
      outcome: 'PAID_IN_FULL',
      amountFen: 1_250_000,
      instalments: null,
    });
    expect(byCase[cases[1]!.caseId].instalments).toEqual([
      { dueDate: '2030-08-08', amountFen: 500_000 },
      { dueDate: '2030-09-08', amountFen: 750_000 },
    ]);
    expect(byCase[cases[3]!.caseId].outcome).toBe('ABSENT');

    // Closing twice is an invalid transition and publishes nothing more.
    const again = await gql(CLOSE, { id: meeting.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const late = await record(cases[3]!, 'PAID_IN_FULL', { amountFen: 1 });
    expect(late.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(await q(`SELECT id FROM tasks.outbox_message WHERE type = 'tasks.meeting.held'`)).toHaveLength(1);
  });

  it('lists the meetings of a village for its cadre and refuses a cadre of another village', async () => {
    const list = `query($v: ID!) { meetings(villageCode: $v, first: 10) { edges { node { id status } } pageInfo { hasNextPage } } }`;
    const mine = await gql(list, { v: GANGKOU });
    expect(mine.errors).toBeUndefined();
    expect(mine.data.meetings.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(['HELD']);
    const foreign = await gql(list, { v: GANGKOU }, otherCadre);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(list, { v: GANGKOU }, identity([]));
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(list, { v: GANGKOU }, ADMIN)).data.meetings.edges).toHaveLength(1);
  });

  it('drops a closed case from a meeting not yet held', async () => {
    const c = aCase({ villageCode: BAISHUI });
    await deliver(h, judgmentEffective(c));
    const s = await gql(
      SCHEDULE,
      {
        input: {
          villageCode: BAISHUI,
          title: '白水村集中执行大会',
          venue: '白水村村委会',
          scheduledAt: '2030-07-09T01:30:00Z',
        },
      },
      otherCadre,
    );
    const ids = s.data.scheduleMeeting.invitees.map((i: { case: { id: string } }) => i.case.id);
    expect(ids).toContain(c.caseId);
    await deliver(h, caseClosed(c));
    const m = await gql(
      `query($id: ID!) { meeting(id: $id) { invitees { case { id } } } }`,
      { id: s.data.scheduleMeeting.id },
      otherCadre,
    );
    expect(m.data.meeting.invitees.map((i: { case: { id: string } }) => i.case.id)).not.toContain(c.caseId);

    // Called off: no longer open to outcomes or closing.
    const CANCEL = `mutation($id: ID!) { cancelMeeting(id: $id) { status } }`;
    expect((await gql(CANCEL, { id: s.data.scheduleMeeting.id }, cadre)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(CANCEL, { id: s.data.scheduleMeeting.id }, otherCadre)).data.cancelMeeting.status).toBe(
      'CANCELLED',
    );
    expect((await gql(CLOSE, { id: s.data.scheduleMeeting.id }, otherCadre)).errors?.[0]?.extensions?.code).toBe(
      'INVALID_TRANSITION',
    );
  });
});
