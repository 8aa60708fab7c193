import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'nats';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import { ADMIN_ID, treeRss, type LoadedData } from '../harness/load';
import { callerFor, gql, pool } from '../harness/client';
import { identity } from '@zhiyuan/testing';
import type { RunOptions } from '../run';

export interface LiveDistribution {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LiveResults {
  subscribers: number;
  cases: number;
  villages: number;
  targetRatePerSecond: number;
  achievedRatePerSecond: number;
  payments: number;
  paymentErrors: number;
  /** The refused payments by error code. */
  paymentErrorCodes?: Record<string, number>;
  /** Messages the subscribers should have received (one per subscriber of each paid case) and did. */
  expected: number;
  received: number;
  dropped: number;
  duplicated: number;
  /** From sending the payment mutation to the message at the client (an upper bound of commit → client). */
  latencyFromSendMs: LiveDistribution;
  /** From the mutation's answer (after its commit) to the message (negative: the push beat the answer). */
  latencyFromAnswerMs: LiveDistribution;
  /**
   * The live edge's own share: from the payment's event reaching NATS (a plain subscription of the
   * benchmark) to the message at the client; `expected`/`received` here count by those events.
   */
  latencyFromEventMs?: LiveDistribution;
  /**
   * The measure, commit → client: from the payment's event's `occurredAt` (stamped in the
   * payment's transaction, just before its COMMIT, so this overstates by the commit's own time) to the
   * message at the client, both on this machine's clock.
   */
  latencyFromCommitMs?: LiveDistribution;
  byEvent?: { events: number; expected: number; received: number; missing: number };
  /**
   * Exact, whatever balance a message shows: per subscriber, the distinct events received against the
   * payment events of its case heard on NATS (a message resolved after a later payment shows the later
   * balance, which the matching above counts against the later payment).
   */
  perSubscriber?: { expected: number; received: number; lost: number };
  gatewayCpuPercent: number;
  gatewayRssMb: { before: number; withSubscribers: number; perThousandSubscribers: number };
  idle?: { subscribers: number; rssMb: number; perThousandMb: number; opened: number };
}

function distribution(values: number[]): LiveDistribution {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)]! : NaN);
  return { count: v.length, p50: q(0.5), p99: q(0.99), max: v[v.length - 1] ?? NaN };
}

/** CPU seconds (user + system) a process and its descendants have used so far (Linux /proc). */
function cpuSeconds(root: number): number {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) stack.push(child);
  }
  return total;
}

interface Stream {
  caseId: string;
  seen: Set<string>;
  duplicated: number;
  close(): void;
}

/** One SSE subscription; resolves once the gateway has opened it (its headers came back). */
async function openStream(
  url: string,
  token: string,
  caseId: string,
  onMessage: (caseId: string, paidFen: number, at: number) => void,
): Promise<Stream> {
  const abort = new AbortController();
  const stream: Stream = { caseId, seen: new Set(), duplicated: 0, close: () => abort.abort() };
  const res = await fetch(url, {
    method: 'POST',
    signal: abort.signal,
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'subscription($id: ID!) { caseUpdated(caseId: $id) { eventId case { paidFen } } }',
      variables: { id: caseId },
    }),
  });
  if (res.status !== 200) throw new Error(`subscription refused: HTTP ${res.status} ${await res.text()}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (!frame.includes('event: next') || !data) continue;
        const now = performance.now();
        const m = JSON.parse(data.slice(6)) as {
          data?: { caseUpdated: { eventId: string; case: { paidFen: number } } };
        };
        const u = m.data?.caseUpdated;
        if (!u) continue;
        if (stream.seen.has(u.eventId)) stream.duplicated++;
        stream.seen.add(u.eventId);
        onMessage(caseId, u.case.paidFen, now);
      }
    }
  })().catch(() => undefined);
  return stream;
}

/**
 * Live subscriptions (docs/live.md): N SSE subscribers, each a village cadre of its own (distinct
 * identities) on `caseUpdated` of an open case of their village, while payments are recorded through the
 * gateway at a steady rate; measured from each payment to its message at every subscriber of the case,
 * with drops and doubles counted, and the gateway's CPU and memory. Then idle subscribers are added up
 * to `--live-idle` to see the memory they hold.
 */
export async function liveScenario(
  env: BenchEnvironment,
  ds: Dataset,
  data: LoadedData,
  opts: RunOptions,
): Promise<LiveResults> {
  const log = opts.log;
  const sseUrl = `${env.stack.gatewayUrl}/stream`;
  const admin = await callerFor(ADMIN_ID);
  const open: { caseId: string; village: string }[] = [];
  for (const j of ds.judgments(0, opts.judgments)) {
    const caseId = data.caseIds[j.index];
    if (caseId && (j.outcome === 'OPEN' || j.outcome === 'INSTALMENTS'))
      open.push({ caseId, village: ds.party(j.obligorIndex).homeDivisionCode });
  }
  if (!open.length) throw new Error('no open case was loaded to subscribe to');
  // Only cases that take a payment now (the generator's open cases include some whose state refuses one).
  const accepting: typeof open = [];
  await pool(open.slice(0, Math.max(1, opts.liveSubscribers)), 8, async (c) => {
    const r = await gql(
      env.stack.gatewayUrl,
      `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { paidFen } } }`,
      { i: { caseId: c.caseId, amountFen: 1, paidOn: new Date().toISOString().slice(0, 10), channel: 'BENCH' } },
      admin.gatewayHeaders,
    );
    if (!r.errors?.length) accepting.push(c);
  });
  if (!accepting.length) throw new Error('no loaded open case takes a payment');
  const cases = accepting;
  const rssBefore = treeRss(env.gateway.pid);

  // Expected messages by `${caseId}:${paidFen}`: the subscribers of the case, and when the payment was sent.
  const pending = new Map<string, { sent: number; answered?: number; left: number }>();
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  let received = 0;
  const early = new Map<string, number[]>();
  const onMessage = (caseId: string, paidFen: number, at: number) => {
    byEvent(caseId, paidFen, at);
    const key = `${caseId}:${paidFen}`;
    const p = pending.get(key);
    if (!p) {
      // The push beat the mutation's answer: keep it until the answer says which payment it was.
      early.set(key, [...(early.get(key) ?? []), at]);
      return;
    }
    received++;
    p.left--;
    fromSend.push(at - p.sent);
    if (p.answered !== undefined) fromAnswer.push(at - p.answered);
  };

  // When each payment's event reached NATS, by case and balance after it (what the message will show).
  const heard = new Map<string, { at: number; committedAt: number; left: number }>();
  const fromEvent: number[] = [];
  const fromCommit: number[] = [];
  let receivedByEvent = 0;
  const natsUrl = env.nats?.url ?? process.env.NATS_URL;
  const nc = natsUrl ? await connect({ servers: natsUrl }) : undefined;
  nc?.subscribe('cases.performance.recorded', {
    callback: (_err, msg) => {
      try {
        const e = JSON.parse(new TextDecoder().decode(msg.data)) as {
          occurredAt: string;
          payload: { caseId: string; totalPaidFen: number };
        };
        const n = subscribersOf.get(e.payload.caseId);
        if (n) {
          heard.set(`${e.payload.caseId}:${e.payload.totalPaidFen}`, {
            at: performance.now(),
            committedAt: Date.parse(e.occurredAt),
            left: n,
          });
          eventsOfCase.set(e.payload.caseId, (eventsOfCase.get(e.payload.caseId) ?? 0) + 1);
        }
      } catch {
        /* not an event */
      }
    },
  });
  const eventsOfCase = new Map<string, number>();
  const byEvent = (caseId: string, paidFen: number, at: number) => {
    const h = heard.get(`${caseId}:${paidFen}`);
    if (!h) return;
    h.left--;
    receivedByEvent++;
    fromEvent.push(at - h.at);
    fromCommit.push(performance.timeOrigin + at - h.committedAt);
  };
  const subscribersOf = new Map<string, number>();

  log(`live: opening ${opts.liveSubscribers} SSE subscribers over ${cases.length} cases`);
  const streams: Stream[] = [];
  await pool(
    Array.from({ length: opts.liveSubscribers }, (_, i) => i),
    50,
    async (i) => {
      const target = cases[i % cases.length]!;
      const who = identity(['VILLAGE_CADRE'], { sub: `bench-cadre-${i}`, divisionCode: target.village });
      const token = (await callerFor(who)).gatewayHeaders.authorization!.slice(7);
      streams.push(await openStream(sseUrl, token, target.caseId, onMessage));
      subscribersOf.set(target.caseId, (subscribersOf.get(target.caseId) ?? 0) + 1);
    },
  );
  const rssWith = treeRss(env.gateway.pid);

  const rate = opts.liveRate;
  const total = Math.max(1, Math.round(rate * opts.durationSeconds));
  log(`live: ${total} payments at ${rate}/s`);
  let paymentErrors = 0;
  const paymentErrorCodes: Record<string, number> = {};
  let paid = 0;
  const cpu0 = cpuSeconds(env.gateway.pid);
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = t0 + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const target = cases[n % cases.length]!;
    const sent = performance.now();
    inflight.push(
      gql(
        env.stack.gatewayUrl,
        `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { case { paidFen } } }`,
        { i: { caseId: target.caseId, amountFen: 1, paidOn: new Date().toISOString().slice(0, 10), channel: 'BENCH' } },
        admin.gatewayHeaders,
      ).then((r) => {
        const answered = performance.now();
        const paidFen = r.data?.recordPayment?.case?.paidFen as number | undefined;
        if (r.errors?.length || paidFen === undefined) {
          paymentErrors++;
          const code = String(r.errors?.[0]?.extensions?.code ?? r.status);
          paymentErrorCodes[code] = (paymentErrorCodes[code] ?? 0) + 1;
          return;
        }
        paid++;
        const key = `${target.caseId}:${paidFen}`;
        const p = { sent, answered, left: subscribersOf.get(target.caseId) ?? 0 };
        pending.set(key, p);
        for (const at of early.get(key) ?? []) {
          received++;
          p.left--;
          fromSend.push(at - sent);
          fromAnswer.push(at - answered);
        }
        early.delete(key);
      }),
    );
  }
  const elapsed = (performance.now() - t0) / 1000;
  await Promise.all(inflight);
  // Let the last messages arrive (bounded: a drop must not hang the run).
  const expected = () => [...pending.values()].reduce((s, p) => s + Math.max(0, p.left), 0);
  const missingByEvent = () => [...heard.values()].reduce((s, h) => s + Math.max(0, h.left), 0);
  for (let waited = 0; (expected() > 0 || missingByEvent() > 0) && waited < 60_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  await nc?.close();
  const cpu1 = cpuSeconds(env.gateway.pid);
  const wall = (performance.now() - t0) / 1000;
  const expectedTotal = received + expected();
  const duplicated = streams.reduce((s, x) => s + x.duplicated, 0);
  const exact = { expected: 0, received: 0, lost: 0 };
  for (const s of streams) {
    const n = eventsOfCase.get(s.caseId) ?? 0;
    exact.expected += n;
    exact.received += s.seen.size;
    exact.lost += Math.max(0, n - s.seen.size);
  }

  let idle: LiveResults['idle'];
  if (opts.liveIdle > streams.length) {
    const extra = opts.liveIdle - streams.length;
    log(`live: opening ${extra} more (idle) subscribers`);
    let opened = 0;
    await pool(
      Array.from({ length: extra }, (_, i) => i),
      100,
      async (i) => {
        const target = cases[i % cases.length]!;
        const who = identity(['VILLAGE_CADRE'], { sub: `bench-idle-${i}`, divisionCode: target.village });
        const token = (await callerFor(who)).gatewayHeaders.authorization!.slice(7);
        try {
          streams.push(await openStream(sseUrl, token, target.caseId, () => undefined));
          opened++;
        } catch {
          // counted below as not opened
        }
      },
    );
    const rss = treeRss(env.gateway.pid);
    idle = {
      subscribers: streams.length,
      opened,
      rssMb: Math.round(rss / 1e6),
      perThousandMb: Math.round(((rss - rssBefore) / 1e6 / streams.length) * 1000 * 10) / 10,
    };
  }
  for (const s of streams) s.close();

  return {
    subscribers: opts.liveSubscribers,
    cases: cases.length,
    villages: new Set(cases.map((c) => c.village)).size,
    targetRatePerSecond: rate,
    achievedRatePerSecond: Math.round((total / elapsed) * 10) / 10,
    payments: paid,
    paymentErrors,
    paymentErrorCodes,
    expected: expectedTotal,
    received,
    dropped: expected(),
    duplicated,
    latencyFromSendMs: distribution(fromSend),
    latencyFromAnswerMs: distribution(fromAnswer),
    ...(nc
      ? {
          latencyFromEventMs: distribution(fromEvent),
          latencyFromCommitMs: distribution(fromCommit),
          perSubscriber: exact,
          byEvent: {
            events: heard.size,
            expected: receivedByEvent + missingByEvent(),
            received: receivedByEvent,
            missing: missingByEvent(),
          },
        }
      : {}),
    gatewayCpuPercent: Math.round(((cpu1 - cpu0) / wall) * 1000) / 10,
    gatewayRssMb: {
      before: Math.round(rssBefore / 1e6),
      withSubscribers: Math.round(rssWith / 1e6),
      perThousandSubscribers: Math.round(((rssWith - rssBefore) / 1e6 / opts.liveSubscribers) * 1000 * 10) / 10,
    },
    idle,
  };
}
