import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN, gqlRequest, waitFor, waitForHandled } from '@zhiyuan/testing';
import { event, partyRegistered, GANGKOU } from '@zhiyuan/tasks/test/factories/events';
import { useE2eStack } from './support/e2e';

/**
 * With all four subgraphs running on one bus: a judgment taken in by cases reaches the tasks
 * invitation list, the meeting's PAID_IN_FULL outcome comes back to cases as one payment, and a
 * re-published `tasks.meeting.held` pays nothing more.
 */
describe('meeting payment recorded on the case (all subgraphs)', () => {
  const e2e = useE2eStack({ name: 'tasks_e2e', seed: false });

  const cases = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.stack.services.cases.url, query, variables, ADMIN);
  const tasks = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(e2e.stack.services.tasks.url, query, variables, ADMIN);

  it('records the on-site payment on the case exactly once', async () => {
    const obligor = partyRegistered({ villageCode: GANGKOU, homeDivisionCode: GANGKOU });
    await e2e.stack.bus!.publish('people.party.registered', obligor);
    await e2e.stack.bus!.publish('people.party.registered', partyRegistered());

    const taken = await waitFor(
      async () => {
        const r = await cases(
          `mutation($input: JudgmentInput!) { takeInJudgment(input: $input) { id amountOwedFen village { code } } }`,
          {
            input: {
              caseNumber: `(2024)浙0522民初${Math.floor(Math.random() * 90000) + 10000}号`,
              court: '长兴县人民法院',
              causeCode: 'PRIVATE_LENDING',
              judgeId: randomUUID(),
              effectiveDate: '2024-06-01',
              performanceDeadline: '2024-06-16',
              obligorIds: [obligor.key],
              obligeeIds: [randomUUID()],
              principalFen: 1_000_000,
            },
          },
        );
        return r.data?.takeInJudgment?.village?.code === GANGKOU
          ? r.data.takeInJudgment
          : r.errors
            ? Promise.reject(new Error(JSON.stringify(r.errors)))
            : undefined;
      },
      { what: 'judgment taken in with its routing' },
    );

    const meeting = await waitFor(
      async () => {
        const s = await tasks(
          `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id invitees { case { id } } } }`,
          {
            input: {
              villageCode: GANGKOU,
              title: '港口村集中执行大会',
              venue: '港口村文化礼堂',
              scheduledAt: new Date().toISOString(),
            },
          },
        );
        const m = s.data?.scheduleMeeting;
        return m?.invitees.some((i: { case: { id: string } }) => i.case.id === taken.id) ? m : undefined;
      },
      { what: 'the case on the invitation list' },
    );

    const out = await tasks(`mutation($input: MeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { id } }`, {
      input: {
        meetingId: meeting.id,
        partyId: obligor.key,
        caseId: taken.id,
        outcome: 'PAID_IN_FULL',
        amountFen: taken.amountOwedFen,
      },
    });
    expect(out.errors).toBeUndefined();
    expect(
      (await tasks(`mutation($id: ID!) { closeMeeting(id: $id) { status } }`, { id: meeting.id })).data.closeMeeting
        .status,
    ).toBe('HELD');

    const GET = `query($id: ID!) { case(id: $id) { paidFen outstandingFen performances { amountFen source } } }`;
    const paid = await waitFor(
      async () => {
        const r = await cases(GET, { id: taken.id });
        // The case and its performances are two reads; wait until both show the payment.
        return r.data?.case?.paidFen > 0 && r.data.case.performances.length ? r.data.case : undefined;
      },
      { what: 'the meeting payment on the case' },
    );
    expect(paid).toMatchObject({
      paidFen: taken.amountOwedFen,
      outstandingFen: 0,
      performances: [{ amountFen: taken.amountOwedFen, source: 'MEETING' }],
    });

    // The same meeting published again (a new event id, as after a replay): still one payment.
    const again = event(
      'tasks.meeting.held',
      {
        meetingId: meeting.id,
        villageCode: GANGKOU,
        townshipCode: GANGKOU.slice(0, 9),
        heldAt: new Date().toISOString(),
        invited: 1,
        attended: 1,
        paidInFull: 1,
        instalmentPlans: 0,
        outcomes: [
          {
            partyId: obligor.key,
            caseId: taken.id,
            outcome: 'PAID_IN_FULL',
            amountFen: taken.amountOwedFen,
            instalments: null,
          },
        ],
      },
      meeting.id,
    );
    await e2e.stack.bus!.publish('tasks.meeting.held', again);
    // Cases has taken it in (its inbox holds the id) before the case is read again.
    const pg = new Client({ connectionString: e2e.db.url });
    await pg.connect();
    try {
      await waitForHandled(pg, 'cases', [again]);
    } finally {
      await pg.end();
    }
    expect((await cases(GET, { id: taken.id })).data.case.performances).toHaveLength(1);
  });
});
