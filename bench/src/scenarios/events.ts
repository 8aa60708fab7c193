import { Client } from 'pg';
import { createEventBus, type EventBus } from '@zhiyuan/events';
import type { Dataset } from '../generator';
import { residentIdNumber, Rng, personName } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import { ADMIN_ID, type LoadedData } from '../harness/load';
import { callerFor, gql, pool } from '../harness/client';
import { waitForQuiet } from '../harness/settle';
import type { RunOptions } from '../run';

export interface Distribution {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  min: number;
}

export interface EventsResults {
  cases: number;
  targetRatePerSecond: number;
  achievedRatePerSecond: number;
  prepared: { cases: number; listed: number; failures: Record<string, number>; firstErrors: string[] };
  paymentErrors: Record<string, number>;
  /** Milliseconds from the payment's transaction (cases' outbox row of its event: the transaction's start) to each effect. */
  /** A stage on the way, for reading the others: the payment's event published by cases' outbox relay. */
  paymentEventPublished?: Distribution & { method: string };
  /** Another: the payment mutation's answer reaching the load generator. */
  paymentAnswered?: Distribution & { method: string };
  boardEntryGone: Distribution & { method: string };
  listingRemovedEventReceived: Distribution & { method: string };
  judgeScoreUpdated: Distribution & { method: string };
  partnerReceivedCreditChange: Distribution & { method: string };
  missing: Record<string, number>;
  /** SQL statements per payment, by service: serving the mutation, and in the background (relays, event handlers) until events settled. */
  statementsPerPayment?: { requests: Record<string, number>; background: Record<string, number> };
}

function distribution(values: number[]): Distribution {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)]! : NaN);
  return { count: v.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: v[v.length - 1] ?? NaN, min: v[0] ?? NaN };
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/**
 * Event propagation over real NATS: N listed obligors each pay their case in full at a steady rate;
 * measured from each payment's commit to (a) the exposure board entry gone (people-credit removed the
 * listing), (b) the judge's score updated (metrics scored the closed case), (c) a partner's durable
 * consumer receiving credit.link.changed.
 */
export async function eventsScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
): Promise<EventsResults> {
  if (!env.nats) throw new Error('the events scenario needs real NATS');
  const n = opts.eventsCases;
  const admin = await callerFor(ADMIN_ID);
  const pc = env.stack.services.peopleCredit.url;
  const cases = env.stack.services.cases.url;
  const failures: Record<string, number> = {};
  const firstErrors: string[] = [];
  const fail = (
    what: string,
    r: { errors?: { message: string; extensions?: Record<string, unknown> }[]; status: number },
  ) => {
    const code = `${what}:${String(r.errors?.[0]?.extensions?.code ?? r.status)}`;
    count(failures, code);
    if (firstErrors.length < 8 && !firstErrors.some((e) => e.startsWith(code)))
      firstErrors.push(`${code}: ${r.errors?.[0]?.message ?? ''}`);
  };

  // Fresh obligors (ID sequence numbers 500+ never collide with the dataset's) with one case each.
  opts.log(`events: preparing ${n} listed obligors`);
  const villages = [...ds.divisions()]
    .filter((d) => d.level === 'VILLAGE' && d.code.startsWith('330522'))
    .map((d) => d.code);
  const obligees = data.partyIds.filter(Boolean).slice(-50);
  const prepared: { partyId: string; caseId: string; owedFen: number }[] = [];
  const partyIds: string[] = [];
  await pool(
    Array.from({ length: n }, (_, k) => k),
    8,
    async (k) => {
      const rng = new Rng(opts.seed, 'events-party', k);
      const male = rng.chance(0.6);
      const birth = new Date(Date.parse('1960-01-01') + rng.int(0, 40 * 365) * 86_400_000).toISOString().slice(0, 10);
      const idNumber = residentIdNumber('330522', birth, 2 * (250 + (k % 249)) + (male ? 1 : 0) + 0, male);
      const r = await gql(
        pc,
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
        { input: { name: personName(rng, male), idNumber, homeDivisionCode: rng.pick(villages) } },
        admin.internalHeaders,
      );
      if (r.data?.registerPerson?.id) partyIds[k] = r.data.registerPerson.id;
      else fail('registerPerson', r);
    },
  );
  await waitForQuiet(env.stack.databaseUrl, { quietMs: 1000, timeoutMs: 60_000 });
  const judgments = partyIds
    .map((pid, k) => ({
      caseNumber: `(2026)浙0522民初${900_000 + k}号`,
      court: '长兴县人民法院',
      causeCode: 'PRIVATE_LENDING',
      judgeId: data.judgeIds[k % Math.max(1, data.judgeIds.length)] ?? null,
      effectiveDate: '2026-09-01',
      performanceDeadline: '2026-09-20',
      obligorIds: [pid],
      obligeeIds: [obligees[k % Math.max(1, obligees.length)]].filter(Boolean),
      principalFen: 1_000_000 + k * 100,
      interestFen: 0,
      costsFen: 10_000,
    }))
    .filter((j) => j.obligorIds[0]);
  const caseByParty = new Map<string, { caseId: string; owedFen: number }>();
  for (let i = 0; i < judgments.length; i += 50) {
    const batch = judgments.slice(i, i + 50);
    const r = await gql(
      cases,
      `mutation($j: [JudgmentInput!]!) { importJudgments(judgments: $j) { imported rejected { row field reason } cases { id amountOwedFen primaryObligor { id } } } }`,
      { j: batch },
      admin.internalHeaders,
    );
    if (!r.data) fail('importJudgments', r);
    for (const c of r.data?.importJudgments?.cases ?? [])
      caseByParty.set(c.primaryObligor.id, { caseId: c.id, owedFen: c.amountOwedFen });
  }
  await pool([...caseByParty.entries()], 8, async ([partyId, c]) => {
    const f = await gql(
      cases,
      `mutation($input: FileEnforcementInput!) { fileEnforcement(input: $input) { id } }`,
      {
        input: {
          caseId: c.caseId,
          enforcementNumber: `(2026)浙0522执${900_000 + judgments.findIndex((j) => j.obligorIds[0] === partyId)}号`,
        },
      },
      admin.internalHeaders,
    );
    if (f.errors?.length) return fail('fileEnforcement', f);
    for (let attempt = 0; ; attempt++) {
      const l = await gql(
        pc,
        `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id } }`,
        { input: { partyId, caseId: c.caseId, ground: 'ABLE_BUT_REFUSES' } },
        admin.internalHeaders,
      );
      if (!l.errors?.length) {
        prepared.push({ partyId, caseId: c.caseId, owedFen: c.owedFen });
        return;
      }
      if (attempt >= 20) return fail('listDishonestObligor', l);
      await new Promise((res) => setTimeout(res, 250));
    }
  });
  await waitForQuiet(env.stack.databaseUrl, { quietMs: 1500, timeoutMs: 120_000 });
  opts.log(`events: ${prepared.length} cases filed and listed; paying at ${opts.eventsRate}/s`);

  // The partner: a durable consumer of its department's subject, as a bank would run it.
  const received = { link: new Map<string, number>(), removed: new Map<string, number>() };
  const bus: EventBus = createEventBus({ natsUrl: env.nats.url, name: 'bench-partner', logger: env.log });
  await bus.start();
  await bus.subscribe({
    service: 'bench-partner-bank',
    subject: 'credit.link.changed.BANK_LOAN',
    startAt: 'new',
    handler: async (e) => {
      const p = e.payload as { partyId: string; status: string };
      if (p.status === 'CLEAR' && !received.link.has(p.partyId)) received.link.set(p.partyId, Date.now());
    },
  });
  await bus.subscribe({
    service: 'bench-observer',
    subject: 'credit.listing.removed',
    startAt: 'new',
    handler: async (e) => {
      const p = e.payload as { partyId: string };
      if (!received.removed.has(p.partyId)) received.removed.set(p.partyId, Date.now());
    },
  });

  // Payments in full at a steady rate (open loop: the next one does not wait for the previous answer).
  const committedAt = new Map<string, number>();
  const paymentErrors: Record<string, number> = {};
  const interval = 1000 / opts.eventsRate;
  env.counter.reset();
  const start = Date.now();
  await Promise.all(
    prepared.map(async (p, k) => {
      const due = start + k * interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      try {
        const r = await gql(
          cases,
          `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { performance { id } } }`,
          { input: { caseId: p.caseId, amountFen: p.owedFen, paidOn: '2026-10-30', channel: 'BANK_TRANSFER' } },
          admin.internalHeaders,
        );
        if (r.errors?.length) count(paymentErrors, String(r.errors[0]!.extensions?.code ?? r.status));
        else committedAt.set(p.caseId, Date.now());
      } catch (err) {
        // The request itself failed (a refused or reset connection when the backlog overflows).
        count(paymentErrors, `request failed: ${String((err as { cause?: { code?: string } }).cause?.code ?? err)}`);
      }
    }),
  );
  const achieved = prepared.length / ((Date.now() - start) / 1000);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (received.link.size < committedAt.size || received.removed.size < committedAt.size))
    await new Promise((res) => setTimeout(res, 200));
  // The judge's score is read from metrics' inbox: wait (bounded) until its backlog is handled.
  const settled = await waitForQuiet(env.stack.databaseUrl, { quietMs: 1000, timeoutMs: 900_000 });
  opts.log(`events: settled ${(settled.ms / 1000).toFixed(1)} s after the last payment answer`);
  const statements = env.counter.read();
  const perPayment = (m: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k, Math.round((v / Math.max(1, committedAt.size)) * 10) / 10]),
    );
  await bus.close();

  // Effects as the services recorded them: the inbox row is written in the same transaction as the effect.
  const handledAt = await inboxTimes(env.stack.databaseUrl);
  const lat = {
    answered: [] as number[],
    published: [] as number[],
    board: [] as number[],
    removed: [] as number[],
    score: [] as number[],
    link: [] as number[],
  };
  const missing: Record<string, number> = {};
  for (const p of prepared) {
    // Only payments that were answered count; the clock starts with their transaction.
    if (!committedAt.has(p.caseId)) continue;
    const t0 = handledAt.paid.get(p.caseId);
    if (t0 === undefined) {
      count(missing, 'paymentEvent');
      continue;
    }
    lat.answered.push(committedAt.get(p.caseId)! - t0);
    const published = handledAt.published.get(p.caseId);
    if (published !== undefined) lat.published.push(published - t0);
    const board = handledAt.board.get(p.caseId);
    const score = handledAt.score.get(p.caseId);
    const removed = received.removed.get(p.partyId);
    const link = received.link.get(p.partyId);
    if (board !== undefined) lat.board.push(board - t0);
    else count(missing, 'boardEntryGone');
    if (score !== undefined) lat.score.push(score - t0);
    else count(missing, 'judgeScoreUpdated');
    if (removed !== undefined) lat.removed.push(removed - t0);
    else count(missing, 'listingRemovedEventReceived');
    if (link !== undefined) lat.link.push(link - t0);
    else count(missing, 'partnerReceivedCreditChange');
  }
  return {
    cases: n,
    targetRatePerSecond: opts.eventsRate,
    achievedRatePerSecond: achieved,
    prepared: { cases: caseByParty.size, listed: prepared.length, failures, firstErrors },
    paymentErrors,
    paymentAnswered: {
      ...distribution(lat.answered),
      method: "the payment mutation's answer received by the load generator (its own clock, the same machine's)",
    },
    paymentEventPublished: {
      ...distribution(lat.published),
      method:
        "cases outbox published_at of the payment's cases.performance.recorded (its relay publishes to JetStream, then marks the rows)",
    },
    boardEntryGone: {
      ...distribution(lat.board),
      method:
        "people-credit inbox handled_at of remove-listing-when-obligation-is-performed (written in the removal's transaction; set when the work of its batch is done, just before the commit)",
    },
    listingRemovedEventReceived: {
      ...distribution(lat.removed),
      method:
        'a JetStream consumer receiving credit.listing.removed (after people-credit committed and its outbox relay published)',
    },
    judgeScoreUpdated: {
      ...distribution(lat.score),
      method:
        "metrics inbox handled_at of the score-closed-case handler for the case's cases.case.closed event (set when the work of its batch is done, just before the commit)",
    },
    partnerReceivedCreditChange: {
      ...distribution(lat.link),
      method: 'a durable JetStream consumer on credit.link.changed.BANK_LOAN receiving the CLEAR change',
    },
    missing,
    statementsPerPayment:
      env.subgraphs === 'inline'
        ? { requests: perPayment(statements.byService), background: perPayment(statements.backgroundByService) }
        : undefined,
  };
}

/**
 * Per case id: when the payment's transaction ran (cases' outbox row of cases.performance.recorded:
 * now() is the transaction's start, so the commit is a few ms later and a latency from it is never
 * understated), when people-credit removed the listing on the payment event, and when metrics scored
 * the closed case.
 */
async function inboxTimes(databaseUrl: string): Promise<{
  paid: Map<string, number>;
  published: Map<string, number>;
  board: Map<string, number>;
  score: Map<string, number>;
}> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const schemas = (
      await c.query<{ s: string }>(
        `SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'inbox_message'`,
      )
    ).rows.map((r) => r.s);
    const board = new Map<string, number>();
    const score = new Map<string, number>();
    const paid = new Map<string, number>();
    const published = new Map<string, number>();
    const payments = await c.query<{ key: string; at: Date; published: Date | null }>(
      `SELECT DISTINCT ON (key) key, created_at AS at, published_at AS published FROM cases.outbox_message WHERE type = 'cases.performance.recorded' ORDER BY key, created_at`,
    );
    for (const r of payments.rows) {
      paid.set(r.key, r.at.getTime());
      if (r.published) published.set(r.key, r.published.getTime());
    }
    for (const s of schemas) {
      const rows = await c.query<{ consumer: string; key: string; at: Date }>(
        `SELECT i.consumer, o.key, i.handled_at AS at
           FROM "${s}".inbox_message i JOIN cases.outbox_message o ON o.id = i.event_id
          WHERE (i.consumer LIKE '%remove-listing-when-obligation-is-performed%' AND o.type = 'cases.performance.recorded')
             OR (i.consumer LIKE '%score%' AND o.type = 'cases.case.closed')`,
      );
      for (const r of rows.rows) {
        const map = r.consumer.includes('remove-listing') ? board : score;
        const t = r.at.getTime();
        if (!map.has(r.key) || map.get(r.key)! > t) map.set(r.key, t);
      }
    }
    return { paid, published, board, score };
  } finally {
    await c.end();
  }
}
