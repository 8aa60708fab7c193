import type { WebhooksResults } from './scenarios/webhooks';
import type { LoadReport } from './harness/load';
import type { GatewayResults } from './scenarios/gateway';
import type { SqlResults } from './scenarios/sql';
import type { EventsResults } from './scenarios/events';
import type { ImportResults } from './scenarios/import';
import type { CockpitResults } from './scenarios/cockpit';
import type { GenerateResults } from './scenarios/generate';
import type { LiveResults } from './scenarios/live';
import type { TracingResults } from './scenarios/tracing';
import type { TrafficResults } from './scenarios/traffic';
import type { BacklogResults } from './scenarios/backlog';
import { consumersIdle, PRODUCT_SERVICES } from './backlog/verdicts';
import type { SoakResults } from './scenarios/soak';

export interface BenchResults {
  meta: {
    startedAt: string;
    finishedAt?: string;
    scale: string;
    seed: number;
    scenarios: string[];
    judgmentsLoaded: number;
    machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
    settings: { durationSeconds: number; connections: number };
    /** Where the subgraphs ran (older results: inline). */
    subgraphs?: 'processes' | 'inline';
  };
  generate?: GenerateResults;
  load?: LoadReport;
  gateway?: GatewayResults;
  sql?: SqlResults;
  events?: EventsResults;
  import?: ImportResults;
  cockpit?: CockpitResults;
  webhooks?: WebhooksResults;
  live?: LiveResults;
  tracing?: TracingResults;
  traffic?: TrafficResults;
  backlog?: BacklogResults;
  soak?: SoakResults;
  notRun: { scenario: string; reason: string }[];
  /** Observations written down after the run (what limited it, what to tune); never numbers. */
  notes?: string[];
}

const f0 = (n: number | undefined | null) =>
  n === undefined || n === null || Number.isNaN(n) ? 'n/a' : Math.round(n).toLocaleString('en-US');
const f1 = (n: number | undefined | null) => (n === undefined || n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(1));
const f2 = (n: number | undefined | null) => (n === undefined || n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(2));
const yes = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**missed**');

interface TargetRow {
  target: string;
  measured: string;
  ok: boolean | undefined;
}

/** The issue's targets against what this run measured. */
export function targets(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  if (r.backlog) {
    const b = r.backlog;
    rows.push({
      target: `County history fully projected < ${b.targetSeconds / 60} minutes after its import ends`,
      measured: `${f0(b.judgments)} judgments: ${b.drainedAfterSeconds === null ? `not drained within the wait (idle ${b.idleAfterSeconds === null ? 'never' : `${f1(b.idleAfterSeconds)} s`}, read models ${b.completeAfterSeconds === null ? 'never complete' : `complete ${f1(b.completeAfterSeconds)} s`})` : `every consumer idle and every read model complete ${f1(b.drainedAfterSeconds)} s after the import`}`,
      ok: b.judgments >= 10_000 ? b.drainedAfterSeconds !== null && b.drainedAfterSeconds < b.targetSeconds : undefined,
    });
  }
  if (r.soak) {
    const k = r.soak;
    rows.push({
      target:
        'Soak: 30 minutes of daytime traffic, resident memory of each process within ±15 % of its 5-minute value, 0 errors',
      measured: `${f0(k.durationSeconds)} s: memory ${k.flat === undefined ? 'not judged' : k.flat ? 'flat' : 'not flat'} (${k.memory
        .filter((p) => p.change !== null)
        .map((p) => `${p.process} ${p.change! >= 0 ? '+' : ''}${f1(p.change! * 100)} %`)
        .join(', ')}), ${f0(k.errors.total)} errors`,
      ok: k.durationSeconds >= 1800 ? k.ok : undefined,
    });
  }
  if (r.traffic) {
    const tr = r.traffic;
    rows.push({
      target: `Traffic mix through our gateway at the daytime write rate: >= 1,000 req/s overall, p99 < 100 ms`,
      measured: `${f0(tr.overall.requestsPerSecond)} req/s, p99 ${f1(tr.overall.latencyMs.p99)} ms, errors ${f2(tr.overall.errorRate * 100)} %, writes ${f1(tr.writes.achievedRatePerSecond)}/s, cache ${tr.cache}${tr.gateway.responseCacheHitRate === null ? '' : ` (hit rate ${f1(tr.gateway.responseCacheHitRate * 100)} %)`}`,
      ok:
        tr.writes.targetRatePerSecond === 5 && r.meta.judgmentsLoaded >= 10_000
          ? tr.overall.requestsPerSecond >= 1000 && tr.overall.latencyMs.p99 < 100 && tr.overall.errorRate === 0
          : undefined,
    });
  }
  if (r.live) {
    const l = r.live;
    rows.push({
      target: `Live: p99 < 150 ms at 20 events/s with 1,000 subscribers, nothing dropped or doubled`,
      // The target runs from the mutation's commit; without NATS the run knows only the send (an upper bound).
      measured: l.latencyFromCommitMs
        ? `${f0(l.subscribers)} subscribers at ${f1(l.achievedRatePerSecond)}/s: p99 ${f1(l.latencyFromCommitMs.p99)} ms from the payment's commit (${f1(l.latencyFromSendMs.p99)} ms from the payment sent, ${f1(l.latencyFromEventMs?.p99)} ms from its event), ${f0(l.perSubscriber?.lost ?? l.dropped)} lost, ${f0(l.duplicated)} doubled`
        : `${f0(l.subscribers)} subscribers at ${f1(l.achievedRatePerSecond)}/s: p99 ${f1(l.latencyFromSendMs.p99)} ms from the payment sent (${f1(l.latencyFromEventMs?.p99)} ms from its event), ${f0(l.perSubscriber?.lost ?? l.dropped)} lost, ${f0(l.duplicated)} doubled`,
      ok:
        l.subscribers >= 1000 && l.targetRatePerSecond >= 20
          ? (l.latencyFromCommitMs ?? l.latencyFromSendMs).p99 < 150 &&
            (l.perSubscriber?.lost ?? l.dropped) === 0 &&
            l.duplicated === 0
          : undefined,
    });
    if (l.idle)
      rows.push({
        target: 'Live: 10,000 idle subscribers held in < 500 MB',
        measured: `${f0(l.idle.subscribers)} held, gateway RSS ${f0(l.idle.rssMb)} MB`,
        ok: l.idle.subscribers >= 10_000 ? l.idle.rssMb < 500 : undefined,
      });
  }
  const dash = r.gateway?.runs.find((x) => x.operation === 'VillageDashboard' && x.target === 'zhiyuan-gateway');
  rows.push({
    target: `Village dashboard through the gateway: >= 1,000 req/s, p99 < 50 ms (${r.meta.scale})`,
    measured: dash
      ? `${f0(dash.requestsPerSecond)} req/s, p99 ${dash.latencyMs.p99} ms${dash.graphqlErrors ? ' (answers carried errors)' : ''}`
      : 'not run',
    ok: dash
      ? dash.requestsPerSecond >= 1000 && dash.latencyMs.p99 < 50 && !dash.graphqlErrors && dash.errorRate === 0
      : undefined,
  });
  const overhead = r.gateway?.overheadRatios ?? [];
  rows.push({
    target: 'Gateway overhead on a one-subgraph operation <= 3x the subgraph alone',
    measured: overhead.length ? overhead.map((o) => `${o.operation} ${f2(o.ratio)}x`).join(', ') : 'not run',
    ok: overhead.length ? overhead.every((o) => o.ratio <= 3) : undefined,
  });
  const peer = r.gateway?.peerRatios ?? [];
  rows.push({
    target: 'Our gateway ahead of @graphql-hive/gateway (ratio > 1.0)',
    measured: peer.length
      ? peer.map((o) => `${o.operation} ${f2(o.ratio)}`).join(', ')
      : r.gateway?.peerError
        ? `peer failed: ${r.gateway.peerError}`
        : 'not run',
    ok: peer.length ? peer.every((o) => o.ratio > 1) : undefined,
  });
  rows.push({
    target: 'SQL statements per list operation constant in the page size',
    measured: r.sql
      ? Object.entries(r.sql.constant)
          .map(
            ([op, ok]) =>
              `${op} ${ok ? 'constant' : 'grows'} (${r
                .sql!.rows.filter((x) => x.operation === op)
                .map((x) => x.statements)
                .join('/')})`,
          )
          .join(', ')
      : 'not run',
    ok: r.sql ? Object.values(r.sql.constant).every(Boolean) && r.sql.rows.every((x) => !x.errors) : undefined,
  });
  const ev = r.events;
  rows.push({
    target: `Event propagation p99 < 100 ms at 200 events/s`,
    measured: ev
      ? `board ${f0(ev.boardEntryGone.p99)} ms, judge score ${f0(ev.judgeScoreUpdated.p99)} ms, partner ${f0(ev.partnerReceivedCreditChange.p99)} ms (n=${ev.partnerReceivedCreditChange.count}/${ev.prepared.listed}, ${f0(ev.achievedRatePerSecond)}/s)`
      : 'not run',
    ok: ev
      ? ev.prepared.listed > 0 &&
        [ev.boardEntryGone, ev.judgeScoreUpdated, ev.partnerReceivedCreditChange].every(
          (d) => d.count === ev.prepared.listed && d.p99 < 100,
        )
      : undefined,
  });
  const imp = r.import?.runs ?? [];
  rows.push({
    target: 'Import >= 10,000 judgments/s; memory flat with file size',
    measured: imp.length
      ? imp.map((x) => `${f0(x.rows)} rows: ${f0(x.judgmentsPerSecond)}/s, peak ${x.peakRssMb} MB`).join('; ')
      : 'not run',
    ok: imp.length
      ? imp.every((x) => x.exitCode === 0 && x.judgmentsPerSecond >= 10_000) &&
        (imp.length < 2 || Math.max(...imp.map((x) => x.peakRssMb)) <= 1.5 * Math.min(...imp.map((x) => x.peakRssMb)))
      : undefined,
  });
  const province = r.cockpit?.province;
  const cockpit = r.cockpit?.runs.find((x) => x.target === (province ? 'subgraph-direct' : 'zhiyuan-gateway'));
  const single = province?.singleConnection;
  rows.push({
    target: 'Cockpit (township dashboard) p99 < 20 ms at province scale',
    measured: cockpit
      ? province
        ? `province scale (${f0(province.closedCases)} closed cases as facts), at the metrics subgraph: p99 ${single ? `${single.latencyMs.p99} ms at 1 connection, ` : ''}${cockpit.latencyMs.p99} ms at ${r.meta.settings.connections} connections (${f0(cockpit.requestsPerSecond)} req/s)${cockpit.graphqlErrors ? ' (answers carried errors)' : ''}`
        : `${r.cockpit!.scale} scale: p99 ${cockpit.latencyMs.p99} ms at ${f0(cockpit.requestsPerSecond)} req/s${cockpit.graphqlErrors ? ' (answers carried errors)' : ''}; province scale in province.md`
      : 'not run',
    ok: cockpit && province ? cockpit.latencyMs.p99 < 20 && !cockpit.graphqlErrors : undefined,
  });
  return rows;
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.meta;
  const out: string[] = [];
  out.push(`# Benchmark results: ${m.scale} scale`, '');
  out.push(`Run ${m.startedAt} to ${m.finishedAt ?? '?'}, seed ${m.seed}, scenarios ${m.scenarios.join(', ')}.`);
  out.push(
    `Machine: ${m.machine.cpus} CPUs (${m.machine.cpuModel}), ${m.machine.memoryGb} GB, Node ${m.machine.node}, ${m.machine.platform}.`,
  );
  const placement =
    m.subgraphs === 'processes'
      ? 'each subgraph in a process of its own (services/<name>/src/main.ts as deployed)'
      : 'the four subgraphs in the benchmark process';
  out.push(
    `Load runs: ${m.settings.durationSeconds} s each, ${m.settings.connections} connections; ${r.gateway?.conditions ?? placement}; PostgreSQL and a private nats-server on the same machine.`,
    '',
  );
  out.push('## Targets', '', '| target | measured | result |', '| --- | --- | --- |');
  for (const t of targets(r)) out.push(`| ${t.target} | ${t.measured} | ${yes(t.ok)} |`);
  out.push('');
  if (r.notes?.length) {
    out.push('## Notes', '');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  if (r.backlog) out.push(...renderBacklog(r.backlog));
  if (r.soak) out.push(...renderSoak(r.soak));
  if (r.traffic && !r.soak) out.push(...renderTraffic(r.traffic));
  if (r.tracing) {
    const tr = r.tracing;
    out.push('## Tracing on and off (village dashboard)', '');
    out.push(
      `Village ${tr.village}; ${tr.conditions}.`,
      '',
      '| target | req/s | p50 | p99 |',
      '| --- | --- | --- | --- |',
    );
    for (const run of tr.runs)
      out.push(
        `| ${run.target} | ${f0(run.requestsPerSecond)} | ${f1(run.latencyMs.p50)} ms | ${f1(run.latencyMs.p99)} ms |`,
      );
    out.push(
      '',
      `Traced ÷ untraced: ${tr.ratio.requestsPerSecond.toFixed(2)} × the requests per second, ${tr.ratio.p99.toFixed(2)} × the p99 (${f0(tr.exportRequests)} exports, ${f0(tr.exportedBytes / 1024)} KiB).` +
        (tr.loadAverages?.length
          ? ` Load average as each run started: ${tr.loadAverages.map((l) => l.toFixed(1)).join(' / ')} on ${r.meta.machine.cpus} cores${Math.max(...tr.loadAverages) > r.meta.machine.cpus ? ': the machine was busy with other work, the ratio is mostly noise' : ''}.`
          : ''),
      '',
    );
  }
  if (r.live) {
    const l = r.live;
    out.push('## Live subscriptions', '');
    out.push(
      `${f0(l.subscribers)} SSE subscribers (distinct village cadres) on caseUpdated of ${f0(l.cases)} open cases in ${f0(l.villages)} villages; ${f0(l.payments)} payments through the gateway at ${f1(l.achievedRatePerSecond)}/s (target ${f0(l.targetRatePerSecond)}/s, ${f0(l.paymentErrors)} refused${l.paymentErrorCodes && l.paymentErrors ? ` ${JSON.stringify(l.paymentErrorCodes)}` : ''}).`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| messages expected / received | ${f0(l.expected)} / ${f0(l.received)} |`,
      `| dropped / duplicated | ${f0(l.dropped)} / ${f0(l.duplicated)} |`,
      `| payment sent → message, p50 / p99 / max | ${f1(l.latencyFromSendMs.p50)} / ${f1(l.latencyFromSendMs.p99)} / ${f1(l.latencyFromSendMs.max)} ms |`,
      `| payment answered → message, p50 / p99 / max | ${f1(l.latencyFromAnswerMs.p50)} / ${f1(l.latencyFromAnswerMs.p99)} / ${f1(l.latencyFromAnswerMs.max)} ms |`,
      ...(l.latencyFromEventMs && l.byEvent
        ? [
            ...(l.latencyFromCommitMs
              ? [
                  `| payment committed (its event's occurredAt, stamped just before COMMIT) → message, p50 / p99 / max | ${f1(l.latencyFromCommitMs.p50)} / ${f1(l.latencyFromCommitMs.p99)} / ${f1(l.latencyFromCommitMs.max)} ms |`,
                ]
              : []),
            `| event on NATS → message (the live edge's own share), p50 / p99 / max | ${f1(l.latencyFromEventMs.p50)} / ${f1(l.latencyFromEventMs.p99)} / ${f1(l.latencyFromEventMs.max)} ms |`,
            `| by event: payment events heard, messages expected / received / missing | ${f0(l.byEvent.events)}, ${f0(l.byEvent.expected)} / ${f0(l.byEvent.received)} / ${f0(l.byEvent.missing)} |`,
            ...(l.perSubscriber
              ? [
                  `| exact, per subscriber: events of its case / distinct events received / lost | ${f0(l.perSubscriber.expected)} / ${f0(l.perSubscriber.received)} / ${f0(l.perSubscriber.lost)} |`,
                ]
              : []),
          ]
        : []),
      `| gateway CPU during the run | ${f1(l.gatewayCpuPercent)} % of one core |`,
      `| gateway RSS before / with subscribers | ${f0(l.gatewayRssMb.before)} / ${f0(l.gatewayRssMb.withSubscribers)} MB (${f1(l.gatewayRssMb.perThousandSubscribers)} MB per 1,000) |`,
      ...(l.idle
        ? [
            `| idle subscribers held (opened) | ${f0(l.idle.subscribers)} (${f0(l.idle.opened)} more), gateway RSS ${f0(l.idle.rssMb)} MB, ${f1(l.idle.perThousandMb)} MB per 1,000 |`,
          ]
        : []),
      '',
    );
  }
  if (r.notRun.length) {
    out.push('## Not run', '');
    for (const n of r.notRun) out.push(`- **${n.scenario}**: ${n.reason}`);
    out.push('');
  }
  if (r.generate) {
    const g = r.generate;
    out.push(
      '## Data generator',
      '',
      `${f0(g.rows.judgments)} judgments, ${f0(g.rows.parties)} parties, ${f0(g.rows.divisions)} divisions in ${f1(g.seconds)} s (${f0(g.judgmentsPerSecond)} judgments/s), peak RSS ${g.peakRssMb} MB.`,
      '',
    );
  }
  if (r.load) {
    const l = r.load;
    out.push('## Loading through the product', '');
    out.push(
      `- Parties: ${f0(l.parties.registered)} of ${f0(l.parties.requested)} registered by people-credit's registerPerson/registerOrganization in ${f1(l.parties.seconds)} s (${f0(l.parties.perSecond)}/s)${Object.keys(l.parties.failed).length ? `; failures ${JSON.stringify(l.parties.failed)}` : ''}.`,
    );
    out.push(
      `- Judgments: ${f0(l.judgments.imported)} of ${f0(l.judgments.requested)} imported by ${l.judgments.via} in ${f1(l.judgments.seconds)} s (rejected ${l.judgments.rejected}).`,
    );
    out.push(
      `- Case lives (payments, filings, settlements, listings, state changes) in ${f1(l.lifecycle.seconds)} s: applied ${JSON.stringify(l.lifecycle.applied)}.`,
    );
    if (Object.keys(l.lifecycle.failed).length) {
      out.push(`- Refused steps: ${JSON.stringify(l.lifecycle.failed)}. First messages:`);
      for (const e of l.lifecycle.firstErrors) out.push(`  - ${e}`);
    }
    out.push(
      `- Events settled ${f1(l.settle.seconds)} s after the last mutation (${f0(l.settle.handledEvents)} inbox rows${l.settle.timedOut ? ', **timed out**' : ''}).`,
    );
    const dead = Object.entries(l.deadLettered ?? {});
    out.push(
      dead.length
        ? `- Dead-lettered events: ${dead.map(([k, v]) => `${k} ${v}`).join(', ')}.`
        : '- No event was dead-lettered.',
      '',
    );
  }
  if (r.gateway) {
    const g = r.gateway;
    out.push('## Gateway, peer gateway, subgraph alone', '');
    out.push(`Village ${g.targets.village}, township ${g.targets.township}, case ${g.targets.caseId ?? 'n/a'}.`, '');
    out.push(
      '| operation | target | req/s | p50 ms | p90 ms | p99 ms | error rate | GraphQL errors in a sampled answer | process RSS MB (before/after) |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    );
    for (const x of g.runs)
      out.push(
        `| ${x.operation} | ${x.target} | ${f0(x.requestsPerSecond)} | ${x.latencyMs.p50} | ${x.latencyMs.p90} | ${x.latencyMs.p99} | ${f2(x.errorRate * 100)}% | ${x.graphqlErrors ?? 'none'} | ${x.serverRssMb?.before}/${x.serverRssMb?.after} |`,
      );
    out.push('');
    if (g.overheadRatios.length)
      out.push(
        `Gateway overhead (subgraph alone req/s ÷ through our gateway): ${g.overheadRatios.map((o) => `${o.operation} ${f2(o.ratio)}x`).join(', ')}.`,
      );
    if (g.peerRatios.length)
      out.push(
        `Peer ratio (ours req/s ÷ @graphql-hive/gateway req/s): ${g.peerRatios.map((o) => `${o.operation} ${f2(o.ratio)}`).join(', ')}.`,
      );
    if (g.peerRatiosNoCache?.length)
      out.push(
        `Peer ratio with our response cache off (the cacheable operations): ${g.peerRatiosNoCache.map((o) => `${o.operation} ${f2(o.ratio)}`).join(', ')}.`,
      );
    if (g.peerRatiosTwoWorkers?.length)
      out.push(
        `Peer ratio with GATEWAY_WORKERS=2 (the uncached operations): ${g.peerRatiosTwoWorkers.map((o) => `${o.operation} ${f2(o.ratio)}`).join(', ')}.`,
      );
    if (g.peerError) out.push(`The peer gateway could not start: ${g.peerError}`);
    out.push('');
  }
  if (r.sql) {
    out.push(
      '## SQL statements per operation',
      '',
      '| operation | page size | rows returned | statements | by service | errors |',
      '| --- | ---: | ---: | ---: | --- | --- |',
    );
    for (const x of r.sql.rows)
      out.push(
        `| ${x.operation} | ${x.pageSize} | ${x.returned ?? 'n/a'} | ${x.statements} | ${Object.entries(x.byService)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} | ${x.errors ?? ''} |`,
      );
    out.push('');
  }
  if (r.webhooks) {
    const w = r.webhooks;
    const d = w.commitToAcknowledged;
    out.push('## Partner webhooks', '');
    out.push(
      `people-credit alone (in-process bus), one webhook on a loopback receiver answering 204. ${w.changes} listings at ${w.targetRatePerSecond}/s (achieved ${f0(w.achievedRatePerSecond)}/s, ${w.errors} errors), each one credit-link change for the department. Milliseconds from the listing mutation's answer (its transaction committed) to the receiver's 2xx:`,
      '',
      '| n | p50 | p90 | p99 | max |',
      '| ---: | ---: | ---: | ---: | ---: |',
      `| ${d.count} | ${f0(d.p50)} | ${f0(d.p90)} | ${f0(d.p99)} | ${f0(d.max)} |`,
      '',
      `A backlog of ${w.backlog.deliveries} held deliveries (paused, then resumed) drained in ${w.backlog.seconds.toFixed(1)} s: ${f0(w.backlog.perSecond)} deliveries/s.`,
      '',
    );
  }
  if (r.events) {
    const e = r.events;
    out.push('## Event propagation over real NATS', '');
    out.push(
      `${e.prepared.listed} listed obligors paid in full, target ${e.targetRatePerSecond}/s, achieved ${f0(e.achievedRatePerSecond)}/s. Milliseconds from the payment's transaction (the time PostgreSQL gave its outbox row: the transaction's start, a few ms before its commit) to each effect:`,
      '',
    );
    out.push(
      '| effect | n | p50 | p90 | p99 | max | how it is observed |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    const rows: [string, EventsResults['boardEntryGone']][] = [
      ...(e.paymentAnswered
        ? [['(on the way) payment answered', e.paymentAnswered] as [string, EventsResults['boardEntryGone']]]
        : []),
      ...(e.paymentEventPublished
        ? [
            ['(on the way) payment event published', e.paymentEventPublished] as [
              string,
              EventsResults['boardEntryGone'],
            ],
          ]
        : []),
      ['exposure board entry gone', e.boardEntryGone],
      ['credit.listing.removed received', e.listingRemovedEventReceived],
      ["judge's score updated", e.judgeScoreUpdated],
      ['partner receives credit.link.changed', e.partnerReceivedCreditChange],
    ];
    for (const [name, d] of rows)
      out.push(`| ${name} | ${d.count} | ${f0(d.p50)} | ${f0(d.p90)} | ${f0(d.p99)} | ${f0(d.max)} | ${d.method} |`);
    if (Object.keys(e.missing).length) out.push('', `Missing effects: ${JSON.stringify(e.missing)}.`);
    if (e.statementsPerPayment) {
      const fmt = (m: Record<string, number>) =>
        Object.entries(m)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none';
      const sum = (m: Record<string, number>) => f1(Object.values(m).reduce((a, b) => a + b, 0));
      out.push(
        '',
        `SQL statements per payment: ${sum(e.statementsPerPayment.requests)} serving the mutation (${fmt(e.statementsPerPayment.requests)}), ${sum(e.statementsPerPayment.background)} in the background until events settled: relays, event handlers (${fmt(e.statementsPerPayment.background)}).`,
      );
    }
    if (Object.keys(e.prepared.failures).length)
      out.push(
        '',
        `Preparation failures: ${JSON.stringify(e.prepared.failures)}; ${e.prepared.firstErrors.join(' | ')}`,
      );
    if (Object.keys(e.paymentErrors).length) out.push('', `Payment errors: ${JSON.stringify(e.paymentErrors)}.`);
    out.push('');
  }
  if (r.import) {
    out.push(
      '## Import',
      '',
      `Command: ${r.import.command}.`,
      '',
      '| rows | file MB | imported | rejected | seconds | judgments/s | peak RSS MB |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const x of r.import.runs)
      out.push(
        `| ${f0(x.rows)} | ${x.fileMb} | ${f0(x.imported)} | ${f0(x.rejected)} | ${f1(x.seconds)} | ${f0(x.judgmentsPerSecond)} | ${x.peakRssMb} |${x.error ? ` error: ${x.error.replace(/\n/g, ' ').slice(0, 200)}` : ''}`,
      );
    out.push('');
  }
  if (r.cockpit) {
    out.push(
      `## Cockpit (${r.cockpit.scale} scale, township ${r.cockpit.township})`,
      '',
      '| target | req/s | p50 ms | p99 ms | errors |',
      '| --- | ---: | ---: | ---: | --- |',
    );
    const single = r.cockpit.province?.singleConnection;
    if (single)
      out.push(
        `| ${single.target}, 1 connection | ${f0(single.requestsPerSecond)} | ${single.latencyMs.p50} | ${single.latencyMs.p99} | ${single.graphqlErrors ?? 'none'} |`,
      );
    for (const x of r.cockpit.runs)
      out.push(
        `| ${x.target}, ${m.settings.connections} connections | ${f0(x.requestsPerSecond)} | ${x.latencyMs.p50} | ${x.latencyMs.p99} | ${x.graphqlErrors ?? 'none'} |`,
      );
    out.push('');
    const p = r.cockpit.province;
    if (p)
      out.push(
        `Facts: ${p.method}. ${f0(p.closedCases)} closed and ${f0(p.openCases)} open cases written in ${p.factSeconds} s; read models recomputed in ${p.recomputeSeconds} s (${Object.entries(
          p.readModelRows ?? {},
        )
          .map(([k, v]) => `${k} ${f0(v as number)}`)
          .join(', ')}).`,
        '',
      );
  }
  return `${out.join('\n')}\n`;
}

/** The traffic scenario: per operation and overall, the write stream, and what the cache and the deduplication served. */
export function renderTraffic(tr: TrafficResults): string[] {
  const pct = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : `${f1(n * 100)} %`);
  const out: string[] = [];
  out.push(`## Realistic traffic (response cache ${tr.cache})`, '');
  const load = tr.loadAverage
    ? ` Load average ${f1(tr.loadAverage.start)} as it started, ${f1(tr.loadAverage.end)} as it ended.`
    : '';
  out.push(
    `${f0(tr.durationSeconds)} s, ${tr.connections} connections; ${tr.conditions}.${load} Every request is drawn at random with its own identity and arguments from ${tr.identities.cadres} village cadres (their own village), ${tr.identities.liaisons} township liaisons, ${tr.identities.officers} officers, ${tr.identities.admins ?? 0} administrators, ${tr.identities.judges} judges and the anonymous public (the board).`,
    '',
    '| operation | share | requests | req/s | p50 | p99 | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const o of tr.byOperation)
    out.push(
      `| ${o.operation} | ${o.share} % | ${f0(o.requests)} | ${f0(o.requestsPerSecond)} | ${f1(o.latencyMs.p50)} ms | ${f1(o.latencyMs.p99)} ms | ${f2(o.errorRate * 100)} %${Object.keys(o.graphqlErrors).length ? ` ${JSON.stringify(o.graphqlErrors)}` : ''} |`,
    );
  const a = tr.overall;
  out.push(
    `| **all** | 100 % | ${f0(a.requests)} | ${f0(a.requestsPerSecond)} | ${f1(a.latencyMs.p50)} ms | ${f1(a.latencyMs.p99)} ms | ${f2(a.errorRate * 100)} % |`,
    '',
  );
  const w = tr.writes;
  out.push(
    `Writes: ${f1(w.achievedRatePerSecond)}/s of ${w.targetRatePerSecond}/s asked (${Object.entries(w.mix)
      .map(([k, n]) => `${k} ${n} %`)
      .join(', ')}); ${Object.entries(w.byKind)
      .map(
        ([k, b]) =>
          `${k}: ${b.ok} of ${b.sent} ok, p99 ${f1(b.p99Ms)} ms${Object.keys(b.errors).length ? `, refused ${JSON.stringify(b.errors)}` : ''}`,
      )
      .join('; ')}.`,
    '',
    `Gateway (its Prometheus series over the run): response cache hit rate ${pct(tr.gateway.responseCacheHitRate)} (${JSON.stringify(tr.gateway.responseCache)}); subgraph fetches deduplicated ${pct(tr.gateway.dedupedShare)} (${f0(tr.gateway.subgraphFetches.shared)} shared of ${f0(tr.gateway.subgraphFetches.fetched + tr.gateway.subgraphFetches.shared)}).${tr.cache === 'on' ? ' Figures with the cache on are served partly from it: read them with this hit rate.' : ''}`,
    '',
  );
  if (tr.firstErrors.length) {
    out.push('First errors:', '');
    for (const e of tr.firstErrors) out.push(`- ${e.replace(/\|/g, '\\|')}`);
    out.push('');
  }
  return out;
}

/** The backlog: how the consumers were held back, the drain's clock, the read model checks, each consumer's rate and what limited it. */
export function renderBacklog(b: BacklogResults): string[] {
  const out: string[] = [];
  out.push('## Backlog digestion', '');
  out.push(
    `${f0(b.judgments)} judgments with their case lives (${Object.entries(b.load.lifecycle.applied)
      .map(([k, n]) => `${k} ${f0(n)}`)
      .join(
        ', ',
      )}; refused ${JSON.stringify(b.load.lifecycle.failed)}), loaded in ${f0(b.load.parties.seconds + b.load.judgments.seconds + b.load.lifecycle.seconds)} s (parties ${f0(b.load.parties.seconds)} s, import ${f1(b.load.judgments.seconds)} s, lives ${f0(b.load.lifecycle.seconds)} s); the import ended at ${b.importEndedAt}.`,
    '',
    `Held back: ${b.heldBack.join(', ')}. ${b.howHeldBack}`,
    '',
    `${b.conditions}. Load average ${f1(b.loadAverage.start)} at the import's end, ${f1(b.loadAverage.end)} at the drain's end.`,
    '',
    "| from the import's end | seconds |",
    '| --- | ---: |',
    `| ${b.heldBack.join(' and ')} started (ready) | ${f1(b.startedAfterSeconds)} |`,
    `| every durable idle, every outbox drained | ${b.idleAfterSeconds === null ? 'never' : f1(b.idleAfterSeconds)} |`,
    `| every read model check agreeing | ${b.completeAfterSeconds === null ? 'never' : f1(b.completeAfterSeconds)} |`,
    `| **both (the target's figure, < ${b.targetSeconds} s)** | ${b.drainedAfterSeconds === null ? '**not within the wait**' : `**${f1(b.drainedAfterSeconds)}**`} |`,
    '',
    '| read model check | expected | read model | agrees |',
    '| --- | ---: | ---: | --- |',
    ...b.completeness.map(
      (c) =>
        `| ${c.check} | ${f0(c.expected)} | ${c.actual === null ? 'n/a' : f0(c.actual)} | ${c.ok ? 'yes' : '**no**'} |`,
    ),
    '',
    'Events through each consumer after the import (its inbox rows; a batch shares one handled_at):',
    '',
    "| consumer | handled | events/s (first to last) | events/s (from the import's end) | done after |",
    '| --- | ---: | ---: | ---: | ---: |',
    ...b.throughput.map(
      (t) =>
        `| ${t.schema}: ${t.consumer} | ${f0(t.handled)} | ${t.eventsPerSecond === null ? 'n/a' : f0(t.eventsPerSecond)} | ${f0(t.eventsPerSecondSinceStart)} | ${f1(t.finishedAfterSeconds)} s |`,
    ),
    '',
    `CPU over the ${f1(b.cpu.windowSeconds)} s of the drain (cores): ${Object.entries(b.cpu.cores)
      .sort((x, y) => y[1] - x[1])
      .map(([n, c]) => `${n} ${f2(c)}`)
      .join(
        ', ',
      )}; the whole machine ${f2(b.cpu.machineBusyCores)} of its cores busy. What limited it: ${b.cpu.limiter}.`,
    '',
  );
  const { busy, others } = consumersIdle(b.consumers, PRODUCT_SERVICES);
  if (others.length)
    out.push(
      `Left out of the drain (durables the partners' systems pull, not the product's consumers): ${others.map((c) => `${c.name} ${f0(c.pending)} pending`).join(', ')}.`,
      '',
    );
  if (busy.length) {
    out.push('Durables still busy at the end:', '');
    for (const c of busy)
      out.push(`- ${c.stream} ${c.name}: ${f0(c.pending)} pending, ${f0(c.ackPending)} unacknowledged`);
    out.push('');
  }
  if (Object.keys(b.deadLettered).length) out.push(`Dead-lettered: ${JSON.stringify(b.deadLettered)}.`, '');
  return out;
}

/** The soak: memory of each process at the reference time and at the end, the series, and the errors. */
export function renderSoak(k: SoakResults): string[] {
  const out: string[] = [];
  const names = k.memory.map((p) => p.process);
  out.push('## Soak', '');
  out.push(
    `${f0(k.durationSeconds)} s of the traffic scenario (below) at ${k.traffic.writes.targetRatePerSecond} writes/s; resident memory of each process sampled every 10 s (a server's process tree; PostgreSQL: the private memory of the backends serving the run's database, summed, without the shared buffers). Reference: the sample at ${f0(k.referenceSeconds)} s; tolerance ±${f0(k.tolerance * 100)} %. Errors: ${f0(k.errors.requests)} requests, ${f0(k.errors.writes)} writes. Verdict of this run: ${k.ok === undefined ? 'not judged' : k.ok ? 'flat, no error' : '**missed**'}.`,
    '',
    '| process | at reference | at end | peak | change | within ±15 % |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...k.memory.map(
      (p) =>
        `| ${p.process} | ${p.referenceMb === null ? 'n/a' : `${f1(p.referenceMb)} MB`} | ${p.endMb === null ? 'n/a' : `${f1(p.endMb)} MB`} | ${p.peakMb === null ? 'n/a' : `${f1(p.peakMb)} MB`} | ${p.change === null ? 'n/a' : `${p.change >= 0 ? '+' : ''}${f1(p.change * 100)} %`} | ${p.ok === undefined ? 'n/a' : p.ok ? 'yes' : '**no**'} |`,
    ),
    '',
    'Series (MB):',
    '',
    `| s | ${names.join(' | ')} |`,
    `| ---: | ${names.map(() => '---:').join(' | ')} |`,
    ...k.samples.map(
      (s) =>
        `| ${f0(s.tSec)} | ${names.map((n) => (s.rssBytes[n] === undefined ? '' : f0(s.rssBytes[n]! / 1e6))).join(' | ')} |`,
    ),
    '',
  );
  out.push(...renderTraffic(k.traffic));
  return out;
}
