import { remindInstalmentsDueSoon } from '../src';
import type { NoticeOff } from '../src/domain/notices';
import { aCase, caseClosed, type CaseSeed } from './factories/events';
import {
  deliverToAll,
  handlersWithNoticesOff,
  instalmentMissed,
  judgmentOfCourt,
  performanceRecorded,
  republished,
  settlementAgreed,
} from './factories/notices';
import { startTasks, type Harness } from './factories/service';

const CHANGXING = '长兴县人民法院';
const HUZHOU = '湖州市中级人民法院';
/** 10:00 on 1 March 2030 in China: instalments due 1 to 4 March are due within 3 days. */
const NOW = new Date('2030-03-01T02:00:00Z');

describe('the obligor is reminded of an instalment 3 days before it falls due', () => {
  let h: Harness;
  const handlers = handlersWithNoticesOff('');
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);
  const deliver = (e: Parameters<typeof deliverToAll>[2]) => deliverToAll(h, handlers, e);
  const remind = (off: NoticeOff[] = [], now = NOW) => remindInstalmentsDueSoon(h.service.runtime, now, off);
  const reminders = (caseId: string) =>
    q(
      `SELECT recipient_party_id AS "partyId", recipient_role AS role, variables->>'no' AS no, variables->>'amount' AS amount, body FROM tasks.notification WHERE case_id = $1 AND template = 'INSTALMENT_DUE_SOON' ORDER BY 3, 1`,
      [caseId],
    );

  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  async function caseWithPlan(
    court = CHANGXING,
    instalments = [
      { dueDate: '2030-03-02', amountFen: 100_000 },
      { dueDate: '2030-03-04', amountFen: 200_000 },
      { dueDate: '2030-03-20', amountFen: 300_000 },
    ],
  ): Promise<{ c: CaseSeed; plan: ReturnType<typeof settlementAgreed> }> {
    const c = aCase({ obligorIds: [aCase().obligorIds[0]!, aCase().obligorIds[0]!] });
    await deliver(judgmentOfCourt(c, court));
    const plan = settlementAgreed(c, instalments);
    await deliver(plan);
    return { c, plan };
  }

  it('queues one reminder per obligor for each unpaid instalment due within 3 days, once however often it runs', async () => {
    const { c, plan } = await caseWithPlan();
    // Pays the first instalment and half of the second, earliest first.
    await deliver(performanceRecorded(c, { amountFen: 200_000, recordedAt: '2030-02-25T03:00:00.000Z' }));
    // A payment from before the plan was agreed pays none of it.
    await deliver(performanceRecorded(c, { amountFen: 100_000, recordedAt: '2030-02-10T03:00:00.000Z' }));

    await remind();
    await remind();
    await deliver(republished(plan));
    await remind();

    const rows = await reminders(c.caseId);
    expect(
      rows.map((r: { partyId: string; role: string; no: string; amount: string }) => ({
        partyId: r.partyId,
        role: r.role,
        no: r.no,
        amount: r.amount,
      })),
    ).toEqual([...c.obligorIds].sort().map((partyId) => ({ partyId, role: 'OBLIGOR', no: '2', amount: '1000.00' })));
    expect(rows[0].body).toBe(
      `【${CHANGXING}】{name}您好：您的案件（${c.caseNumber}）第2期应履行1000.00元，将于2030年3月4日到期，请按期履行。`,
    );
  });

  it('reminds of a later instalment once it comes within 3 days', async () => {
    const { c } = await caseWithPlan();
    await remind();
    expect((await reminders(c.caseId)).map((r: { no: string }) => r.no)).toEqual(['1', '1', '2', '2']);
    await remind([], new Date('2030-03-17T02:00:00Z'));
    expect((await reminders(c.caseId)).map((r: { no: string }) => r.no)).toEqual(['1', '1', '2', '2', '3', '3']);
  });

  it('does not remind of a paid-up, missed or ended instalment, nor on a closed case', async () => {
    const paid = await caseWithPlan();
    await deliver(performanceRecorded(paid.c, { amountFen: 300_000, recordedAt: '2030-02-26T03:00:00.000Z' }));
    const missed = await caseWithPlan(CHANGXING, [{ dueDate: '2030-03-02', amountFen: 100_000 }]);
    await deliver(
      instalmentMissed(missed.c, missed.plan.payload.settlementId, { instalmentNo: 1, dueDate: '2030-03-02' }),
    );
    const closed = await caseWithPlan();
    await deliver(caseClosed(closed.c, 'SETTLED_AND_PERFORMED'));
    const replaced = await caseWithPlan();
    await deliver(
      settlementAgreed(replaced.c, [{ dueDate: '2030-04-30', amountFen: 600_000 }], {
        agreedAt: '2030-02-28T02:00:00.000Z',
      }),
    );

    // An earlier schedule arriving after the one that replaced it is ended too.
    const late = aCase();
    await deliver(judgmentOfCourt(late, CHANGXING));
    await deliver(
      settlementAgreed(late, [{ dueDate: '2030-04-30', amountFen: 600_000 }], { agreedAt: '2030-02-28T02:00:00.000Z' }),
    );
    await deliver(
      settlementAgreed(late, [{ dueDate: '2030-03-02', amountFen: 600_000 }], { agreedAt: '2030-02-20T02:00:00.000Z' }),
    );

    await remind();
    for (const c of [paid.c, missed.c, closed.c, replaced.c, late]) expect(await reminders(c.caseId)).toEqual([]);
  });

  it('sends nothing where the court switched the reminder off, and reminds once it is switched back on', async () => {
    const off: NoticeOff[] = [{ court: CHANGXING, notice: 'INSTALMENT_DUE_SOON' }];
    const here = await caseWithPlan(CHANGXING);
    const elsewhere = await caseWithPlan(HUZHOU);
    await remind(off);
    expect(await reminders(here.c.caseId)).toEqual([]);
    expect(await reminders(elsewhere.c.caseId)).toHaveLength(4);

    await remind([]);
    expect(await reminders(here.c.caseId)).toHaveLength(4);
  });
});
