import { randomUUID } from 'node:crypto';
import { NatsEventBus } from '@zhiyuan/events';
import {
  TEST_INTERNAL_SECRET,
  describeWithNats,
  identity,
  natsUrl,
  silentLogger,
  uniqueService,
  waitFor,
} from '@zhiyuan/testing';
import {
  devPartnerHeaders,
  graphAcknowledger,
  startPartnerClient,
  type CreditLinkChange,
  type PartnerClient,
} from '../../../examples/partner-client';
import { judgmentEffective, performanceRecorded } from './factories/events';
import { registerPerson, startTestService, type TestService } from './factories/service';
import { UniqueConsumersBus } from './factories/unique-consumers-bus';

const BOARD = `query($code: ID!) { exposureBoard(divisionCode: $code) { nodes { listingId idNumberMasked } } }`;

describeWithNats('credit flow over NATS JetStream, with the example partner client', () => {
  let nats: NatsEventBus;
  let t: TestService;
  const clients: PartnerClient[] = [];
  const started = new Date(Date.now() - 1_000);
  const serviceName = uniqueService('people-credit');
  const durables: string[] = [];
  const track = (name: string) => {
    durables.push(name);
    return name;
  };

  /** Removes this test's durable consumers from the shared server. */
  async function deleteDurables(): Promise<void> {
    const { jsm } = nats.clients;
    for (const stream of ['CASES', 'TASKS', 'PEOPLE_CREDIT']) {
      for await (const c of jsm.consumers.list(stream)) {
        if (c.name.startsWith(serviceName) || durables.includes(c.name))
          await jsm.consumers.delete(stream, c.name).catch(() => undefined);
      }
    }
  }

  beforeAll(async () => {
    nats = new NatsEventBus({ url: natsUrl()!, name: 'people-credit-test', logger: silentLogger });
    await nats.start();
    t = await startTestService({ bus: new UniqueConsumersBus(nats, serviceName) });
  });
  afterAll(async () => {
    for (const c of clients) await c.stop();
    await t.stop();
    await deleteDurables();
    await nats.close();
  });

  it('case performed → listing removed → board entry gone → every link cleared → partner receives and acknowledges the change', async () => {
    const received: { change: CreditLinkChange; sequence: number }[] = [];
    const client = await startPartnerClient({
      natsUrl: natsUrl()!,
      department: 'BANK_LOAN',
      durableName: track(uniqueService('bank-partner')),
      startAt: { time: started },
      acknowledge: graphAcknowledger(t.service.url, devPartnerHeaders('BANK_LOAN', TEST_INTERNAL_SECRET)),
      onChange: (change, meta) => void received.push({ change, sequence: meta.sequence }),
      log: () => undefined,
    });
    clients.push(client);

    const party = await registerPerson(t, { name: '联动变更人', homeDivisionCode: '330522106201' });
    const judgment = judgmentEffective({
      obligorIds: [party.id],
      villageCode: '330522106201',
      townshipCode: '330522106',
    });
    await nats.publish('cases.judgment.effective', judgment);
    const caseId = judgment.payload.caseId;

    // The projection arrives through JetStream; listing needs it.
    const listing = await waitFor(
      async () => {
        const r = await t.gql(`mutation($i: ListDishonestObligorInput!) { listDishonestObligor(input: $i) { id } }`, {
          i: { partyId: party.id, caseId, ground: 'ABLE_BUT_REFUSES' },
        });
        return r.errors ? undefined : (r.data.listDishonestObligor.id as string);
      },
      { timeoutMs: 15_000, what: 'the case projection from cases.judgment.effective' },
    );
    const restricted = await waitFor(
      () => received.find((r) => r.change.partyId === party.id && r.change.status === 'RESTRICTED'),
      { timeoutMs: 15_000, what: 'the RESTRICTED change at the partner' },
    );
    expect(restricted.change).toMatchObject({
      department: 'BANK_LOAN',
      listingIds: [listing],
      idNumberMasked: `${party.idNumber.slice(0, 10)}****${party.idNumber.slice(14)}`,
    });
    expect(JSON.stringify(restricted.change)).not.toContain(party.idNumber);
    // What the stream carries for the partner: version 2, the masked number, no name.
    const onStream = await nats.clients.jsm.streams.getMessage('PEOPLE_CREDIT', { seq: restricted.sequence });
    const published = onStream.json<{ version: number; payload: Record<string, unknown> }>();
    expect(published.version).toBe(2);
    expect(published.payload).not.toHaveProperty('name');
    expect(new TextDecoder().decode(onStream.data)).not.toContain('联动变更人');

    const paidAt = Date.now();
    await nats.publish(
      'cases.performance.recorded',
      performanceRecorded({ caseId, obligorIds: [party.id], outstandingFen: 0, amountFen: 5_000_000 }),
    );

    await waitFor(
      async () =>
        (await t.gql(`query($id: ID!) { listing(id: $id) { status } }`, { id: listing })).data.listing.status ===
        'REMOVED',
      { timeoutMs: 10_000, what: 'listing removed' },
    );
    const board = await t.gql(BOARD, { code: '330522106201' }, identity([]));
    expect(board.data.exposureBoard.nodes.map((n: { listingId: string }) => n.listingId)).not.toContain(listing);
    const links = await t.gql(`query($id: ID!) { party(id: $id) { creditLinks { department status } } }`, {
      id: party.id,
    });
    expect(links.data.party.creditLinks.map((l: { status: string }) => l.status)).toEqual([
      'CLEAR',
      'CLEAR',
      'CLEAR',
      'CLEAR',
    ]);

    const clear = await waitFor(
      () => received.find((r) => r.change.partyId === party.id && r.change.status === 'CLEAR'),
      { timeoutMs: 10_000, what: 'the CLEAR change at the partner' },
    );
    expect(clear.change.reason).toBe('REMOVED:FULL_PERFORMANCE');
    expect(Date.now() - paidAt).toBeLessThan(10_000);

    // Acknowledged through the graph: nothing of this party is left unacknowledged for the bank.
    await waitFor(
      async () => {
        const rows = await t.service.runtime.ds.query(
          `SELECT count(*)::int AS n FROM people.credit_link_change WHERE party_id = $1 AND department = 'BANK_LOAN' AND acknowledged_at IS NULL`,
          [party.id],
        );
        return rows[0].n === 0;
      },
      { what: 'acknowledgements recorded' },
    );
    const acks = await t.service.runtime.ds.query(
      `SELECT count(*)::int AS n FROM people.outbox_message WHERE type = 'credit.partner.acknowledged' AND envelope->'payload'->>'partyId' = $1`,
      [party.id],
    );
    expect(acks[0].n).toBe(2);

    // Replay from a sequence with a new durable consumer: both changes come again, in order.
    const replayed: CreditLinkChange[] = [];
    clients.push(
      await startPartnerClient({
        natsUrl: natsUrl()!,
        department: 'BANK_LOAN',
        durableName: track(uniqueService('bank-replay')),
        startAt: { sequence: restricted.sequence },
        onChange: (change) => void replayed.push(change),
        log: () => undefined,
      }),
    );
    await waitFor(() => replayed.filter((c) => c.partyId === party.id).length === 2, {
      timeoutMs: 10_000,
      what: 'replayed changes',
    });
    expect(replayed.filter((c) => c.partyId === party.id).map((c) => c.status)).toEqual(['RESTRICTED', 'CLEAR']);
    expect(JSON.stringify([received, replayed])).not.toContain('联动变更人');
  });

  it('a version-1 change still in the stream reaches the partner without its name; a newer version than it knows is left unacknowledged', async () => {
    const department = 'ENLISTMENT';
    const subject = `credit.link.changed.${department}`;
    const envelope = (version: number, payload: Record<string, unknown>) => {
      const id = randomUUID();
      return {
        id,
        data: JSON.stringify({
          id,
          type: 'credit.link.changed',
          version,
          occurredAt: new Date().toISOString(),
          producer: 'people-credit',
          correlationId: id,
          causationId: null,
          key: payload.partyId,
          payload,
        }),
      };
    };
    const change = (changeId: string) => ({
      changeId,
      partyId: randomUUID(),
      department,
      status: 'RESTRICTED',
      idNumberMasked: '3305221980****1234',
      listingIds: [],
      reason: 'LISTED:ABLE_BUT_REFUSES',
      changedAt: new Date().toISOString(),
    });
    const v1 = change(randomUUID());
    const v3 = change(randomUUID());
    const since = new Date(Date.now() - 1_000);
    for (const e of [envelope(1, { ...v1, name: '旧版姓名' }), envelope(3, { ...v3, name: '新版姓名' })])
      await nats.publishRaw(subject, e.data, e.id);

    const got: CreditLinkChange[] = [];
    const logged: string[] = [];
    const durable = track(uniqueService('enlistment-versions'));
    clients.push(
      await startPartnerClient({
        natsUrl: natsUrl()!,
        department,
        durableName: durable,
        startAt: { time: since },
        onChange: (c) => void got.push(c),
        log: (m) => void logged.push(m),
      }),
    );

    await waitFor(() => got.some((c) => c.changeId === v1.changeId), {
      timeoutMs: 10_000,
      what: 'the version-1 change at the partner',
    });
    expect(got.find((c) => c.changeId === v1.changeId)).toEqual(v1);
    await waitFor(() => logged.some((m) => m.includes('version 3 is newer than this client knows')), {
      timeoutMs: 10_000,
      what: 'the version-3 change refused',
    });
    expect(got.some((c) => c.changeId === v3.changeId)).toBe(false);
    expect(JSON.stringify(got)).not.toContain('姓名');
    const info = await nats.clients.jsm.consumers.info('PEOPLE_CREDIT', durable);
    expect(info.num_ack_pending + info.num_pending).toBeGreaterThanOrEqual(1);
  });
});
