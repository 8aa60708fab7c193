import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@zhiyuan/events';
import { ADMIN, buildEvent, gqlRequest, identity } from '@zhiyuan/testing';
import { StructureTimelineEntries1797100000000 } from '../src/migrations/1797100000000-StructureTimelineEntries';
import { CHANGE, FILE, PAY, TAKE_IN } from './factories/graphql';
import {
  enforcementNumber,
  FANGJIAZHUANG,
  GANGKOU,
  HEPING,
  HONGXINGQIAO,
  judgment,
  staffEvent,
  startCases,
  type Harness,
} from './factories';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HAN = /[\u4e00-\u9fff]/;

const TIMELINE = `query($id: ID!, $locale: Locale) { case(id: $id) {
  timeline(locale: $locale) { kind actor actorName at occurredAt parameters summary zh: summary(locale: ZH_CN) } } }`;

interface Entry {
  kind: string;
  actor: string;
  actorName: string | null;
  at: string;
  occurredAt: string;
  parameters: Record<string, unknown>;
  summary: string;
  zh: string;
}

/** A people-credit party event with the names of the home village and township, as people-credit sends it. */
const homeEvent = (
  partyId: string,
  village: [string, string],
  township: [string, string],
  type: 'people.party.registered' | 'people.party.updated' = 'people.party.registered',
) =>
  buildEvent(
    type,
    {
      partyId,
      name: '王五',
      homeDivisionCode: village[0],
      villageCode: village[0],
      villageName: village[1],
      townshipCode: township[0],
      townshipName: township[1],
    },
    { producer: 'people-credit' },
  ) as EventEnvelope;

describe('the timeline in words', () => {
  let h: Harness;
  const officerId = randomUUID();
  const obligor = randomUUID();
  const officer = identity(['ENFORCEMENT_OFFICER'], { sub: officerId, divisionCode: HONGXINGQIAO });
  const gql = (query: string, variables: Record<string, unknown> = {}, who = ADMIN, headers = {}) =>
    gqlRequest(h.url, query, variables, who, headers);
  const timeline = async (id: string, locale?: string, headers: Record<string, string> = {}) => {
    const r = await gql(TIMELINE, { id, locale }, ADMIN, headers);
    expect(r.errors).toBeUndefined();
    return r.data.case.timeline as Entry[];
  };
  let caseId = '';

  const statements: string[] = [];

  beforeAll(async () => {
    h = await startCases({}, { onQuery: (sql) => statements.push(sql) });
    await h.deliver(homeEvent(obligor, [GANGKOU, '港口村'], [HONGXINGQIAO, '虹星桥镇']));
    await h.deliver(staffEvent(officerId, HONGXINGQIAO));
    const c = await gql(TAKE_IN, {
      input: judgment({ obligorIds: [obligor], principalFen: 100000, interestFen: 0, costsFen: 0 }),
    });
    expect(c.errors).toBeUndefined();
    caseId = c.data.takeInJudgment.id;
    const filed = await gql(FILE, { input: { caseId, enforcementNumber: enforcementNumber() } });
    expect(filed.errors).toBeUndefined();
    expect((await gql(CHANGE, { caseId, to: 'IN_PROGRESS', reason: '开始执行' })).errors).toBeUndefined();
    const paid = await gql(
      PAY,
      { input: { caseId, amountFen: 30000, paidOn: '2024-06-03', channel: 'BANK_TRANSFER' } },
      officer,
    );
    expect(paid.errors).toBeUndefined();
  });
  afterAll(() => h.stop());

  it('stores each entry as kind, actor and parameters, and writes no sentence', async () => {
    const rows = await h.service.runtime.ds.query(
      `SELECT kind, legacy_summary, parameters FROM cases.case_timeline WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    expect(rows.map((r: { legacy_summary: string | null }) => r.legacy_summary)).toEqual(rows.map(() => null));
    const payment = rows.find((r: { kind: string }) => r.kind === 'PAYMENT_RECORDED');
    expect(payment.parameters).toMatchObject({
      amountFen: 30000,
      source: 'VOLUNTARY',
      channel: 'BANK_TRANSFER',
      outstandingAfterFen: 70000,
    });
  });

  it('reads in Chinese by default: names instead of ids, amounts in 元', async () => {
    const t = await timeline(caseId);
    const summary = (kind: string) => t.find((e) => e.kind === kind)!.summary;
    expect(t.map((e) => e.kind)).toEqual([
      'JUDGMENT_EFFECTIVE',
      'URGING_STARTED',
      'URGING_ENDED',
      'ENFORCEMENT_FILED',
      'STATE_CHANGED',
      'PAYMENT_RECORDED',
    ]);
    expect(summary('JUDGMENT_EFFECTIVE')).toMatch(/^判决 \(\d{4}\)浙0522民初\d+号 已生效，应履行 1,000\.00 元$/);
    expect(summary('URGING_ENDED')).toBe('执前督促结束：权利人申请强制执行');
    expect(summary('ENFORCEMENT_FILED')).toMatch(/，申请执行标的 1,000\.00 元，由执行员李警官承办$/);
    expect(summary('STATE_CHANGED')).toBe('案件由「已立案执行」转为「执行中」（开始执行）');
    expect(summary('PAYMENT_RECORDED')).toBe('收到履行款 300.00 元（自动履行），尚欠 700.00 元');
    for (const e of t) {
      expect(e.summary).toMatch(HAN);
      expect(e.summary).not.toMatch(UUID);
      expect(e.summary).not.toMatch(/fen/);
      expect(e.occurredAt).toBe(e.at);
    }
  });

  it('reads in English when the timeline asks for it, and each summary may ask for its own', async () => {
    const t = await timeline(caseId, 'EN');
    const e = (kind: string) => t.find((x) => x.kind === kind)!;
    expect(e('JUDGMENT_EFFECTIVE').summary).toMatch(/became effective; ¥1,000\.00 owed$/);
    expect(e('ENFORCEMENT_FILED').summary).toMatch(/filed for ¥1,000\.00, with enforcement officer 李警官$/);
    expect(e('PAYMENT_RECORDED').summary).toBe('Paid ¥300.00 (voluntary); ¥700.00 outstanding');
    expect(e('PAYMENT_RECORDED').zh).toBe('收到履行款 300.00 元（自动履行），尚欠 700.00 元');
    expect(e('STATE_CHANGED').summary).toBe('The case moved from filed for enforcement to in progress (开始执行)');
  });

  it("follows the request's Accept-Language when no locale is asked for", async () => {
    const en = await timeline(caseId, undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.find((x) => x.kind === 'PAYMENT_RECORDED')!.summary).toBe(
      'Paid ¥300.00 (voluntary); ¥700.00 outstanding',
    );
    const zh = await timeline(caseId, undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.find((x) => x.kind === 'PAYMENT_RECORDED')!.summary).toBe(
      '收到履行款 300.00 元（自动履行），尚欠 700.00 元',
    );
  });

  it('names the acting staff member and exposes the parameters', async () => {
    const p = (await timeline(caseId)).find((x) => x.kind === 'PAYMENT_RECORDED')!;
    expect(p.actor).toBe(officerId);
    expect(p.actorName).toBe('李警官');
    expect(p.parameters).toMatchObject({ amountFen: 30000, outstandingAfterFen: 70000, source: 'VOLUNTARY' });
  });

  it('looks the names up once per request, not once per entry', async () => {
    const other = await gql(TAKE_IN, {
      input: judgment({ obligorIds: [obligor], principalFen: 5000, interestFen: 0, costsFen: 0 }),
    });
    expect(
      (await gql(FILE, { input: { caseId: other.data.takeInJudgment.id, enforcementNumber: enforcementNumber() } }))
        .errors,
    ).toBeUndefined();
    statements.length = 0;
    const r = await gql(
      `query($a: ID!, $b: ID!) { a: case(id: $a) { timeline { summary actorName } } b: case(id: $b) { timeline { summary actorName } } }`,
      { a: caseId, b: other.data.takeInJudgment.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.a.timeline.length + r.data.b.timeline.length).toBeGreaterThan(8);
    expect(statements.filter((q) => q.includes('staff_member'))).toHaveLength(1);
    expect(statements.filter((q) => q.includes('case_timeline'))).toHaveLength(1);
  });

  it('names the divisions a case moves between', async () => {
    await h.deliver(homeEvent(obligor, [FANGJIAZHUANG, '方家庄村'], [HEPING, '和平镇'], 'people.party.updated'));
    const t = await timeline(caseId);
    const moved = t.find((x) => x.kind === 'REROUTED')!;
    expect(moved.summary).toBe('随被执行人户籍地变更，由虹星桥镇港口村转至和平镇方家庄村');
    const en = (await timeline(caseId, 'EN')).find((x) => x.kind === 'REROUTED')!;
    expect(en.summary).toBe("Moved from 港口村, 虹星桥镇 to 方家庄村, 和平镇 with the obligor's home");
    // The township has no officer: the case is unassigned, said so in words.
    expect(t.at(-1)!.kind).toBe('OFFICER_ASSIGNED');
    expect(t.at(-1)!.summary).toBe('该乡镇暂无执行员，案件待分配（被执行人户籍地变更）');
  });

  it('converts the old English entries, keeping the sentence only where it cannot be read', async () => {
    const ds = h.service.runtime.ds;
    const qr = ds.createQueryRunner();
    const migration = new StructureTimelineEntries1797100000000();
    const old = await gql(TAKE_IN, { input: judgment({ obligorIds: [obligor] }) });
    expect(old.errors).toBeUndefined();
    const id = old.data.takeInJudgment.id;
    try {
      await migration.down(qr);
      const rows: [string, string, Record<string, unknown>][] = [
        ['JUDGMENT_EFFECTIVE', 'Judgment (2023)浙0522民初7号 effective, 250000 fen owed', { routing: {} }],
        ['PAYMENT_RECORDED', 'Paid 100000 fen (URGED), 150000 fen outstanding', { amountFen: 100000, source: 'URGED' }],
        [
          'PAYMENT_REVERSED',
          'Payment of 100000 fen on 2024-05-02 reversed (录错), 250000 fen outstanding',
          { amountFen: 100000, reason: '录错' },
        ],
        ['INSTALMENT_MISSED', 'Instalment 2 due 2024-07-01 missed, 60000 fen unpaid', { no: 2 }],
        [
          'SETTLEMENT_AGREED',
          'Instalment plan of 160000 fen in 3 instalment(s), during urging (deadline 2024-09-01)',
          { totalFen: 160000, duringUrging: true },
        ],
        ['OFFICER_ASSIGNED', `Assigned to officer ${officerId}`, { officerId, reason: 'township officer available' }],
        ['PAYMENT_RECORDED', 'Paid a lot', { amountFen: 5 }],
      ];
      await qr.query(`DELETE FROM cases.case_timeline WHERE case_id = $1`, [id]);
      for (const [kind, summary, detail] of rows)
        await qr.query(
          `INSERT INTO cases.case_timeline (case_id, kind, actor, at, summary, detail) VALUES ($1, $2, 'clerk', now(), $3, $4)`,
          [id, kind, summary, JSON.stringify(detail)],
        );
      await migration.up(qr);
      const t = await timeline(id);
      expect(t.map((e) => e.summary)).toEqual([
        '判决 (2023)浙0522民初7号 已生效，应履行 2,500.00 元',
        '收到履行款 1,000.00 元（督促履行），尚欠 1,500.00 元',
        '2024-05-02 的付款 1,000.00 元 已冲正（录错），尚欠 2,500.00 元',
        '第 2 期（2024-07-01 到期）未按期履行，未付 600.00 元',
        '达成分期履行方案，共 1,600.00 元，分 3 期（执前督促期间达成，督促期限延至 2024-09-01）',
        '案件交由执行员李警官承办（乡镇执行员已到位）',
        'Paid a lot',
      ]);
    } finally {
      await qr.release();
    }
  });
});
