import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { NatsEventBus, createEvent } from '@zhiyuan/events';
import { natsLiveSource, type LiveMessage } from '@zhiyuan/gateway';
import { buildEvent, silentLogger, waitFor } from '@zhiyuan/testing';
import { startPartnerClient, type CreditLinkChange } from '../../examples/partner-client';

const NATS_SERVER = '/usr/sbin/nats-server';
const root = path.resolve(__dirname, '../..');
const run = existsSync(NATS_SERVER) ? describe : process.env.CI === 'true' ? describe : describe.skip;

/**
 * deploy/nats.conf run by a real nats-server: each service has its own user; a partner department may
 * only pull from and acknowledge its own consumer, may publish nothing else, and receives replies and
 * deliveries only on its own inbox prefix (_INBOX_<user>).
 */
run('NATS accounts of deploy/nats.conf', () => {
  let server: ChildProcess;
  let url: string;
  const passwords = {
    NATS_CASES_PASSWORD: 'c',
    NATS_PEOPLE_CREDIT_PASSWORD: 'pc',
    NATS_TASKS_PASSWORD: 't',
    NATS_METRICS_PASSWORD: 'm',
    NATS_GATEWAY_PASSWORD: 'g',
    NATS_PARTNER_BANK_LOAN_PASSWORD: 'bank',
    NATS_PARTNER_ENLISTMENT_PASSWORD: 'enl',
    NATS_PARTNER_PARTY_MEMBERSHIP_PASSWORD: 'pm',
    NATS_PARTNER_CIVILIZED_HOUSEHOLD_PASSWORD: 'ch',
  };

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nats-accounts-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const conf = readFileSync(path.join(root, 'deploy/nats.conf'), 'utf8')
      .replace(/^port: \d+/m, `port: ${port}`)
      .replace(/^http_port: \d+\n/m, '')
      .replace('store_dir: /data', `store_dir: ${dir}/js`);
    writeFileSync(path.join(dir, 'nats.conf'), conf);
    server = spawn(NATS_SERVER, ['-c', path.join(dir, 'nats.conf'), '-a', '127.0.0.1'], {
      env: { ...process.env, ...passwords },
      stdio: 'ignore',
    });
    url = `nats://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        const nc = await connect({ servers: url, user: 'cases', pass: 'c', timeout: 500 });
        await nc.close();
        return true;
      },
      { timeoutMs: 10_000, what: 'nats-server with deploy/nats.conf' },
    );
  });
  afterAll(() => {
    server?.kill();
  });

  it('refuses a connection without credentials', async () => {
    await expect(connect({ servers: url, timeout: 1_000, maxReconnectAttempts: 0 })).rejects.toThrow(/authorization/i);
  });

  it('lets a partner pull its own changes, and nothing else', async () => {
    const peopleCredit = new NatsEventBus({
      url,
      name: 'people-credit',
      user: 'people-credit',
      pass: 'pc',
      logger: silentLogger,
    });
    await peopleCredit.start();
    await peopleCredit.provisionDurable('partner_BANK_LOAN', 'credit.link.changed.BANK_LOAN');
    await peopleCredit.provisionDurable('partner_ENLISTMENT', 'credit.link.changed.ENLISTMENT');
    const change = (department: 'BANK_LOAN' | 'ENLISTMENT') =>
      createEvent(
        'credit.link.changed',
        {
          changeId: crypto.randomUUID(),
          partyId: crypto.randomUUID(),
          department,
          status: 'RESTRICTED',
          idNumberMasked: '3305221980****1234',
          listingIds: [],
          reason: 'LISTED',
          changedAt: new Date().toISOString(),
        },
        { producer: 'people-credit', key: 'p' },
      );
    const bank = change('BANK_LOAN');
    await peopleCredit.publish('credit.link.changed.BANK_LOAN', bank);
    await peopleCredit.publish('credit.link.changed.ENLISTMENT', change('ENLISTMENT'));

    const got: CreditLinkChange[] = [];
    const client = await startPartnerClient({
      natsUrl: url,
      user: 'partner-bank-loan',
      pass: 'bank',
      department: 'BANK_LOAN',
      durableName: 'partner_BANK_LOAN',
      onChange: (c) => void got.push(c),
      log: () => undefined,
    });
    await waitFor(() => got.some((c) => c.changeId === bank.payload.changeId), {
      what: 'the bank receives its change',
    });
    expect(got.every((c) => c.department === 'BANK_LOAN')).toBe(true);
    await client.stop();

    // Another department's consumer, publishing, and reading the stream around the consumer are refused.
    await expect(
      startPartnerClient({
        natsUrl: url,
        user: 'partner-bank-loan',
        pass: 'bank',
        department: 'ENLISTMENT',
        durableName: 'partner_ENLISTMENT',
        onChange: () => undefined,
        log: () => undefined,
      }).then((c) => c.stop()),
    ).rejects.toThrow();
    const nc: NatsConnection = await connect({ servers: url, user: 'partner-bank-loan', pass: 'bank' });
    await expect(
      nc.jetstream().publish('credit.link.changed.BANK_LOAN', new TextEncoder().encode('{}'), { timeout: 1_000 }),
    ).rejects.toThrow();
    const sub = nc.subscribe('credit.>');
    const subscribed = (async () => {
      for await (const _m of sub) {
        /* no message may arrive */
      }
    })();
    await expect(subscribed).rejects.toThrow(/permissions/i);
    // Nothing the partner tried reached the stream: it still holds the two changes people-credit published.
    const info = await peopleCredit.clients.jsm.streams.info('PEOPLE_CREDIT');
    expect(info.state.messages).toBe(2);
    await nc.close();
    await peopleCredit.close();
  });

  it("gives each partner an inbox of its own: the shared _INBOX.> and another partner's inbox prefix are refused", async () => {
    /**
     * The server's answer to a subscription: its permissions error, or 'allowed'. The server answers a
     * subscription it refuses before the PONG of the next flush, so after it there is nothing to wait for.
     */
    const subscribing = async (nc: NatsConnection, subject: string): Promise<string> => {
      const sub = nc.subscribe(subject);
      const drained = (async () => {
        for await (const _m of sub) {
          /* no message may arrive */
        }
        return 'closed';
      })().catch((err: unknown) => String(err));
      await nc.flush();
      const answer = await Promise.race([drained, new Promise<string>((r) => setImmediate(() => r('allowed')))]);
      sub.unsubscribe();
      return answer;
    };
    const refused = async (nc: NatsConnection, subject: string) =>
      expect({ subject, answer: await subscribing(nc, subject) }).toEqual({
        subject,
        answer: expect.stringMatching(/permissions/i),
      });
    const peopleCredit = new NatsEventBus({
      url,
      name: 'people-credit',
      user: 'people-credit',
      pass: 'pc',
      logger: silentLogger,
    });
    await peopleCredit.start();
    await peopleCredit.provisionDurable('partner_BANK_LOAN', 'credit.link.changed.BANK_LOAN');
    await peopleCredit.provisionDurable('partner_ENLISTMENT', 'credit.link.changed.ENLISTMENT');
    await peopleCredit.close();

    const enlistment = await connect({
      servers: url,
      user: 'partner-enlistment',
      pass: 'enl',
      inboxPrefix: '_INBOX_partner-enlistment',
    });
    await refused(enlistment, '_INBOX.>');
    await refused(enlistment, '_INBOX_partner-bank-loan.>');
    await refused(enlistment, '_INBOX_partner-bank-loan.some-request');
    // Its own prefix is allowed: a request through it (its consumer's info) is answered.
    const info = await (
      await enlistment.jetstreamManager({ checkAPI: false } as never)
    ).consumers.info('PEOPLE_CREDIT', 'partner_ENLISTMENT');
    expect(info.config.filter_subject).toBe('credit.link.changed.ENLISTMENT');
    await enlistment.close();

    // With the client's shared default prefix the partner cannot even read its own consumer.
    await expect(
      startPartnerClient({
        natsUrl: url,
        user: 'partner-bank-loan',
        pass: 'bank',
        inboxPrefix: '_INBOX',
        department: 'BANK_LOAN',
        durableName: 'partner_BANK_LOAN',
        onChange: () => undefined,
        log: () => undefined,
      }).then((c) => c.stop()),
    ).rejects.toThrow();
  });

  it("lets each service run its events through JetStream, and refuses it another's events and a stream's deletion", async () => {
    const bus = (user: string, pass: string) =>
      new NatsEventBus({ url, name: user, user, pass, logger: silentLogger, duplicateWindowMs: 120_000 });
    const services = {
      cases: { bus: bus('cases', 'c'), own: 'cases.case.closed', foreign: 'credit.listing.removed' },
      'people-credit': { bus: bus('people-credit', 'pc'), own: 'credit.listing.removed', foreign: 'cases.case.closed' },
      tasks: { bus: bus('tasks', 't'), own: 'tasks.task.created', foreign: 'cases.performance.recorded' },
      metrics: { bus: bus('metrics', 'm'), own: 'metrics.figures.updated', foreign: 'tasks.task.completed' },
    } as const;
    try {
      for (const s of Object.values(services)) await s.bus.start();
      // Tasks consumes the cases events as it does in production: a durable consumer of its own.
      const heard: string[] = [];
      const sub = await services.tasks.bus.subscribe({
        service: 'tasks',
        subject: 'cases.case.closed',
        name: 'cancel-open-tasks-when-case-closes',
        startAt: 'new',
        handler: async (event) => void heard.push(event.id),
      });
      const closed = buildEvent('cases.case.closed');
      await services.cases.bus.publish('cases.case.closed', closed);
      await waitFor(() => heard.includes(closed.id), { what: 'tasks handles the event cases published' });
      await sub.stop();

      for (const [name, s] of Object.entries(services)) {
        // Its own events go through; another context's are refused by the server.
        await s.bus.publishRaw(s.own, '{}', `own-${name}-${Date.now()}`);
        await expect(s.bus.publishRaw(s.foreign, '{}', `foreign-${name}-${Date.now()}`)).rejects.toThrow();
      }
      const tasks = await connect({ servers: url, user: 'tasks', pass: 't' });
      try {
        const jsm = await tasks.jetstreamManager();
        await expect(jsm.streams.info('CASES')).resolves.toBeTruthy();
        await expect(jsm.streams.delete('CASES')).rejects.toThrow();
        await expect(jsm.streams.purge('CASES')).rejects.toThrow();
        expect((await jsm.streams.info('CASES')).state.messages).toBeGreaterThan(0);
      } finally {
        await tasks.close();
      }
    } finally {
      for (const s of Object.values(services)) await s.bus.close();
    }
  });

  it('lets the gateway hear the domain events for its cache, and publish nothing', async () => {
    const gw = await connect({ servers: url, user: 'gateway', pass: 'g' });
    const heard: string[] = [];
    const sub = gw.subscribe('credit.>', { callback: (_e, m) => void heard.push(m.subject) });
    await gw.flush();
    const cases = await connect({ servers: url, user: 'people-credit', pass: 'pc' });
    cases.publish('credit.listing.removed', new TextEncoder().encode('{}'));
    await cases.flush();
    await waitFor(() => heard.includes('credit.listing.removed'), { what: 'the gateway hears a domain event' });
    sub.unsubscribe();

    // Publishing an event, even through JetStream's API, is refused.
    const errors: string[] = [];
    void (async () => {
      for await (const s of gw.status()) if (s.type === 'error') errors.push(String(s.data));
    })();
    gw.publish('cases.case.closed', new TextEncoder().encode('{}'));
    await expect(
      gw.jetstream().publish('cases.case.closed', new TextEncoder().encode('{}'), { timeout: 1_000 }),
    ).rejects.toThrow();
    await waitFor(() => errors.some((e) => /permissions/i.test(e)), { what: 'a permissions violation reported' });
    await cases.close();
    await gw.close();
  });

  it('lets the gateway follow the domain streams for live subscriptions, and replay them from a sequence', async () => {
    const bus = new NatsEventBus({ url, name: 'cases', user: 'cases', pass: 'c', logger: silentLogger });
    await bus.start();
    const live = natsLiveSource({ url, user: 'gateway', pass: 'g' }, silentLogger);
    const heard: LiveMessage[] = [];
    await live.start((m) => void heard.push(m));
    const caseId = '7f1c7a52-9d0a-4b8e-8d2e-3f7b2a9c1e01';
    const event = createEvent(
      'cases.urging.ended',
      { caseId, reason: 'CANCELLED', endedAt: new Date().toISOString() },
      { producer: 'cases', key: caseId },
    );
    await bus.publish('cases.urging.ended', event);
    const got = await waitFor(() => heard.find((m) => m.event.id === event.id), {
      what: 'the gateway hears the event with its stream sequence',
    });
    expect(got.stream).toBe('CASES');
    const replayed: string[] = [];
    await live.replay('CASES', got.seq - 1, got.seq, (m) => void replayed.push(m.event.id));
    expect(replayed).toEqual([event.id]);
    await live.stop();

    // Ordered consumers only: no durable create API, no filtered create, no delete of anyone's consumer.
    await bus.provisionDurable('live_probe_durable', 'cases.>');
    const gw = await connect({ servers: url, user: 'gateway', pass: 'g', inboxPrefix: '_INBOX_gateway' });
    const refused = (subject: string, body: unknown) =>
      gw.request(subject, new TextEncoder().encode(JSON.stringify(body)), { timeout: 1_000 }).then(
        () => 'answered',
        () => 'refused',
      );
    const config = { ack_policy: 'none', deliver_policy: 'all' };
    expect(
      await refused('$JS.API.CONSUMER.DURABLE.CREATE.CASES.gw_durable', {
        stream_name: 'CASES',
        config: { ...config, durable_name: 'gw_durable' },
      }),
    ).toBe('refused');
    expect(await refused('$JS.API.CONSUMER.CREATE.CASES', { stream_name: 'CASES', config })).toBe('refused');
    expect(
      await refused('$JS.API.CONSUMER.CREATE.CASES.gw_f.cases.case.closed', {
        stream_name: 'CASES',
        config: { ...config, name: 'gw_f', filter_subject: 'cases.case.closed' },
      }),
    ).toBe('refused');
    expect(await refused('$JS.API.CONSUMER.DELETE.CASES.live_probe_durable', {})).toBe('refused');
    const cases = await connect({ servers: url, user: 'cases', pass: 'c' });
    const info = await (await cases.jetstreamManager()).consumers.info('CASES', 'live_probe_durable');
    expect(info.name).toBe('live_probe_durable');
    await cases.close();
    await gw.close();
    await bus.close();
  });
});
