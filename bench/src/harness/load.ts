import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { identity } from '@zhiyuan/testing';
import type { Dataset, JudgmentRow, Step } from '../generator';
import { writeJudgmentsCsv } from '../generator';
import { callerFor, gql, pool } from './client';
import { deadLetters, type BenchEnvironment } from './infra';
import { waitForQuiet } from './settle';
import { processTree, rssBytes } from './proc';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface LoadedData {
  partyIds: string[];
  /** By judgment index. */
  caseIds: (string | undefined)[];
  judgeIds: string[];
  report: LoadReport;
}

export interface LoadReport {
  parties: {
    requested: number;
    registered: number;
    failed: Record<string, number>;
    seconds: number;
    perSecond: number;
  };
  judgments: { requested: number; imported: number; rejected: number; seconds: number; via: string };
  lifecycle: {
    applied: Record<string, number>;
    failed: Record<string, number>;
    firstErrors: string[];
    seconds: number;
    /** When the last step of the case lives was answered: the end of the history's import. */
    endedAt?: string;
  };
  settle: { seconds: number; handledEvents: number; timedOut: boolean };
  /** Events a consumer gave up on (after its redeliveries), by dead-letter subject. */
  deadLettered: Record<string, number>;
}

export const ADMIN_ID = identity(['ADMIN'], { sub: 'bench-admin', divisionCode: '330522' });

const REGISTER_PERSON = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/**
 * Loads the dataset through the product's own paths: parties by people-credit's registration
 * mutations, judgments by the cases import command, their lives by the cases and people-credit
 * mutations; read models then build from the events as in production.
 */
export async function loadDataset(
  env: BenchEnvironment,
  ds: Dataset,
  opts: {
    judgments: number;
    concurrency?: number;
    log?: (m: string) => void;
    /** Skip the wait for the events to settle after the last step (the backlog scenario times that itself). */
    skipFinalSettle?: boolean;
  },
): Promise<LoadedData> {
  const log = opts.log ?? (() => undefined);
  const concurrency = opts.concurrency ?? 8;
  const admin = await callerFor(ADMIN_ID);
  const pc = env.stack.services.peopleCredit.url;
  const cases = env.stack.services.cases.url;

  // Judges from people-credit's seeded staff.
  const staff = await gql(pc, `{ staffMembers(role: "JUDGE", first: 50) { nodes { id } } }`, {}, admin.internalHeaders);
  const judgeIds: string[] = staff.data?.staffMembers?.nodes?.map((n: { id: string }) => n.id) ?? [];

  // Only the parties the loaded judgments refer to (all of them at full county scale).
  const needed = new Set<number>();
  for (const j of ds.judgments(0, opts.judgments)) {
    needed.add(j.obligorIndex);
    needed.add(j.obligeeIndex);
  }
  const partyIds: string[] = [];
  const failed: Record<string, number> = {};
  let t0 = Date.now();
  await pool(
    [...needed].sort((a, b) => a - b),
    concurrency,
    async (i) => {
      const p = ds.party(i);
      const r =
        p.kind === 'PERSON'
          ? await gql(
              pc,
              REGISTER_PERSON,
              {
                input: {
                  name: p.name,
                  idNumber: p.idNumber,
                  phone: p.phone,
                  homeDivisionCode: p.homeDivisionCode,
                  disability: p.disability,
                  seriousIllness: p.seriousIllness,
                  lowIncome: p.lowIncome,
                },
              },
              admin.internalHeaders,
            )
          : await gql(
              pc,
              REGISTER_ORG,
              {
                input: {
                  name: p.name,
                  creditCode: p.idNumber,
                  legalRepresentative: p.legalRepresentative,
                  phone: p.phone,
                  registeredDivisionCode: p.homeDivisionCode,
                },
              },
              admin.internalHeaders,
            );
      const id = r.data?.registerPerson?.id ?? r.data?.registerOrganization?.id;
      if (id) partyIds[i] = id;
      else count(failed, String(r.errors?.[0]?.extensions?.code ?? r.errors?.[0]?.message ?? r.status));
    },
  );
  const partySeconds = (Date.now() - t0) / 1000;
  log(
    `parties: ${needed.size - Object.values(failed).reduce((s, n) => s + n, 0)} registered in ${partySeconds.toFixed(1)} s`,
  );

  // The party projection in cases routes judgments: let the registration events arrive first.
  await waitForQuiet(env.stack.databaseUrl, { quietMs: 1000, timeoutMs: 120_000 });

  // Judgments through the import command, with the real party and judge ids.
  const csv = path.join(os.tmpdir(), `zy-bench-judgments-${process.pid}.csv`);
  await writeJudgmentsCsv(
    ds,
    csv,
    { party: (i) => partyIds[i] ?? ds.party(i).key, judge: (i) => judgeIds[i % Math.max(1, judgeIds.length)] ?? null },
    0,
    opts.judgments,
  );
  t0 = Date.now();
  const imp = await runImportCommand(csv, env.stack.databaseUrl, ['--urging', 'AUTO']);
  rmSync(csv, { force: true });
  rmSync(`${csv}.rejects.csv`, { force: true });
  if (imp.exitCode !== 0) throw new Error(`the import command failed (${imp.exitCode}): ${imp.stderrTail}`);
  const importSeconds = (Date.now() - t0) / 1000;
  log(`judgments: ${imp.summary?.imported ?? 0} imported in ${importSeconds.toFixed(1)} s`);

  // Case ids by case number.
  const caseIds: (string | undefined)[] = [];
  const byNumber = new Map<string, number>();
  for (const j of ds.judgments(0, opts.judgments)) byNumber.set(j.caseNumber, j.index);
  let after: string | null = null;
  for (;;) {
    const r: { data?: any; errors?: unknown[] } = await gql(
      cases,
      `query($after: String) { cases(first: 500, after: $after) { nodes { id caseNumber } pageInfo { hasNextPage endCursor } } }`,
      { after },
      admin.internalHeaders,
    );
    const conn:
      | { nodes: { id: string; caseNumber: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
      | undefined = r.data?.cases;
    if (!conn) throw new Error(`listing cases failed: ${JSON.stringify(r.errors?.[0])}`);
    for (const n of conn.nodes as { id: string; caseNumber: string }[]) {
      const i = byNumber.get(n.caseNumber);
      if (i !== undefined) caseIds[i] = n.id;
    }
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }

  // The life of every case, each case's steps in order, cases in parallel. A listing needs
  // people-credit's projection of the case (fed by events), so the lives run in two phases: the steps
  // before a listing, then (once the events have arrived) the listing and the steps after it.
  const applied: Record<string, number> = {};
  const lifecycleFailed: Record<string, number> = {};
  const firstErrors: string[] = [];
  t0 = Date.now();
  const broken = new Set<number>();
  for (const phase of [0, 1]) {
    let done = 0;
    await pool(ds.judgments(0, opts.judgments), concurrency, async (j) => {
      const caseId = caseIds[j.index];
      if (!caseId || broken.has(j.index)) return;
      const cut = j.steps.findIndex((s) => s.kind === 'listDishonest');
      const steps = phase === 0 ? j.steps.slice(0, cut < 0 ? undefined : cut) : cut < 0 ? [] : j.steps.slice(cut);
      for (const step of steps) {
        const err = await applyStep(env, admin.internalHeaders, j, caseId, partyIds[j.obligorIndex], step);
        if (err === null) count(applied, step.kind);
        else {
          count(lifecycleFailed, `${step.kind}:${err.code}`);
          if (firstErrors.length < 12 && !firstErrors.some((e) => e.startsWith(`${step.kind}:${err.code}`)))
            firstErrors.push(`${step.kind}:${err.code}: ${err.message}`);
          // The rest of this case's life depends on the refused step (a refused listing does not).
          if (step.kind !== 'listDishonest') {
            broken.add(j.index);
            break;
          }
        }
      }
      if (++done % 1000 === 0) log(`lifecycle phase ${phase + 1}: ${done} cases`);
    });
    if (phase === 0) {
      const s = await waitForQuiet(env.stack.databaseUrl, { quietMs: 2000, timeoutMs: 600_000 });
      log(`lifecycle phase 1 done; events settled after ${(s.ms / 1000).toFixed(1)} s`);
    }
  }
  const endedAt = new Date().toISOString();
  const lifecycleSeconds = (Date.now() - t0) / 1000;
  const settle = opts.skipFinalSettle
    ? { ms: 0, handled: 0, timedOut: false }
    : await waitForQuiet(env.stack.databaseUrl, { quietMs: 2000, timeoutMs: 300_000 });
  log(
    `lifecycle in ${lifecycleSeconds.toFixed(1)} s${opts.skipFinalSettle ? '' : `, events settled ${(settle.ms / 1000).toFixed(1)} s later`}`,
  );
  const registered = partyIds.filter(Boolean).length;
  return {
    partyIds,
    caseIds,
    judgeIds,
    report: {
      parties: {
        requested: needed.size,
        registered,
        failed,
        seconds: partySeconds,
        perSecond: registered / partySeconds,
      },
      judgments: {
        requested: opts.judgments,
        imported: imp.summary?.imported ?? 0,
        rejected: imp.summary?.rejected ?? 0,
        seconds: importSeconds,
        via: 'npm run import:judgments (cases import command), --urging AUTO',
      },
      lifecycle: { applied, failed: lifecycleFailed, firstErrors, seconds: lifecycleSeconds, endedAt },
      settle: { seconds: settle.ms / 1000, handledEvents: settle.handled, timedOut: settle.timedOut },
      deadLettered: await deadLetters(env.nats?.url),
    },
  };
}

async function applyStep(
  env: BenchEnvironment,
  headers: Record<string, string>,
  j: JudgmentRow,
  caseId: string,
  obligorId: string | undefined,
  step: Step,
): Promise<{ code: string; message: string } | null> {
  const cases = env.stack.services.cases.url;
  let r;
  switch (step.kind) {
    case 'startUrging':
      // Urging starts at intake (the import runs with urging AUTO).
      return null;
    case 'payment':
      r = await gql(
        cases,
        `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { performance { id } } }`,
        { input: { caseId, amountFen: step.amountFen, paidOn: step.on, channel: step.channel } },
        headers,
      );
      break;
    case 'fileEnforcement':
      r = await gql(
        cases,
        `mutation($input: FileEnforcementInput!) { fileEnforcement(input: $input) { id } }`,
        { input: { caseId, enforcementNumber: step.enforcementNumber, needsService: step.needsService } },
        headers,
      );
      break;
    case 'settlement':
      r = await gql(
        cases,
        `mutation($input: AgreeSettlementInput!) { agreeSettlement(input: $input) { id } }`,
        {
          input: {
            caseId,
            kind: step.settlementKind,
            terms:
              step.settlementKind === 'INSTALMENT_PLAN' ? `分${step.instalments.length}期履行` : '双方达成执行和解',
            instalments: step.instalments,
            agreedOn: step.on,
          },
        },
        headers,
      );
      break;
    case 'changeState':
      r = await gql(
        cases,
        `mutation($caseId: ID!, $to: CaseState!, $reason: String!) { changeCaseState(caseId: $caseId, to: $to, reason: $reason) { id } }`,
        { caseId, to: step.to, reason: step.reason },
        headers,
      );
      break;
    case 'listDishonest': {
      if (!obligorId) return { code: 'NO_PARTY', message: 'obligor not registered' };
      // people-credit learns of the case from events: give its projection a moment.
      for (let attempt = 0; ; attempt++) {
        r = await gql(
          env.stack.services.peopleCredit.url,
          `mutation($input: ListDishonestObligorInput!) { listDishonestObligor(input: $input) { id } }`,
          { input: { partyId: obligorId, caseId, ground: step.ground } },
          headers,
        );
        const code = String(r.errors?.[0]?.extensions?.code ?? '');
        if (!r.errors?.length || attempt >= 10 || !['NOT_FOUND', 'RULE_VIOLATION'].includes(code)) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      break;
    }
  }
  if (r.errors?.length) {
    const e = r.errors[0]!;
    return {
      code: String(e.extensions?.code ?? r.status) + (e.extensions?.rule ? `/${String(e.extensions.rule)}` : ''),
      message: e.message,
    };
  }
  return null;
}

function commandEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  // The command only writes the outbox; the running cases service publishes.
  delete env.NATS_URL;
  // The benchmark's own tsx passes its (relative) tsconfig path down; the command uses its package's.
  delete env.TSX_TSCONFIG_PATH;
  return env;
}

export interface ImportRun {
  summary?: {
    rows: number;
    imported: number;
    skipped: number;
    rejected: number;
    seconds: number;
    rowsPerSecond: number;
  };
  peakRssBytes: number;
  wallSeconds: number;
  exitCode: number | null;
  stderrTail: string;
}

/** Runs the cases import command on a file, sampling the process's resident memory. */
export async function runImportCommand(file: string, databaseUrl: string, extra: string[] = []): Promise<ImportRun> {
  const started = Date.now();
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  const child = spawn(tsx, ['src/import/cli.ts', file, ...extra], {
    cwd: path.join(REPO_ROOT, 'services/cases'),
    env: commandEnv(databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  let peak = 0;
  // tsx runs the command in a child node process: sample the whole process tree.
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(child.pid!));
  }, 100);
  const exitCode: number | null = await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  let summary;
  try {
    summary = JSON.parse(out.slice(out.indexOf('{')));
  } catch {
    summary = undefined;
  }
  return {
    summary,
    peakRssBytes: peak,
    wallSeconds: (Date.now() - started) / 1000,
    exitCode,
    stderrTail: err.slice(-600),
  };
}

/** Resident memory of a process and all its descendants, from /proc. */
export function treeRss(root: number): number {
  return rssBytes(processTree(root));
}
