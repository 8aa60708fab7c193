import { randomUUID } from 'node:crypto';
import { waitFor } from '@zhiyuan/testing';
import { sendDueNotifications } from '../src';
import { aCase, partyRegistered, urgingStarted } from './factories/events';
import { deliver, RecordingSmsProvider, startTasks, type Harness } from './factories/service';

describe('SMS sender: outbox-backed ledger with retries', () => {
  let h: Harness;
  const opts = { maxAttempts: 3, retryBaseMs: 60_000, batchSize: 50 };
  const q = (sql: string, params: unknown[] = []) => h.service.runtime.ds.query(sql, params);

  beforeAll(async () => {
    h = await startTasks();
  });
  afterAll(() => h.stop());

  async function urgedCase() {
    const c = aCase({ villageCode: null, townshipCode: null, obligeeIds: [] as string[] });
    c.obligeeIds = [randomUUID()];
    await deliver(h, partyRegistered({ partyId: c.obligorIds[0] }));
    await deliver(h, urgingStarted(c));
    const [n] = await q(`SELECT id FROM tasks.notification WHERE case_id = $1 AND recipient_role = 'OBLIGOR'`, [
      c.caseId,
    ]);
    return { c, id: n.id as string };
  }
  const row = async (id: string) =>
    (
      await q(
        `SELECT status, attempts, next_attempt_at, last_error, failed_at, sent_at FROM tasks.notification WHERE id = $1`,
        [id],
      )
    )[0];

  it('retries a provider failure with backoff and marks the SMS FAILED after the last attempt, never sending it again', async () => {
    const { id } = await urgedCase();
    const sms = new RecordingSmsProvider();
    sms.failing = true;
    const t0 = new Date(Date.now() + 1000);

    await sendDueNotifications(h.service.runtime, sms, t0, opts);
    let r = await row(id);
    expect(r).toMatchObject({ status: 'QUEUED', attempts: 1, last_error: 'gateway unavailable' });
    expect(new Date(r.next_attempt_at).getTime()).toBe(t0.getTime() + 60_000);

    // Not due yet: nothing is attempted.
    await sendDueNotifications(h.service.runtime, sms, new Date(t0.getTime() + 59_000), opts);
    expect(sms.calls.filter((m) => m.id === id)).toHaveLength(1);

    // Second attempt after 60 s, third after a further 120 s (backoff doubles).
    await sendDueNotifications(h.service.runtime, sms, new Date(t0.getTime() + 60_000), opts);
    r = await row(id);
    expect(r).toMatchObject({ status: 'QUEUED', attempts: 2 });
    expect(new Date(r.next_attempt_at).getTime()).toBe(t0.getTime() + 60_000 + 120_000);
    await sendDueNotifications(h.service.runtime, sms, new Date(t0.getTime() + 180_000), opts);
    r = await row(id);
    expect(r).toMatchObject({ status: 'FAILED', attempts: 3, last_error: 'gateway unavailable' });
    expect(r.failed_at).not.toBeNull();

    // Even with the provider back, a FAILED SMS is not sent again.
    sms.failing = false;
    await sendDueNotifications(h.service.runtime, sms, new Date(t0.getTime() + 10 * 3_600_000), opts);
    expect(sms.calls.filter((m) => m.id === id)).toHaveLength(3);
    expect(sms.calls.every((m) => m.id !== id || m.body.includes('执前督促'))).toBe(true);
    const [failedEvent] = await q(
      `SELECT envelope FROM tasks.outbox_message WHERE type = 'tasks.notification.sent' AND envelope->'payload'->>'notificationId' = $1`,
      [id],
    );
    expect(failedEvent.envelope.payload).toMatchObject({
      status: 'FAILED',
      template: 'URGING_NOTICE',
      recipientRole: 'OBLIGOR',
    });
  });

  it('recovers after a transient failure and sends exactly once', async () => {
    const { id } = await urgedCase();
    const sms = new RecordingSmsProvider();
    sms.failing = true;
    const t0 = new Date(Date.now() + 1000);
    await sendDueNotifications(h.service.runtime, sms, t0, opts);
    sms.failing = false;
    await sendDueNotifications(h.service.runtime, sms, new Date(t0.getTime() + 60_000), opts);
    await sendDueNotifications(h.service.runtime, sms, new Date(t0.getTime() + 600_000), opts);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
    expect(sms.calls.filter((m) => m.id === id)).toHaveLength(2);
    const events = await q(
      `SELECT envelope FROM tasks.outbox_message WHERE type = 'tasks.notification.sent' AND envelope->'payload'->>'notificationId' = $1`,
      [id],
    );
    expect(events.map((e: { envelope: { payload: { status: string } } }) => e.envelope.payload.status)).toEqual([
      'SENT',
    ]);
  });

  it('never sends one SMS twice when two senders run at the same time', async () => {
    const { id } = await urgedCase();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = new RecordingSmsProvider();
    const original = slow.send.bind(slow);
    let sending = 0;
    slow.send = async (m) => {
      sending++;
      await gate;
      return original(m);
    };
    const now = new Date(Date.now() + 1000);
    let settled = 0;
    const run = () => sendDueNotifications(h.service.runtime, slow, now, opts).finally(() => settled++);
    const a = run();
    const b = run();
    // One sender holds the row (and waits in the provider); the other has passed it by and finished.
    await waitFor(() => sending >= 1 && settled >= 1, { what: 'one sender in the provider, the other done' });
    release();
    await Promise.all([a, b]);
    expect(slow.calls.filter((m) => m.id === id)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('waits for a phone number that is not known yet, counting the attempt', async () => {
    const c = aCase({ villageCode: null, townshipCode: null });
    await deliver(h, urgingStarted(c));
    const [n] = await q(`SELECT id FROM tasks.notification WHERE case_id = $1 AND recipient_role = 'OBLIGOR'`, [
      c.caseId,
    ]);
    const sms = new RecordingSmsProvider();
    const now = new Date(Date.now() + 1000);
    await sendDueNotifications(h.service.runtime, sms, now, opts);
    expect(await row(n.id)).toMatchObject({
      status: 'QUEUED',
      attempts: 1,
      last_error: 'the recipient is not known yet',
    });
    await deliver(h, partyRegistered({ partyId: c.obligorIds[0] }));
    await sendDueNotifications(h.service.runtime, sms, new Date(now.getTime() + 60_000), opts);
    expect(await row(n.id)).toMatchObject({ status: 'SENT', attempts: 2 });
  });
});

describe('SMS sender and overdue sweep scheduled by the service', () => {
  it('sends queued SMS on its own once the service runs its schedulers', async () => {
    const sms = new RecordingSmsProvider();
    const h = await startTasks({
      smsProvider: sms,
      env: { TASK_SCHEDULERS_ENABLED: 'true', SMS_SEND_INTERVAL_MS: '50', TASK_SWEEP_INTERVAL_MS: '50' },
    });
    try {
      const c = aCase({ villageCode: null, townshipCode: null });
      await deliver(h, partyRegistered({ partyId: c.obligorIds[0] }));
      await deliver(h, urgingStarted(c));
      await waitFor(() => sms.calls.some((m) => m.body.includes('执前督促')), {
        what: 'the urging SMS sent by the scheduler',
      });
    } finally {
      await h.stop();
    }
  });
});
