import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { durableName } from '@zhiyuan/events';
import { DEMO_ROLES, DEV_JWT_SECRET, issueToken } from '@zhiyuan/gateway';
import { residentIdNumber } from '@zhiyuan/testing';
import { startCluster, type Cluster } from '../src/cluster';

/** Payments streamed through the gateways' balancer, and how many are sent at once. */
const PAYMENTS = 240;
const IN_FLIGHT = 4;
const AMOUNT_FEN = 100;
/** Attempts of one payment (same Idempotency-Key) before the test gives up on it, and the wait between them. */
const ATTEMPTS = 40;
const RETRY_MS = 250;
/**
 * The error budget: attempts answered with an error (a cut connection, a 502 from a balancer, a
 * subgraph fetch that failed in a gateway) while a process dies. Each is retried with its key, so
 * none may be lost or doubled; there may be at most this many, and no stretch longer than
 * MAX_GAP_MS without an accepted payment.
 */
const MAX_FAILED_ATTEMPTS = 40;
const MAX_GAP_MS = 20_000;

interface Timing {
  accepted: number;
  failedAttempts: number;
  longestGapMs: number;
  errors: Record<string, number>;
}

const today = () => new Date().toISOString().slice(0, 10);

async function post(url: string, query: string, variables: object, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, ...body };
}

/** Streams PAYMENTS payments, IN_FLIGHT at a time, each with a key of its own; `at[n]` runs when the n-th is accepted. */
async function streamPayments(
  graphql: string,
  headers: Record<string, string>,
  caseId: string,
  at: Record<number, () => Promise<void>>,
): Promise<{ timing: Timing; performanceIds: string[] }> {
  const timing: Timing = { accepted: 0, failedAttempts: 0, longestGapMs: 0, errors: {} };
  const performanceIds: string[] = [];
  let lastAccepted = Date.now();
  let next = 0;
  const failures: Promise<void>[] = [];
  const pay = async (key: string) => {
    for (let attempt = 1; ; attempt++) {
      const r = await post(
        graphql,
        `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { performance { id } } }`,
        { i: { caseId, amountFen: AMOUNT_FEN, paidOn: today(), channel: 'BANK_TRANSFER' } },
        { ...headers, 'idempotency-key': key },
      ).catch((err: Error) => ({ status: 0, data: undefined, errors: [{ extensions: { code: err.name } }] }));
      const id = r.data?.recordPayment?.performance?.id as string | undefined;
      if (id && !r.errors?.length) return id;
      timing.failedAttempts++;
      const code = String(r.errors?.[0]?.extensions?.code ?? `HTTP_${r.status}`);
      timing.errors[code] = (timing.errors[code] ?? 0) + 1;
      if (attempt >= ATTEMPTS) throw new Error(`payment ${key} refused ${ATTEMPTS} times, last ${code}`);
      await new Promise((res) => setTimeout(res, RETRY_MS));
    }
  };
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < PAYMENTS) {
        next++;
        performanceIds.push(await pay(randomUUID()));
        const now = Date.now();
        timing.longestGapMs = Math.max(timing.longestGapMs, now - lastAccepted);
        lastAccepted = now;
        timing.accepted++;
        // Failures are injected beside the stream, which goes on meanwhile.
        const inject = at[timing.accepted];
        if (inject) failures.push(inject());
      }
    }),
  );
  await Promise.all(failures);
  return { timing, performanceIds };
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Resident set size of a process, in MB (Linux). */
function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  const status = (() => {
    try {
      return readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      return '';
    }
  })();
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

interface StreamInfo {
  name: string;
  config: { num_replicas: number };
  state: { messages: number; bytes: number; last_seq: number };
  cluster?: { leader?: string; replicas?: { name: string; current: boolean }[] };
}

async function streams(monitorUrl: string): Promise<StreamInfo[]> {
  const j = (await (await fetch(`${monitorUrl}/jsz?streams=true&config=true`)).json()) as {
    account_details?: { stream_detail?: StreamInfo[] }[];
  };
  return (j.account_details ?? []).flatMap((a) => a.stream_detail ?? []);
}

describe('the cluster, while a NATS node, a cases replica and a gateway replica die', () => {
  let cluster: Cluster;
  let db: Client;
  const started = Date.now();

  beforeAll(async () => {
    cluster = await startCluster({
      internalSecret: randomBytes(24).toString('base64url'),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    db = new Client({ connectionString: cluster.postgres.primaryUrl });
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
    process.stdout.write(`cluster test: ${Math.round((Date.now() - started) / 1000)} s in all\n`);
  }, 120_000);

  it('records every accepted payment exactly once and keeps serving', async () => {
    const graphql = `${cluster.gateway.url}/graphql`;
    const headers = {
      authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' })}`,
    };
    const ok = async (query: string, variables: object = {}) => {
      const r = await post(graphql, query, variables, headers);
      if (r.errors?.length || !r.data) throw new Error(JSON.stringify(r.errors ?? r.status));
      return r.data;
    };
    const person = (name: string, i: number) =>
      ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
        i: { name, idNumber: residentIdNumber(`1975031${i}`, 500 + i), homeDivisionCode: '330522104201' },
      }).then((d) => d.registerPerson.id as string);
    const [obligor, obligee] = [await person('陈建华', 1), await person('王丽娟', 2)];
    const { causesOfAction } = await ok(`{ causesOfAction { code } }`);
    const { staffMembers } = await ok(`{ staffMembers(role: "JUDGE", first: 1) { nodes { id } } }`);
    const taken = await ok(`mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, {
      i: {
        caseNumber: '(2026)浙0522民初9901号',
        court: '长兴县人民法院',
        causeCode: causesOfAction[0].code,
        judgeId: staffMembers.nodes[0].id,
        effectiveDate: today(),
        obligorIds: [obligor],
        obligeeIds: [obligee],
        principalFen: 100_000_000,
        interestFen: 0,
        costsFen: 0,
      },
    });
    const caseId = taken.takeInJudgment.id as string;
    const dbBytes = async () =>
      Number((await db.query<{ b: string }>(`SELECT pg_database_size(current_database())::text AS b`)).rows[0]!.b);
    const jsBytes = async (monitorUrl: string) => (await streams(monitorUrl)).reduce((n, st) => n + st.state.bytes, 0);
    await db.query('CHECKPOINT');
    const bytesBefore = { db: await dbBytes(), js: await jsBytes(cluster.nats.nodes[0]!.monitorUrl) };

    // The node leading the CASES stream dies: its stream and consumers elect new leaders.
    const casesLeader = (await streams(cluster.nats.nodes[0]!.monitorUrl)).find((s) => s.name === 'CASES')?.cluster
      ?.leader;
    const natsVictim = cluster.nats.nodes.find((n) => n.name === casesLeader) ?? cluster.nats.nodes[0]!;
    const survivor = cluster.nats.nodes.find((n) => n !== natsVictim)!;
    const kills: Record<string, number> = {};
    const kill = (what: string, fn: () => Promise<void>) => async () => {
      kills[what] = Date.now();
      await fn();
    };
    const t0 = Date.now();
    const { timing, performanceIds } = await streamPayments(graphql, headers, caseId, {
      40: kill(`nats ${natsVictim.name}`, () => natsVictim.kill()),
      100: kill('cases-1', () => cluster.subgraphs.cases.replicas[0]!.kill()),
      160: kill('gateway-1', () => cluster.gateways[0]!.kill()),
    });
    const streamMs = Date.now() - t0;

    // Requests were served throughout, within the error budget.
    expect(timing.accepted).toBe(PAYMENTS);
    expect(timing.failedAttempts).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(timing.longestGapMs).toBeLessThan(MAX_GAP_MS);
    expect(Object.keys(kills)).toHaveLength(3);
    // The survivors took the traffic.
    expect(cluster.subgraphs.cases.replicas[1]!.alive()).toBe(true);
    expect(cluster.gateways[1]!.alive()).toBe(true);

    // Each accepted payment exactly once in cases, whatever its retries.
    expect(new Set(performanceIds).size).toBe(PAYMENTS);
    const { rows: recorded } = await db.query<{ id: string }>(`SELECT id FROM cases.performance WHERE case_id = $1`, [
      caseId,
    ]);
    expect(recorded.map((r) => r.id).sort()).toEqual([...performanceIds].sort());
    const { rows: outbox } = await db.query<{ id: string }>(
      `SELECT id FROM cases.outbox_message WHERE type = 'cases.performance.recorded' AND envelope->'payload'->>'caseId' = $1`,
      [caseId],
    );
    expect(outbox).toHaveLength(PAYMENTS);
    const eventIds = outbox.map((r) => r.id).sort();

    // And each of their events handled exactly once by metrics and people-credit, after the failures.
    const handled = (schema: string, service: string, rule: string) => async () =>
      (
        await db.query<{ event_id: string }>(
          `SELECT event_id FROM "${schema}".inbox_message WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
          [durableName(service, 'cases.performance.recorded', rule), eventIds],
        )
      ).rows.map((r) => r.event_id);
    const metricsSeen = await waitFor(
      'metrics inbox',
      handled('metrics', 'metrics', 'count-repayment-after-exposure'),
      (ids) => ids.length >= PAYMENTS,
    );
    expect(metricsSeen.sort()).toEqual(eventIds);
    const peopleSeen = await waitFor(
      'people-credit inbox',
      handled('people', 'people-credit', 'remove-listing-when-obligation-is-performed'),
      (ids) => ids.length >= PAYMENTS,
    );
    expect(peopleSeen.sort()).toEqual(eventIds);
    const { rows: facts } = await db.query<{ n: number; distinct: number; fen: string }>(
      `SELECT count(*)::int AS n, count(DISTINCT performance_id)::int AS distinct, sum(amount_fen)::text AS fen
         FROM metrics.payment_fact WHERE case_id = $1`,
      [caseId],
    );
    expect(facts[0]).toEqual({ n: PAYMENTS, distinct: PAYMENTS, fen: String(PAYMENTS * AMOUNT_FEN) });
    const paid = await ok(`query($id: ID!) { case(id: $id) { paidFen } }`, { id: caseId });
    expect(paid.case.paidFen).toBe(PAYMENTS * AMOUNT_FEN);

    // The county cockpit reads metrics' figures from the streaming replica (DATABASE_READ_URL), which
    // replication has brought up to the payments.
    const stats = await ok(
      `query($p: MetricsPeriodInput!) { divisionStats(code: "330522", period: $p) { judgmentsEffective } }`,
      { p: { kind: 'YEAR', date: today() } },
    );
    expect(stats.divisionStats.judgmentsEffective).toBeGreaterThanOrEqual(1);
    const onReplica = new Client({ connectionString: cluster.postgres.replicaUrl });
    await onReplica.connect();
    try {
      const { rows } = await onReplica.query<{ n: number; recovering: boolean }>(
        `SELECT count(*)::int AS n, pg_is_in_recovery() AS recovering FROM pg_stat_activity WHERE application_name = 'zhiyuan-metrics-read'`,
      );
      expect(rows[0]).toEqual({ n: expect.any(Number), recovering: true });
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await onReplica.end();
    }

    // The streams are at R3, and the killed node, started again, holds every message of each stream.
    const during = await streams(survivor.monitorUrl);
    expect(during.map((st) => st.name).sort()).toEqual([
      'AUDIT',
      'CASES',
      'DEADLETTER',
      'METRICS',
      'PEOPLE_CREDIT',
      'TASKS',
    ]);
    for (const st of during) expect(st.config.num_replicas).toBe(3);
    await natsVictim.restart();
    const lastSeqs = async (monitorUrl: string) =>
      Object.fromEntries(
        (await streams(monitorUrl).catch(() => [])).map((st) => [st.name, st.state.last_seq] as const),
      );
    const expected = await lastSeqs(survivor.monitorUrl);
    // Each node lists the streams it holds a replica of: all three hold every message of each.
    const holders = await waitFor(
      `every stream held whole on three nodes (${natsVictim.name} caught up)`,
      async () => {
        const seqs = await Promise.all(cluster.nats.nodes.map((n) => lastSeqs(n.monitorUrl)));
        return Object.entries(expected).map(
          ([name, seq]) => [name, seqs.filter((s) => (s[name] ?? -1) >= seq).length] as const,
        );
      },
      (counts) => counts.every(([, n]) => n === 3),
    );
    expect(holders).toHaveLength(6);

    // Figures for docs/deploy.md: memory of each process and the database's size.
    const rss = Object.fromEntries([
      ...cluster.gateways.map((g) => [g.name, rssMb(g.pid())]),
      ...Object.values(cluster.subgraphs).flatMap((s) => s.replicas.map((r) => [r.name, rssMb(r.pid())])),
      ...cluster.nats.nodes.map((n) => [`nats-${n.name}`, rssMb(n.pid())]),
    ]);
    await db.query('CHECKPOINT');
    const bytesPerPayment = {
      db: Math.round(((await dbBytes()) - bytesBefore.db) / PAYMENTS),
      jetStream: Math.round(((await jsBytes(survivor.monitorUrl)) - bytesBefore.js) / PAYMENTS),
    };
    process.stdout.write(
      `${JSON.stringify({ streamMs, ...timing, kills: Object.fromEntries(Object.entries(kills).map(([k, t]) => [k, t - t0])), gatewayBalancer: cluster.gateway.served, casesBalancer: cluster.subgraphs.cases.balancer.served, rssMb: rss, databaseMb: Math.round((await dbBytes()) / 1048576), bytesPerPayment, replayLagBytes: await cluster.postgres.replayLagBytes() })}\n`,
    );
  });
});
