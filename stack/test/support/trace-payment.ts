/**
 * One payment through the whole stack with tracing on, in a process of its own (the instrumentations
 * patch http, pg and graphql as they load, which a Jest module registry would hide from them). Spans
 * go to an in-memory exporter; the script prints them as one JSON line and exits.
 * Reads DATABASE_URL, NATS_URL (optional) and CONSUMER_GROUP from the environment.
 */
import 'reflect-metadata';
import { startTracing } from '@zhiyuan/telemetry';
import { InMemorySpanExporter } from '@zhiyuan/telemetry/testing';

const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'zhiyuan', exporter });

interface SpanLine {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes: Record<string, unknown>;
}

async function main(): Promise<void> {
  // Loaded only now, after the SDK: the instrumentations patch these modules as they load.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { trace } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { startStack } = require('../../src') as typeof import('../../src');
  const { DEMO_ROLES, issueToken } = require('@zhiyuan/gateway') as typeof import('@zhiyuan/gateway');
  const { gqlRequest, residentIdNumber, silentLogger } =
    require('@zhiyuan/testing') as typeof import('@zhiyuan/testing');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stack = await startStack({
    databaseUrl: process.env.DATABASE_URL!,
    natsUrl: process.env.NATS_URL || undefined,
    gatewayPort: 0,
    subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
    seedDemoData: true,
    logger: silentLogger,
    env: { RATE_LIMIT_PER_MINUTE: '0', TASK_SCHEDULERS_ENABLED: 'false', RESPONSE_CACHE: 'off' },
    consumers: { groupPrefix: process.env.CONSUMER_GROUP, startAt: 'new' },
  });
  try {
    const dev = { secret: 'development-jwt-secret-change-me-0000000000', issuer: 'zhiyuan-dev', audience: 'zhiyuan' };
    const auth = async (role: string) => ({
      authorization: `Bearer ${await issueToken(DEMO_ROLES[role]!, dev)}`,
    });
    const ok = async (role: string, query: string, variables: Record<string, unknown>) => {
      const r = await gqlRequest(stack.gatewayUrl, query, variables, undefined, await auth(role));
      if (r.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(r.errors)}`);
      return r.data as Record<string, Record<string, string>>;
    };
    const person = async (name: string, birth: string) =>
      (
        await ok('admin', `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
          i: {
            name,
            idNumber: residentIdNumber(birth, Math.floor(Math.random() * 900) + 100),
            phone: '13812345678',
            address: '港口村 3 号',
            homeDivisionCode: '330522104201',
          },
        })
      ).registerPerson!.id;
    const obligor = await person('孙追踪', '19800505');
    const obligee = await person('李申请', '19850606');
    const causes = (
      await gqlRequest(stack.gatewayUrl, `{ causesOfAction { code } }`, {}, undefined, await auth('admin'))
    ).data as { causesOfAction: { code: string }[] };
    const n = Math.floor(Math.random() * 9000) + 1000;
    const today = new Date().toISOString().slice(0, 10);
    const caseId = (
      await ok('admin', `mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, {
        i: {
          caseNumber: `(2025)浙0522民初${n}号`,
          court: '长兴县人民法院',
          causeCode: causes.causesOfAction[0]!.code,
          judgeId: DEMO_ROLES.judge!.sub,
          effectiveDate: today,
          obligorIds: [obligor],
          obligeeIds: [obligee],
          principalFen: 500_000,
        },
      })
    ).takeInJudgment!.id!;
    await ok('admin', `mutation($i: FileEnforcementInput!) { fileEnforcement(input: $i) { id } }`, {
      i: { caseId, enforcementNumber: `(2025)浙0522执${n}号` },
    });
    await ok(
      'admin',
      `mutation($id: ID!) { changeCaseState(caseId: $id, to: IN_PROGRESS, reason: "开始执行") { state } }`,
      {
        id: caseId,
      },
    );
    // The client's request is the root of the trace the test reads.
    const traceId = await trace.getTracer('client').startActiveSpan('client recordPayment', async (span) => {
      await ok(
        'officer',
        `mutation RecordPayment($i: RecordPaymentInput!) { recordPayment(input: $i) { performance { id } } }`,
        {
          i: { caseId, amountFen: 100_000, paidOn: today, channel: 'BANK_TRANSFER' },
        },
      );
      span.end();
      return span.spanContext().traceId;
    });
    const handled = (s: { name: string; spanContext(): { traceId: string } }) =>
      s.spanContext().traceId === traceId && s.name === 'people-credit handle cases.performance.recorded';
    const deadline = Date.now() + 60_000;
    while (!exporter.getFinishedSpans().some(handled)) {
      if (Date.now() > deadline) throw new Error('people-credit never handled the payment in the trace');
      await new Promise((r) => setTimeout(r, 100));
    }
    await tracing.flush();
    const spans: SpanLine[] = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === traceId)
      .map((s) => ({
        name: s.name,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        kind: s.kind,
        attributes: s.attributes,
      }));
    process.stdout.write(`SPANS ${JSON.stringify({ traceId, spans })}\n`);
  } finally {
    await stack.stop();
    await tracing.shutdown();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
