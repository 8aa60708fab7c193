import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  gqlRequest,
  residentIdNumber,
  startCommitDropper,
  throughProxy,
  waitFor,
  type CommitDropper,
} from '@zhiyuan/testing';
import { useE2eStack } from './support/e2e';

const GANGKOU = '330522104201';
const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { performance { id amountFen channel } case { id paidFen } } }`;

/**
 * recordPayment through the gateway, with PostgreSQL behind a proxy that loses the answer to the
 * cases service's COMMITs: retried with its Idempotency-Key, every payment counts once and leaves
 * one OK entry in the audit log.
 */
describe('idempotency keys through the gateway', () => {
  let proxy: CommitDropper;
  let pg: Client;
  const e2e = useE2eStack({
    name: 'idem',
    env: { RESPONSE_CACHE: 'off' },
    // The services reach PostgreSQL through a proxy that can lose the answers to their COMMITs.
    databaseUrl: async (url) => {
      const { hostname, port } = new URL(url);
      proxy = await startCommitDropper({ host: hostname, port: Number(port || 5432) });
      return throughProxy(url, proxy.address);
    },
  });
  const auth = e2e.auth;
  const call = (role: string, query: string, variables: Record<string, unknown>, key?: string) =>
    gqlRequest(e2e.gatewayUrl, query, variables, undefined, {
      ...auth[role],
      ...(key === undefined ? {} : { 'Idempotency-Key': key }),
    });
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await call('admin', query, variables);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const today = () => new Date().toISOString().slice(0, 10);
  const payment = (caseId: string, amountFen: number, channel = `counter ${amountFen}`) => ({
    i: { caseId, amountFen, paidOn: today(), channel },
  });
  let serial = 0;

  async function newCase(): Promise<string> {
    const person = async (name: string, born: string) =>
      (
        await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, {
          i: { name, idNumber: residentIdNumber(born, 700 + ++serial), homeDivisionCode: GANGKOU },
        })
      ).registerPerson.id as string;
    const [obligor, obligee] = [await person('冯欠款', '19760606'), await person('陈债权', '19830303')];
    const cause = (await ok(`{ causesOfAction { code } }`)).causesOfAction[0].code;
    return (
      await ok(`mutation($i: JudgmentInput!) { takeInJudgment(input: $i) { id } }`, {
        i: {
          caseNumber: `(2025)浙0522民初${40_000 + Math.floor(Math.random() * 9000) + serial}号`,
          court: '长兴县人民法院',
          causeCode: cause,
          judgeId: (await ok(`{ staffMembers(role: "JUDGE", first: 1) { nodes { id } } }`)).staffMembers.nodes[0].id,
          effectiveDate: today(),
          obligorIds: [obligor],
          obligeeIds: [obligee],
          principalFen: 50_000_000,
        },
      })
    ).takeInJudgment.id as string;
  }
  const performances = async (caseId: string) =>
    (
      await pg.query<{ amount_fen: string }>(`SELECT amount_fen FROM cases.performance WHERE case_id = $1`, [caseId])
    ).rows.map((r) => Number(r.amount_fen));
  const auditOf = async (caseId: string) =>
    (
      await ok(
        `query($f: AuditLogFilter) { auditLog(filter: $f, first: 200) { nodes { actor operation outcome errorCode } } }`,
        { f: { targetId: caseId, action: 'MUTATION' } },
      )
    ).auditLog.nodes.filter((e: { operation: string }) => e.operation === 'recordPayment') as {
      outcome: string;
      errorCode: string | null;
    }[];

  beforeAll(async () => {
    pg = new Client({ connectionString: e2e.db.url });
    await pg.connect();
  });
  e2e.beforeStop(async () => {
    proxy?.arm(0);
    await pg?.end();
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('payments whose COMMIT answer is lost, retried with their key, count once each, with one OK audit entry each', async () => {
    const caseId = await newCase();
    const amounts = Array.from({ length: 10 }, (_, i) => 10_000 + i);
    let lost = 0;
    proxy.arm(2, { application: 'zhiyuan-cases', statement: /idempotency_key/ });
    try {
      for (const amountFen of amounts) {
        const key = randomUUID();
        for (let attempt = 0; ; attempt++) {
          expect(attempt).toBeLessThan(20);
          const r = await call('admin', PAY, payment(caseId, amountFen), key).catch(() => undefined);
          if (r && !r.errors && r.data?.recordPayment) {
            expect(r.data.recordPayment.performance.amountFen).toBe(amountFen);
            break;
          }
          lost++;
        }
      }
    } finally {
      proxy.arm(0);
    }
    expect(lost).toBeGreaterThan(0);
    expect((await performances(caseId)).sort((a, b) => a - b)).toEqual(amounts);
    const total = amounts.reduce((a, b) => a + b, 0);
    expect((await ok(`query($id: ID!) { case(id: $id) { paidFen } }`, { id: caseId })).case.paidFen).toBe(total);
    const entries = await waitFor(
      async () => {
        const rows = await auditOf(caseId);
        return rows.filter((e) => e.outcome === 'OK' && e.errorCode === null).length >= amounts.length
          ? rows
          : undefined;
      },
      { timeoutMs: 20_000, what: 'the payments audited' },
    );
    expect(entries.filter((e) => e.outcome === 'OK' && e.errorCode === null)).toHaveLength(amounts.length);
    expect(entries.filter((e) => e.outcome === 'OK' && e.errorCode === 'IDEMPOTENT_REPLAY').length).toBeGreaterThan(0);
  });

  it('the same key with another body is a CONFLICT and writes nothing; after 24 hours the key is new', async () => {
    const caseId = await newCase();
    const key = `pay-${randomUUID()}`;
    const first = await call('admin', PAY, payment(caseId, 500), key);
    expect(first.errors).toBeUndefined();
    expect(await call('admin', PAY, payment(caseId, 500), key)).toEqual(first);
    const other = await call('admin', PAY, payment(caseId, 501), key);
    expect(other.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'CONFLICT', idempotencyKey: key }));
    expect(await performances(caseId)).toEqual([500]);
    await pg.query(
      `UPDATE cases.idempotency_key SET created_at = now() - interval '24 hours 1 minute' WHERE key = $1`,
      [key],
    );
    const later = await call('admin', PAY, payment(caseId, 500), key);
    expect(later.errors).toBeUndefined();
    expect(later.data.recordPayment.performance.id).not.toBe(first.data.recordPayment.performance.id);
    expect(await performances(caseId)).toEqual([500, 500]);
  });

  it('without a key, behaves as before; a refused payment with a key leaves one ERROR entry and nothing else', async () => {
    const caseId = await newCase();
    for (let i = 0; i < 2; i++) expect((await call('admin', PAY, payment(caseId, 700))).errors).toBeUndefined();
    expect(await performances(caseId)).toEqual([700, 700]);
    const refused = await call('cadre', PAY, payment(caseId, 800), randomUUID());
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await performances(caseId)).toEqual([700, 700]);
    const entries = await waitFor(
      async () => {
        const rows = await auditOf(caseId);
        return rows.length >= 3 ? rows : undefined;
      },
      { what: 'the three payments audited' },
    );
    expect(entries.map((e) => `${e.outcome} ${e.errorCode}`).sort()).toEqual(['ERROR FORBIDDEN', 'OK null', 'OK null']);
  });

  it('refuses a malformed Idempotency-Key with 400 VALIDATION_FAILED naming the header', async () => {
    for (const bad of ['', 'x'.repeat(201), 'two words']) {
      const r = await call('admin', PAY, payment(randomUUID(), 1), bad);
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.extensions).toEqual({
        code: 'VALIDATION_FAILED',
        field: 'Idempotency-Key',
        localizedMessage: '填写的内容有误：Idempotency-Key，请检查后重试',
      });
    }
  });
});
