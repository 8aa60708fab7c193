import { InProcessEventBus, NatsEventBus, PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { describeWithNats, natsUrl, silentLogger, uniqueService, waitFor } from '@zhiyuan/testing';
import { acknowledgeDeliveredChanges, partnerSubject } from '../src';
import { jetStreamOf } from '../src/schedules/partner-acks';
import { judgmentEffective, performanceRecorded } from './factories/events';
import { registerPerson, startTestService, type TestService } from './factories/service';
import { UniqueConsumersBus } from './factories/unique-consumers-bus';

type Consumer = Awaited<ReturnType<NatsEventBus['clients']['js']['consumers']['get']>>;
type JsMsg = NonNullable<Awaited<ReturnType<Consumer['next']>>>;

describeWithNats('partners acknowledge a credit change by acking its JetStream delivery', () => {
  let nats: NatsEventBus;
  let t: TestService;
  const prefix = uniqueService('partner-acks');
  const durableOf = (department: string) => `${prefix}_${department}`;
  const warnings: { msg: string; data: Record<string, unknown> }[] = [];
  const run = () =>
    acknowledgeDeliveredChanges(t.service.runtime.messaging, nats.clients.jsm, {
      now: new Date(),
      durableOf,
      log: (msg, data) => void warnings.push({ msg, data }),
    });

  beforeAll(async () => {
    nats = new NatsEventBus({ url: natsUrl()!, name: 'people-credit-acks-test', logger: silentLogger });
    await nats.start();
    t = await startTestService({ bus: new UniqueConsumersBus(nats, prefix) });
    for (const d of PARTNER_DEPARTMENTS) {
      if (d === 'ENLISTMENT') continue;
      await nats.provisionDurable(durableOf(d), partnerSubject(d));
    }
    // Not as provisioned: messages given up after 3 deliveries would pass its ack floor unread.
    await nats.clients.jsm.consumers.add('PEOPLE_CREDIT', {
      durable_name: durableOf('ENLISTMENT'),
      filter_subject: partnerSubject('ENLISTMENT'),
      ack_policy: 'explicit' as never,
      deliver_policy: 'all' as never,
      max_deliver: 3,
    });
  });
  afterAll(async () => {
    await t?.stop();
    for (const stream of ['CASES', 'TASKS', 'PEOPLE_CREDIT']) {
      for await (const c of nats.clients.jsm.consumers.list(stream)) {
        if (c.name.startsWith(prefix)) await nats.clients.jsm.consumers.delete(stream, c.name).catch(() => undefined);
      }
    }
    await nats?.close();
  });

  it('the scheduled step finds the JetStream manager behind the service bus, and none behind the in-process bus', () => {
    expect(jetStreamOf(t.service.runtime.bus)).toBe(nats.clients.jsm);
    expect(jetStreamOf(new InProcessEventBus(silentLogger))).toBeNull();
  });

  /** Pulls the department's messages until every wanted change came; acks each unless `hold` says so. */
  async function pull(
    department: string,
    wanted: string[],
    hold: (changeId: string) => boolean = () => false,
  ): Promise<Map<string, JsMsg>> {
    const consumer = await nats.clients.js.consumers.get('PEOPLE_CREDIT', durableOf(department));
    const seen = new Map<string, JsMsg>();
    const deadline = Date.now() + 15_000;
    while (!wanted.every((id) => seen.has(id))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${wanted.join(', ')} on ${department}`);
      const m = await consumer.next({ expires: 1_000 });
      if (!m) continue;
      const changeId = JSON.parse(m.string()).payload.changeId as string;
      seen.set(changeId, m);
      if (!hold(changeId)) await m.ackAck();
    }
    return seen;
  }

  const floorOf = async (department: string) =>
    (await nats.clients.jsm.consumers.info('PEOPLE_CREDIT', durableOf(department))).ack_floor.stream_seq;
  const changesOf = async (partyId: string, department: string) =>
    (await t.service.runtime.ds.query(
      `SELECT id, status, acknowledged_at, acknowledged_by FROM people.credit_link_change WHERE party_id = $1 AND department = $2 ORDER BY changed_at, status DESC`,
      [partyId, department],
    )) as { id: string; status: string; acknowledged_at: Date | null; acknowledged_by: string | null }[];
  const ackEvents = async (partyId: string) =>
    (
      await t.service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM people.outbox_message WHERE type = 'credit.partner.acknowledged' AND envelope->'payload'->>'partyId' = $1`,
        [partyId],
      )
    ).map((r: { p: any }) => r.p);

  it('counts the changes at or below the ack floor, never one acked out of order, once each', async () => {
    const party = await registerPerson(t, { homeDivisionCode: '330522106201' });
    const judgment = judgmentEffective({
      obligorIds: [party.id],
      villageCode: '330522106201',
      townshipCode: '330522106',
    });
    await t.deliver(judgment);
    const listed = await t.gql(`mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, {
      i: { partyId: party.id, caseId: judgment.payload.caseId, ground: 'ABLE_BUT_REFUSES' },
    });
    expect(listed.errors).toBeUndefined();
    await t.deliver(
      performanceRecorded({
        caseId: judgment.payload.caseId,
        obligorIds: [party.id],
        outstandingFen: 0,
        amountFen: 5_000_000,
      }),
    );
    const [restricted, clear] = await changesOf(party.id, 'BANK_LOAN');
    expect([restricted!.status, clear!.status]).toEqual(['RESTRICTED', 'CLEAR']);

    // The bank acks the CLEAR delivery but holds the RESTRICTED one: the floor stays below both.
    const held = await pull('BANK_LOAN', [restricted!.id, clear!.id], (id) => id === restricted!.id);
    const restrictedSeq = held.get(restricted!.id)!.seq;
    const clearSeq = held.get(clear!.id)!.seq;
    expect(restrictedSeq).toBeLessThan(clearSeq);
    expect(await floorOf('BANK_LOAN')).toBeLessThan(restrictedSeq);
    expect(await run()).toBe(0);
    expect((await changesOf(party.id, 'BANK_LOAN')).map((c) => c.acknowledged_at)).toEqual([null, null]);

    // Once it acks the RESTRICTED delivery too, the floor passes both and both count.
    await held.get(restricted!.id)!.ackAck();
    await waitFor(async () => (await floorOf('BANK_LOAN')) >= clearSeq, { what: 'ack floor past the CLEAR change' });
    expect(await run()).toBe(2);
    const after = await changesOf(party.id, 'BANK_LOAN');
    expect(after.map((c) => c.acknowledged_by)).toEqual([
      `jetstream:${durableOf('BANK_LOAN')}`,
      `jetstream:${durableOf('BANK_LOAN')}`,
    ]);
    expect(after.every((c) => c.acknowledged_at !== null)).toBe(true);
    expect((await ackEvents(party.id)).map((e: any) => [e.changeId, e.department]).sort()).toEqual(
      [
        [restricted!.id, 'BANK_LOAN'],
        [clear!.id, 'BANK_LOAN'],
      ].sort(),
    );
    const pending = await t.gql(`{ unacknowledgedCreditChanges(department: BANK_LOAN, first: 500) { nodes { id } } }`);
    expect(pending.data.unacknowledgedCreditChanges.nodes.map((n: { id: string }) => n.id)).not.toContain(
      restricted!.id,
    );

    // A second run changes nothing; departments whose partner did not ack keep their changes open.
    expect(await run()).toBe(0);
    expect(await ackEvents(party.id)).toHaveLength(2);
    expect((await changesOf(party.id, 'PARTY_MEMBERSHIP')).map((c) => c.acknowledged_at)).toEqual([null, null]);

    // A consumer not made as provisioned is not trusted, even with every delivery acked.
    const enlistment = await changesOf(party.id, 'ENLISTMENT');
    await pull(
      'ENLISTMENT',
      enlistment.map((c) => c.id),
    );
    await waitFor(async () => (await floorOf('ENLISTMENT')) > 0, { what: 'enlistment ack floor' });
    expect(await run()).toBe(0);
    expect((await changesOf(party.id, 'ENLISTMENT')).map((c) => c.acknowledged_at)).toEqual([null, null]);
    expect(warnings.some((w) => w.data.durable === durableOf('ENLISTMENT'))).toBe(true);
  });
});
