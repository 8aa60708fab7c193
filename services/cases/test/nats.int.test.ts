import { randomUUID } from 'node:crypto';
import { createEvent, NatsEventBus, type EventBus, type SubscribeOptions } from '@zhiyuan/events';
import {
  ADMIN,
  createTestDatabase,
  describeWithNats,
  gqlRequest,
  natsUrl,
  silentLogger,
  uniqueService,
  waitFor,
  type TestDatabase,
} from '@zhiyuan/testing';
import { createService, loadCasesConfig } from '../src';
import { PAY, TAKE_IN } from './factories/graphql';
import { GANGKOU, HONGXINGQIAO, judgment, partyEvent, type AnyEvent } from './factories';

/** The shared JetStream holds other runs' history: this test's consumers start from now. */
class FromNow implements EventBus {
  readonly kind = 'nats' as const;
  constructor(
    private readonly bus: EventBus,
    private readonly since: Date,
  ) {}
  start = () => this.bus.start();
  publish: EventBus['publish'] = (subject, event) => this.bus.publish(subject, event);
  subscribe = (o: SubscribeOptions) => this.bus.subscribe({ ...o, startAt: { time: this.since } });
  publishRaw = (subject: string, data: string, msgId?: string) => this.bus.publishRaw(subject, data, msgId);
  provisionDurable = (durable: string, subject: string) => this.bus.provisionDurable(durable, subject);
  healthy = () => this.bus.healthy();
  get stats() {
    return this.bus.stats;
  }
  close = () => this.bus.close();
}

describeWithNats('cases over real NATS JetStream', () => {
  let db: TestDatabase;
  let nats: NatsEventBus;
  let service: ReturnType<typeof createService>;
  const seen: AnyEvent[] = [];
  const eventOf = (type: string, caseId: string) =>
    waitFor(() => seen.find((e) => e.type === type && e.payload.caseId === caseId), {
      what: `${type} for ${caseId}`,
      timeoutMs: 15_000,
    });

  beforeAll(async () => {
    const since = new Date(Date.now() - 1000);
    db = await createTestDatabase('zy_cases_nats');
    nats = new NatsEventBus({ url: natsUrl()!, name: 'cases-nats-test', logger: silentLogger });
    await nats.start();
    const bus = new FromNow(nats, since);
    await bus.subscribe({
      service: uniqueService('cases-observer'),
      subject: 'cases.>',
      handler: async (e) => void seen.push(e as AnyEvent),
    });
    service = createService(
      loadCasesConfig({ DATABASE_URL: db.url, NATS_URL: natsUrl(), PORT: '0' }),
      { bus, logger: silentLogger },
      { serviceName: uniqueService('cases') },
    );
    await service.start();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.close();
    await db?.drop();
  });

  it('routes from a party event, publishes judgment effective and urging started, then closes as PERFORMED_AFTER_URGING on full payment', async () => {
    const obligor = randomUUID();
    const party = partyEvent(obligor, GANGKOU, HONGXINGQIAO);
    await nats.publish(party.type, party);
    await waitFor(
      async () =>
        (await service.runtime.ds.query(`SELECT 1 FROM cases.party_route WHERE party_id = $1`, [obligor])).length > 0,
      { what: 'party projection', timeoutMs: 15_000 },
    );

    const r = await gqlRequest(
      service.url,
      TAKE_IN,
      { input: judgment({ obligorIds: [obligor], principalFen: 250_000, interestFen: 0, costsFen: 0 }) },
      ADMIN,
    );
    expect(r.errors).toBeUndefined();
    const caseId = r.data.takeInJudgment.id;
    const effective = await eventOf('cases.judgment.effective', caseId);
    expect(effective.payload).toMatchObject({
      villageCode: GANGKOU,
      townshipCode: HONGXINGQIAO,
      amountOwedFen: 250_000,
    });
    const urging = await eventOf('cases.urging.started', caseId);
    expect(urging.payload).toMatchObject({ obligorIds: [obligor], villageCode: GANGKOU, amountOwedFen: 250_000 });
    expect(urging.correlationId).toBeDefined();

    const p = await gqlRequest(
      service.url,
      PAY,
      { input: { caseId, amountFen: 250_000, paidOn: '2024-07-01', channel: 'BANK_TRANSFER' } },
      ADMIN,
    );
    expect(p.errors).toBeUndefined();
    const recorded = await eventOf('cases.performance.recorded', caseId);
    expect(recorded.payload).toMatchObject({ amountFen: 250_000, outstandingFen: 0, source: 'URGED' });
    const closed = await eventOf('cases.case.closed', caseId);
    expect(closed.payload).toMatchObject({
      outcome: 'PERFORMED_AFTER_URGING',
      urged: true,
      amountRecoveredFen: 250_000,
      villageCode: GANGKOU,
    });
  });

  it('records a village meeting payment delivered over NATS once, even when redelivered', async () => {
    const obligor = randomUUID();
    const r = await gqlRequest(
      service.url,
      TAKE_IN,
      { input: judgment({ obligorIds: [obligor], principalFen: 1000, interestFen: 0, costsFen: 0 }) },
      ADMIN,
    );
    const caseId = r.data.takeInJudgment.id;
    const meetingId = randomUUID();
    const meeting = createEvent(
      'tasks.meeting.held',
      {
        meetingId,
        villageCode: GANGKOU,
        townshipCode: HONGXINGQIAO,
        heldAt: new Date().toISOString(),
        invited: 1,
        attended: 1,
        paidInFull: 1,
        instalmentPlans: 0,
        outcomes: [{ partyId: obligor, caseId, outcome: 'PAID_IN_FULL', amountFen: 400, instalments: null }],
      },
      { producer: 'tasks', key: meetingId },
    );
    await nats.publish(meeting.type, meeting);
    // The same meeting published again under a new event id must not pay twice either.
    const again = createEvent('tasks.meeting.held', meeting.payload, { producer: 'tasks', key: meetingId });
    await nats.publish(again.type, again);
    const recorded = await eventOf('cases.performance.recorded', caseId);
    expect(recorded.payload).toMatchObject({ amountFen: 400, source: 'MEETING', outstandingFen: 600 });
    await waitFor(
      async () =>
        (await service.runtime.ds.query(`SELECT 1 FROM cases.inbox_message WHERE event_id = $1`, [again.id])).length >
        0,
      { what: 'second meeting event handled', timeoutMs: 15_000 },
    );
    const paid = await service.runtime.ds.query(`SELECT paid_fen FROM cases."case" WHERE id = $1`, [caseId]);
    expect(Number(paid[0].paid_fen)).toBe(400);
  });
});
