import { randomUUID } from 'node:crypto';
import { NatsEventBus, subjectFor, type EventEnvelope } from '@zhiyuan/events';
import { describeWithNats, natsUrl, silentLogger, uniqueService, waitFor } from '@zhiyuan/testing';
import { sendDueNotifications } from '../src';
import {
  aCase,
  judgmentEffective,
  partyRegistered,
  staffRegistered,
  urgingStarted,
  GANGKOU,
  HONGXINGQIAO,
} from './factories/events';
import { isolatedBus, RecordingSmsProvider, startTasks, type Harness } from './factories/service';

describeWithNats('urging over real NATS JetStream', () => {
  let h: Harness;
  let raw: NatsEventBus;
  const sms = new RecordingSmsProvider();

  beforeAll(async () => {
    raw = new NatsEventBus({ url: natsUrl()!, name: 'tasks-urging-test', logger: silentLogger });
    await raw.start();
    h = await startTasks({ bus: isolatedBus(raw, uniqueService('tasks')), smsProvider: sms });
  });
  afterAll(async () => {
    await h?.stop();
    await raw?.close();
  });

  /** Publishes an envelope; a second call with the same envelope is a redelivery (same event id, new message id). */
  const publish = (e: EventEnvelope<any>) =>
    raw.publishRaw(subjectFor(e.type as never, e.payload as never), JSON.stringify(e), randomUUID());
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  it('sends the urging SMS, the feedback SMS and opens the follow-up call exactly once, even when delivered twice', async () => {
    const c = aCase();
    const obligor = partyRegistered({ partyId: c.obligorIds[0] });
    const obligee = partyRegistered({
      partyId: c.obligeeIds[0],
      homeDivisionCode: '330522106201',
      villageCode: '330522106201',
      townshipCode: '330522106',
    });
    const secretary = staffRegistered({ divisionCode: GANGKOU });
    const liaison = staffRegistered({ roles: ['TOWNSHIP_LIAISON'], divisionCode: HONGXINGQIAO });
    for (const e of [obligor, obligee, secretary, liaison]) await publish(e);
    await waitFor(
      async () =>
        (
          await q(`SELECT count(*)::int AS n FROM tasks.staff_ref WHERE staff_id = ANY($1)`, [
            [secretary.key, liaison.key],
          ])
        )[0].n === 2,
      { what: 'staff directory' },
    );
    await waitFor(
      async () =>
        (
          await q(`SELECT count(*)::int AS n FROM tasks.party_ref WHERE party_id = ANY($1)`, [
            [obligor.key, obligee.key],
          ])
        )[0].n === 2,
      { what: 'party directory' },
    );

    const judgment = judgmentEffective(c);
    const urging = urgingStarted(c);
    for (const e of [judgment, urging, judgment, urging]) await publish(e);

    // Both copies of the urging event are handled (inbox sees the second one) before we count.
    await waitFor(
      async () =>
        (await q(`SELECT count(*)::int AS n FROM tasks.inbox_message WHERE event_id = $1`, [urging.id]))[0].n === 1 &&
        raw.stats.handled >= 8,
      { what: `urging handled twice (handled ${raw.stats.handled})`, timeoutMs: 15_000 },
    );
    const notices = await q(
      `SELECT template, recipient_role, recipient_party_id, recipient_staff_id FROM tasks.notification WHERE case_id = $1 ORDER BY template, recipient_role`,
      [c.caseId],
    );
    expect(notices).toEqual([
      {
        template: 'URGING_FEEDBACK_OBLIGEE',
        recipient_role: 'OBLIGEE',
        recipient_party_id: obligee.key,
        recipient_staff_id: null,
      },
      {
        template: 'URGING_FEEDBACK_VILLAGE_TEAM',
        recipient_role: 'TOWNSHIP_LIAISON',
        recipient_party_id: null,
        recipient_staff_id: liaison.key,
      },
      {
        template: 'URGING_FEEDBACK_VILLAGE_TEAM',
        recipient_role: 'VILLAGE_SECRETARY',
        recipient_party_id: null,
        recipient_staff_id: secretary.key,
      },
      {
        template: 'URGING_NOTICE',
        recipient_role: 'OBLIGOR',
        recipient_party_id: obligor.key,
        recipient_staff_id: null,
      },
    ]);
    const tasks = await q(
      `SELECT type, level, division_code, assignee_id, obligor_id, status FROM tasks.task WHERE case_id = $1`,
      [c.caseId],
    );
    expect(tasks).toEqual([
      {
        type: 'FOLLOW_UP_CALL',
        level: 'VILLAGE',
        division_code: GANGKOU,
        assignee_id: secretary.key,
        obligor_id: obligor.key,
        status: 'OPEN',
      },
    ]);

    // The sender sends each one once, to the phones from the people projection.
    const report = await sendDueNotifications(h.service.runtime, sms, new Date(), {
      maxAttempts: 3,
      retryBaseMs: 1000,
      batchSize: 50,
    });
    expect(report).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(
      await sendDueNotifications(h.service.runtime, sms, new Date(), {
        maxAttempts: 3,
        retryBaseMs: 1000,
        batchSize: 50,
      }),
    ).toEqual({ sent: 0, retried: 0, failed: 0 });
    const phones = sms.calls.map((m) => m.phone).sort();
    expect(phones).toEqual(
      [obligor.payload.phone, obligee.payload.phone, secretary.payload.phone, liaison.payload.phone].sort(),
    );
    const urgingSms = sms.calls.find((m) => m.phone === obligor.payload.phone)!;
    expect(urgingSms.body).toContain(obligor.payload.name);
    expect(urgingSms.body).toContain('执前督促');
    expect(urgingSms.body).toContain('12500.00元');

    // tasks.task.created and tasks.notification.sent reach JetStream through the outbox.
    await waitFor(
      async () =>
        (await q(`SELECT count(*)::int AS n FROM tasks.outbox_message WHERE published_at IS NULL`))[0].n === 0,
      { what: 'outbox drained' },
    );
    const outbox = await q(
      `SELECT type, count(*)::int AS n FROM tasks.outbox_message WHERE key = $1 GROUP BY type ORDER BY type`,
      [c.caseId],
    );
    expect(outbox).toEqual([
      { type: 'tasks.notification.sent', n: 4 },
      { type: 'tasks.task.created', n: 1 },
    ]);
  });
});
