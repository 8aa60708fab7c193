import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { addDays, courtDate } from '@zhiyuan/kernel';
import {
  aCase,
  enforcementFiled,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { deliver, startTasks, type Harness } from './factories/service';

const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const ASSIGN = `mutation($id: ID!, $a: ID!) { assignTask(id: $id, assigneeId: $a) { id } }`;
const START = `mutation($id: ID!) { startTask(id: $id) { id } }`;
const COMPLETE = `mutation($i: CompleteTaskInput!) { completeTask(input: $i) { id } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelTask(id: $id, reason: $reason) { id } }`;
const FEEDBACK = `mutation($input: WhereaboutsFeedbackInput!) { submitWhereaboutsFeedback(input: $input) { id } }`;
const PLAN = `mutation($i: ObligorPlanInput!) { saveObligorPlan(input: $i) { approach } }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`;
const OUTCOME = `mutation($input: MeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { id } }`;
const CLOSE = `mutation($id: ID!) { closeMeeting(id: $id) { id } }`;
const CANCEL_MEETING = `mutation($id: ID!) { cancelMeeting(id: $id) { id } }`;
const COME = `mutation($caseId: ID!, $input: ComeForwardInput!) { comeForward(caseId: $caseId, input: $input) { id } }`;
const RESPOND = `mutation($input: RespondToProposalInput!) { respondToProposal(input: $input) { id } }`;
const DECIDE = `mutation($input: DecideProposalInput!) { decideProposal(input: $input) { id } }`;

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

describe('audit entries of tasks updates name the changed fields before and after', () => {
  let h: Harness;
  const officerId = randomUUID();
  const officer = identity(['ENFORCEMENT_OFFICER'], { divisionCode: HONGXINGQIAO, sub: officerId });
  const secretary = staffRegistered({ divisionCode: GANGKOU });
  const cadre = identity(['VILLAGE_CADRE'], { divisionCode: GANGKOU, sub: secretary.key });
  const gql = (query: string, variables: Record<string, unknown>, who = ADMIN) =>
    gqlRequest<any>(h.service.url, query, variables, who);
  const ok = async (query: string, variables: Record<string, unknown>, who = ADMIN) => {
    const r = await gql(query, variables, who);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  /** The audit entries of one mutation about one target, oldest first. */
  const auditOf = async (operation: string, targetId: string) =>
    (
      await h.service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM tasks.outbox_message
          WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'operation' = $1
            AND envelope->'payload'->>'targetId' = $2 ORDER BY seq`,
        [operation, targetId],
      )
    ).map((r: { p: any }) => r.p);
  const changesOf = async (operation: string, targetId: string) => {
    const entries = await auditOf(operation, targetId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ service: 'tasks', outcome: 'OK' });
    return entries[0].changes;
  };

  /** A filed case in 港口村 with its obligor and rights holder registered. */
  async function aFiledCase() {
    const c = aCase();
    await deliver(h, partyRegistered({ partyId: c.obligorIds[0], villageCode: GANGKOU, homeDivisionCode: GANGKOU }));
    await deliver(h, partyRegistered({ partyId: c.obligeeIds[0] }));
    await deliver(h, judgmentEffective(c));
    const filed = enforcementFiled(c, false);
    filed.payload.officerId = officerId;
    await deliver(h, filed);
    return c;
  }

  beforeAll(async () => {
    h = await startTasks();
    await deliver(h, secretary);
    await deliver(
      h,
      staffRegistered({ staffId: officerId, roles: ['ENFORCEMENT_OFFICER'], divisionCode: HONGXINGQIAO }),
    );
  });
  afterAll(() => h.stop());

  it('assigning, starting, completing and cancelling a task', async () => {
    const c = await aFiledCase();
    const input = {
      caseId: c.caseId,
      type: 'INTERVIEW',
      level: 'VILLAGE',
      divisionCode: GANGKOU,
      title: '约谈督促',
      dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    };
    const id = (await ok(CREATE, { input }, officer)).createTask.id;
    await ok(ASSIGN, { id, a: secretary.key }, officer);
    expect(await changesOf('assignTask', id)).toEqual([{ field: 'assigneeId', before: null, after: secretary.key }]);

    await ok(START, { id }, cadre);
    expect(await changesOf('startTask', id)).toEqual([
      { field: 'status', before: 'OPEN', after: 'IN_PROGRESS' },
      { field: 'startedAt', before: null, after: ISO },
    ]);

    await ok(COMPLETE, { i: { id, outcome: 'PARTIAL', summary: '已约谈，承诺月底前履行' } }, cadre);
    expect(await changesOf('completeTask', id)).toEqual([
      { field: 'status', before: 'IN_PROGRESS', after: 'DONE' },
      {
        field: 'result',
        before: null,
        after: { outcome: 'PARTIAL', summary: '已约谈，承诺月底前履行', contactMade: null, formId: null },
      },
      { field: 'completedAt', before: null, after: ISO },
    ]);

    // A refused start of the finished task: an entry without changes.
    expect((await gql(START, { id }, cadre)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const [, refused] = await auditOf('startTask', id);
    expect(refused).toMatchObject({ outcome: 'ERROR', errorCode: 'INVALID_TRANSITION' });
    expect(refused.changes).toBeUndefined();

    const other = (await ok(CREATE, { input: { ...input, title: '送达文书' } }, officer)).createTask.id;
    await ok(CANCEL, { id: other, reason: '已由法院直接送达' }, officer);
    expect(await changesOf('cancelTask', other)).toEqual([
      { field: 'status', before: 'OPEN', after: 'CANCELLED' },
      { field: 'cancelReason', before: null, after: '已由法院直接送达' },
      { field: 'completedAt', before: null, after: ISO },
    ]);
  });

  it('the whereabouts feedback: the task it completes, where the obligor was found masked', async () => {
    const c = await aFiledCase();
    const [locate] = await h.service.runtime.ds.query(
      `SELECT id FROM tasks.task WHERE case_id = $1 AND type = 'LOCATE_PERSON'`,
      [c.caseId],
    );
    const unseen = { seen: false };
    const assets = { realEstate: unseen, vehicles: unseen, deposits: unseen, business: unseen };
    const whereabouts = '在湖州市吴兴区某厂打工';
    const form = (
      await ok(
        FEEDBACK,
        { input: { taskId: locate.id, found: true, whereabouts, contact: '13812345678', assets } },
        cadre,
      )
    ).submitWhereaboutsFeedback.id;
    const [entry] = await auditOf('submitWhereaboutsFeedback', locate.id);
    expect(entry.changes).toEqual([
      { field: 'status', before: 'OPEN', after: 'DONE' },
      {
        field: 'result',
        before: null,
        after: { outcome: 'ACCOMPLISHED', summary: '已找到：在湖****', contactMade: true, formId: form },
      },
      { field: 'completedAt', before: null, after: ISO },
    ]);
    const text = JSON.stringify(entry);
    for (const secret of [whereabouts, '13812345678']) expect(text).not.toContain(secret);
  });

  it('saving an obligor plan: what the first save set, and only what the second changed', async () => {
    const c = await aFiledCase();
    const plan = { partyId: c.obligorIds[0], caseId: c.caseId, approach: '先谈分期', nextSteps: ['联系其子女'] };
    await ok(PLAN, { i: plan }, cadre);
    await ok(PLAN, { i: { ...plan, approach: '家庭困难，先谈分期', ownerId: secretary.key } }, cadre);
    const [first, second] = await auditOf('saveObligorPlan', c.caseId);
    expect(first.changes).toEqual([
      { field: 'caseId', before: null, after: c.caseId },
      { field: 'approach', before: null, after: '先谈分期' },
      { field: 'nextSteps', before: null, after: ['联系其子女'] },
    ]);
    expect(second.changes).toEqual([
      { field: 'approach', before: '先谈分期', after: '家庭困难，先谈分期' },
      { field: 'ownerStaffId', before: null, after: secretary.key },
    ]);
  });

  it('recording an outcome, closing and calling off a meeting', async () => {
    const c = await aFiledCase();
    const input = { villageCode: GANGKOU, title: '港口村集中执行大会', venue: '港口村文化礼堂' };
    const id = (await ok(SCHEDULE, { input: { ...input, scheduledAt: '2030-07-08T01:30:00Z' } }, cadre)).scheduleMeeting
      .id;
    const outcome = { meetingId: id, partyId: c.obligorIds[0], caseId: c.caseId };
    await ok(OUTCOME, { input: { ...outcome, outcome: 'PAID_IN_FULL', amountFen: 1_250_000 } }, cadre);
    await ok(
      OUTCOME,
      { input: { ...outcome, outcome: 'PAID_IN_FULL', amountFen: 1_250_000, note: '当场缴清' } },
      cadre,
    );
    // The outcome's entry names the case it is about.
    const [recorded, noted] = await auditOf('recordMeetingOutcome', c.caseId);
    expect(recorded.changes).toEqual([
      { field: 'attended', before: null, after: true },
      { field: 'outcome', before: null, after: 'PAID_IN_FULL' },
      { field: 'amountFen', before: null, after: 1_250_000 },
    ]);
    expect(noted.changes).toEqual([{ field: 'note', before: null, after: '当场缴清' }]);

    await ok(CLOSE, { id }, cadre);
    expect(await changesOf('closeMeeting', id)).toEqual([
      { field: 'status', before: 'SCHEDULED', after: 'HELD' },
      { field: 'heldAt', before: null, after: ISO },
    ]);

    const next = (await ok(SCHEDULE, { input: { ...input, scheduledAt: '2030-08-08T01:30:00Z' } }, cadre))
      .scheduleMeeting.id;
    await ok(CANCEL_MEETING, { id: next }, cadre);
    expect(await changesOf('cancelMeeting', next)).toEqual([
      { field: 'status', before: 'SCHEDULED', after: 'CANCELLED' },
    ]);
  });

  it("a rights holder's answer and the court's decision on a proposal", async () => {
    const c = await aFiledCase();
    const obligor = identity(['PARTY'], { sub: `party-${c.obligorIds[0]}`, partyId: c.obligorIds[0] });
    const obligee = identity(['PARTY'], { sub: `party-${c.obligeeIds[0]}`, partyId: c.obligeeIds[0] });
    const today = courtDate(new Date());
    const schedule = [
      { dueDate: addDays(today, 10), amountFen: 500_000 },
      { dueDate: addDays(today, 40), amountFen: 750_000 },
    ];
    const p = (
      await ok(
        COME,
        {
          caseId: c.caseId,
          input: { intent: 'PROPOSE_INSTALMENTS', instalments: { schedule, terms: '每月按期支付' } },
        },
        obligor,
      )
    ).comeForward;
    await ok(RESPOND, { input: { proposalId: p.id, answer: 'ACCEPT' } }, obligee);
    const [answered] = await auditOf('respondToProposal', p.id);
    expect(answered.changes).toEqual([
      { field: 'status', before: 'SUBMITTED', after: 'CONSENTED' },
      { field: 'obligeeId', before: null, after: c.obligeeIds[0] },
      { field: 'answer', before: null, after: 'ACCEPT' },
      { field: 'answeredAt', before: null, after: ISO },
      { field: 'expiresAt', before: ISO, after: ISO },
    ]);

    await ok(DECIDE, { input: { proposalId: p.id, decision: 'REJECT', reason: '分期过长' } }, officer);
    const [decided] = await auditOf('decideProposal', p.id);
    expect(decided.changes).toEqual([
      { field: 'status', before: 'CONSENTED', after: 'REJECTED' },
      { field: 'decision', before: null, after: 'REJECT' },
      { field: 'decisionReason', before: null, after: '分期过长' },
      { field: 'decidedBy', before: null, after: officerId },
      { field: 'decidedAt', before: null, after: ISO },
    ]);
  });
});
