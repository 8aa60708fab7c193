import type { EventEnvelope } from '@zhiyuan/events';
import { sendDueNotifications } from '../src';
import { CASE_STEP_NOTICES, type CaseStepNotice } from '../src/domain/notices';
import { aCase, caseClosed, enforcementFiled, partyRegistered, type CaseSeed } from './factories/events';
import {
  deliverToAll,
  handlersWithNoticesOff,
  instalmentMissed,
  judgmentOfCourt,
  listingAdded,
  listingRemoved,
  performanceRecorded,
  republished,
  settlementAgreed,
} from './factories/notices';
import { RecordingSmsProvider, startTasks, type Harness } from './factories/service';

const CHANGXING = '长兴县人民法院';
const HUZHOU = '湖州市中级人民法院';

type Recipients = 'obligors' | 'rights holders' | 'both parties' | 'the listed obligor';

interface Step {
  notice: CaseStepNotice;
  to: Recipients;
  event: (c: CaseSeed) => EventEnvelope<any>;
}

/** Every case-step notice: the event that causes it and who hears of it. */
const STEPS: Step[] = [
  { notice: 'ENFORCEMENT_FILED_OBLIGOR', to: 'obligors', event: (c) => enforcementFiled(c) },
  { notice: 'ENFORCEMENT_FILED_OBLIGEE', to: 'rights holders', event: (c) => enforcementFiled(c) },
  { notice: 'PAYMENT_RECORDED', to: 'rights holders', event: (c) => performanceRecorded(c) },
  { notice: 'INSTALMENT_MISSED', to: 'obligors', event: (c) => instalmentMissed(c) },
  {
    notice: 'SETTLEMENT_AGREED',
    to: 'both parties',
    event: (c) => settlementAgreed(c, [{ dueDate: '2030-03-20', amountFen: 500_000 }]),
  },
  { notice: 'LISTING_ADDED', to: 'the listed obligor', event: (c) => listingAdded(c) },
  { notice: 'LISTING_REMOVED', to: 'the listed obligor', event: (c) => listingRemoved(c) },
  { notice: 'CASE_CLOSED', to: 'both parties', event: (c) => caseClosed(c, 'COMPLETED') },
];

describe('the parties hear of every step of their case', () => {
  let h: Harness;
  const allOn = handlersWithNoticesOff('');
  const offInChangxing = handlersWithNoticesOff(CASE_STEP_NOTICES.map((n) => `${CHANGXING}:${n}`).join(','));
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  /** A case with two obligors and one rights holder, known here through its judgment. */
  async function knownCase(court: string): Promise<CaseSeed> {
    const c = aCase({ obligorIds: [aCase().obligorIds[0]!, aCase().obligorIds[0]!] });
    await deliverToAll(h, allOn, judgmentOfCourt(c, court));
    return c;
  }

  const queued = (caseId: string, template: string) =>
    q(
      `SELECT recipient_role AS role, recipient_party_id AS "partyId", status, body FROM tasks.notification WHERE case_id = $1 AND template = $2 ORDER BY recipient_role, recipient_party_id`,
      [caseId, template],
    );

  function recipientsOf(c: CaseSeed, to: Recipients) {
    const obligors = to === 'the listed obligor' ? [c.obligorIds[0]!] : to === 'rights holders' ? [] : c.obligorIds;
    const obligees = to === 'rights holders' || to === 'both parties' ? c.obligeeIds : [];
    const rows = [
      ...obligees.map((partyId) => ({ role: 'OBLIGEE', partyId })),
      ...obligors.map((partyId) => ({ role: 'OBLIGOR', partyId })),
    ];
    return rows.sort((a, b) => a.role.localeCompare(b.role) || a.partyId.localeCompare(b.partyId));
  }

  it.each(STEPS)(
    '$notice: queued once to $to, not again on redelivery or a re-published event',
    async ({ notice, to, event }) => {
      const c = await knownCase(CHANGXING);
      const e = event(c);
      expect(await deliverToAll(h, allOn, e)).toBeGreaterThan(0);
      await deliverToAll(h, allOn, e);
      await deliverToAll(h, allOn, republished(e));

      const rows = await queued(c.caseId, notice);
      expect(rows.map((r: { role: string; partyId: string }) => ({ role: r.role, partyId: r.partyId }))).toEqual(
        recipientsOf(c, to),
      );
      for (const r of rows) {
        expect(r.status).toBe('QUEUED');
        expect(r.body).toMatch(new RegExp(`^【${CHANGXING}】`));
        expect(r.body).toContain(`（${c.caseNumber}）`);
      }
    },
  );

  it.each(STEPS)(
    '$notice: nothing when switched off for the case’s court, sent for another court',
    async ({ notice, event }) => {
      const off = await knownCase(CHANGXING);
      await deliverToAll(h, offInChangxing, event(off));
      expect(await queued(off.caseId, notice)).toEqual([]);

      const elsewhere = await knownCase(HUZHOU);
      await deliverToAll(h, offInChangxing, event(elsewhere));
      expect((await queued(elsewhere.caseId, notice)).length).toBeGreaterThan(0);
    },
  );

  it('switches a notice off for every court with a bare entry', async () => {
    const handlers = handlersWithNoticesOff('PAYMENT_RECORDED');
    for (const court of [CHANGXING, HUZHOU]) {
      const c = await knownCase(court);
      await deliverToAll(h, handlers, performanceRecorded(c));
      expect(await queued(c.caseId, 'PAYMENT_RECORDED')).toEqual([]);
    }
  });

  it('sends the payment notice to the rights holder’s phone from the party directory, with the amounts in yuan', async () => {
    const c = await knownCase(CHANGXING);
    const obligee = partyRegistered({ partyId: c.obligeeIds[0], name: '李四', phone: '13911112222' });
    await deliverToAll(h, allOn, obligee);
    await deliverToAll(
      h,
      allOn,
      performanceRecorded(c, {
        amountFen: 300_050,
        totalPaidFen: 500_050,
        outstandingFen: 749_950,
        paidOn: '2030-02-25',
      }),
    );

    const sms = new RecordingSmsProvider();
    await sendDueNotifications(h.service.runtime, sms, new Date(), {
      maxAttempts: 5,
      retryBaseMs: 1_000,
      batchSize: 10_000,
    });
    const mine = sms.calls.filter((s) => s.template === 'PAYMENT_RECORDED' && s.phone === '13911112222');
    expect(mine.map((s) => s.body)).toEqual([
      `【${CHANGXING}】李四您好：案件（${c.caseNumber}）已登记义务人于2030年2月25日履行3000.50元，累计已履行5000.50元，尚余7499.50元未履行。`,
    ]);
  });

  it('tells nobody of a missed instalment once the case has closed', async () => {
    const c = await knownCase(CHANGXING);
    await deliverToAll(h, allOn, caseClosed(c, 'EXITED'));
    await deliverToAll(h, allOn, instalmentMissed(c));
    expect(await queued(c.caseId, 'INSTALMENT_MISSED')).toEqual([]);
  });

  it('tells a case closed again after it was restored once more (each closing is its own step)', async () => {
    const c = await knownCase(CHANGXING);
    const first = caseClosed(c, 'TERMINATED_THIS_ROUND');
    await deliverToAll(h, allOn, first);
    const again = caseClosed(c, 'COMPLETED');
    again.payload.closedAt = new Date(Date.parse(first.payload.closedAt) + 86_400_000).toISOString();
    await deliverToAll(h, allOn, again);
    const bodies = (await queued(c.caseId, 'CASE_CLOSED')).map((r: { body: string }) => r.body);
    expect(bodies.filter((b: string) => b.includes('终结本次执行程序'))).toHaveLength(3);
    expect(bodies.filter((b: string) => b.includes('执行完毕'))).toHaveLength(3);
  });
});
