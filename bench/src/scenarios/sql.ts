import { identity, ADMIN } from '@zhiyuan/testing';
import type { Identity } from '@zhiyuan/auth';
import type { Dataset } from '../generator';
import type { BenchEnvironment } from '../harness/infra';
import type { LoadedData } from '../harness/load';
import { callerFor, gql } from '../harness/client';
import { ALL_TIME, operation } from '../harness/operations';
import { startGatewayProcess } from '../harness/processes';
import type { RunOptions } from '../run';

export interface SqlRow {
  operation: string;
  pageSize: number;
  returned: number | null;
  statements: number;
  byService: Record<string, number>;
  errors: string | null;
  /** The statements of the counted run (first 160 characters each), to see which service grows. */
  samples?: string[];
}

export interface SqlResults {
  rows: SqlRow[];
  /** Per operation: whether the statement count stayed the same from page size 10 to 500. */
  constant: Record<string, boolean>;
}

const PAGE_SIZES = [10, 100, 500];
/** The exposure board refuses pages over 200 (VALIDATION_FAILED), so it is measured up to its own limit. */
const BOARD_PAGE_SIZES = [10, 100, 200];

/**
 * SQL statements per operation through the gateway, all subgraphs counted, for three page sizes. The
 * gateway used has its response cache off (an answer from the cache issues no statement at all).
 */
export async function sqlScenario(
  env: BenchEnvironment,
  _ds: Dataset,
  _data: LoadedData,
  opts: RunOptions,
): Promise<SqlResults> {
  if (env.subgraphs !== 'inline')
    throw new Error(
      'the sql scenario counts statements through hooks in the subgraphs: run it with --subgraphs inline',
    );
  const gateway = await startGatewayProcess(env.stack, { natsUrl: env.nats?.url, env: { RESPONSE_CACHE: 'off' } });
  try {
    return await countStatements(env, gateway.url, opts);
  } finally {
    await gateway.stop();
  }
}

async function countStatements(env: BenchEnvironment, gatewayUrl: string, opts: RunOptions): Promise<SqlResults> {
  const admin = identity(['ADMIN'], { sub: 'bench-admin', divisionCode: '330522' });
  const anonymous: Identity = { ...ADMIN, sub: 'anonymous', roles: [] };
  const ops: {
    name: string;
    sizes?: number[];
    who: Identity;
    vars: (n: number) => Record<string, unknown>;
    count: (d: any) => number | null;
  }[] = [
    {
      name: 'CaseList',
      who: admin,
      vars: (n) => ({ filter: { divisionCode: '330522' }, first: n }),
      count: (d) => d?.cases?.nodes?.length ?? null,
    },
    {
      name: 'VillageDashboard',
      who: admin,
      vars: (n) => ({ villageCode: '330522', first: n, period: ALL_TIME }),
      count: (d) => d?.division?.cases?.nodes?.length ?? null,
    },
    {
      name: 'ExposureBoard',
      sizes: BOARD_PAGE_SIZES,
      who: anonymous,
      vars: (n) => ({ divisionCode: '330522', first: n }),
      count: (d) => d?.exposureBoard?.nodes?.length ?? null,
    },
  ];
  const rows: SqlRow[] = [];
  for (const op of ops) {
    const q = operation(op.name);
    const caller = await callerFor(op.who);
    const headers = op.who.roles.length ? caller.gatewayHeaders : {};
    for (const n of op.sizes ?? PAGE_SIZES) {
      await gql(gatewayUrl, q, op.vars(n), headers); // warm the query plan and connections
      // Scheduled sweeps of the services may run during a request: the fewest of three runs is the
      // operation's own count.
      let c: ReturnType<typeof env.counter.read> | undefined;
      let r: Awaited<ReturnType<typeof gql>> | undefined;
      for (let k = 0; k < 3; k++) {
        env.counter.reset();
        r = await gql(gatewayUrl, q, op.vars(n), headers);
        const got = env.counter.read();
        if (!c || got.total < c.total) c = got;
      }
      c = c!;
      r = r!;
      rows.push({
        operation: op.name,
        pageSize: n,
        returned: op.count(r.data),
        statements: c.total,
        byService: c.byService,
        errors: r.errors?.length
          ? r.errors
              .map((e) => `${String(e.extensions?.code ?? '')} ${e.message}`)
              .slice(0, 2)
              .join(' | ')
          : null,
        samples: c.samples,
      });
      opts.log(
        `sql: ${op.name} first ${n}: ${c.total} statements (${JSON.stringify(c.byService)}), ${String(op.count(r.data))} rows`,
      );
    }
  }
  const constant: Record<string, boolean> = {};
  for (const op of ops) {
    const counts = rows.filter((r) => r.operation === op.name).map((r) => r.statements);
    constant[op.name] = counts.every((c) => c === counts[0]);
  }
  return { rows, constant };
}
