import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { sweepWarnings, settingsFrom, loadMetricsConfig } from '../src';
import { COUNTY, TOWNSHIP_A, TOWNSHIP_B, VILLAGE_A1, event, publishAndSettle, taskEvent } from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

describe('early warnings', () => {
  let t: TestMetrics;
  const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));
  const tasks = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  let ruleId: string;

  const outbox = async (type: string) =>
    (
      await t.service.runtime.ds.query(`SELECT envelope FROM metrics.outbox_message WHERE type = $1 ORDER BY seq`, [
        type,
      ])
    ).map((r: { envelope: { payload: Record<string, unknown> } }) => r.envelope.payload);
  const warningsOf = async (ruleIdOrMetric: string) =>
    t.service.runtime.ds.query(
      `SELECT id, division_code, status, raised_value, last_value, resolved_value FROM metrics.warning WHERE rule_id::text = $1 OR metric = $1 ORDER BY raised_at, id`,
      [ruleIdOrMetric],
    );
  const overdue = (taskId: string) => [
    taskEvent('created', { taskId, divisionCode: VILLAGE_A1 }),
    taskEvent('overdue', { taskId, divisionCode: VILLAGE_A1 }),
  ];
  const done = (taskId: string) => taskEvent('completed', { taskId, divisionCode: VILLAGE_A1 });

  beforeAll(async () => {
    t = await startMetrics();
    const r = await gqlRequest(
      t.service.url,
      `mutation($i: WarningRuleInput!) { createWarningRule(input: $i) { id metric threshold enabled } }`,
      {
        i: {
          name: 'More than one overdue task in a township',
          metric: 'OVERDUE_TASKS',
          comparison: 'GT',
          threshold: 1,
          divisionLevel: 'TOWNSHIP',
          windowDays: 1,
        },
      },
      ADMIN,
    );
    expect(r.errors).toBeUndefined();
    ruleId = r.data.createWarningRule.id;
  });
  afterAll(() => t.stop());

  it('raises a warning once when its condition starts to hold', async () => {
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[0]!)]);
    expect(await warningsOf(ruleId)).toEqual([]);
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[1]!)]);
    expect(await warningsOf(ruleId)).toEqual([
      expect.objectContaining({ division_code: TOWNSHIP_A, status: 'OPEN', raised_value: 2, last_value: 2 }),
    ]);
    expect(await outbox('metrics.warning.raised')).toEqual([
      expect.objectContaining({ ruleId, divisionCode: TOWNSHIP_A, metric: 'OVERDUE_TASKS', value: 2, threshold: 1 }),
    ]);
  });

  it('keeps it open, without raising again, while the condition holds', async () => {
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[2]!)]);
    await sweepWarnings(t.service.runtime, settings, new Date());
    await sweepWarnings(t.service.runtime, settings, new Date());
    expect(await warningsOf(ruleId)).toEqual([
      expect.objectContaining({ status: 'OPEN', raised_value: 2, last_value: 3 }),
    ]);
    expect(await outbox('metrics.warning.raised')).toHaveLength(1);
  });

  it('is acknowledged, with a note, by someone who may read its division; bad requests write nothing', async () => {
    const [w] = await warningsOf(ruleId);
    const ack = `mutation($id: ID!, $note: String!) { acknowledgeWarning(id: $id, note: $note) {
      id status acknowledgedBy acknowledgedAt acknowledgementNote } }`;
    const liaisonA = identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_A });
    const refused = [
      [{ id: w.id, note: '已联系' }, identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_B }), 'FORBIDDEN'],
      [{ id: w.id, note: '   ' }, liaisonA, 'VALIDATION_FAILED'],
      [{ id: randomUUID(), note: '已联系' }, liaisonA, 'NOT_FOUND'],
      [{ id: w.id, note: '已联系' }, identity([]), 'UNAUTHENTICATED'],
    ] as const;
    for (const [vars, who, code] of refused)
      expect((await gqlRequest(t.service.url, ack, vars, who)).errors?.[0]?.extensions?.code).toBe(code);
    const untouched = await t.service.runtime.ds.query(
      `SELECT acknowledged_by, acknowledgement_note FROM metrics.warning WHERE id = $1`,
      [w.id],
    );
    expect(untouched).toEqual([{ acknowledged_by: null, acknowledgement_note: null }]);

    const r = await gqlRequest(t.service.url, ack, { id: w.id, note: ' 已约谈村干部，本周内完成 ' }, liaisonA);
    expect(r.errors).toBeUndefined();
    expect(r.data.acknowledgeWarning).toMatchObject({
      id: w.id,
      status: 'OPEN',
      acknowledgedBy: liaisonA.sub,
      acknowledgementNote: '已约谈村干部，本周内完成',
    });
    expect(Date.parse(r.data.acknowledgeWarning.acknowledgedAt)).toBeGreaterThan(Date.now() - 60_000);
    // It stays open: only its condition clearing resolves it.
    expect((await warningsOf(ruleId))[0]).toMatchObject({ status: 'OPEN' });
  });

  it('resolves it when the condition clears, and raises a new one when it holds again', async () => {
    await publishAndSettle(t.bus, t.service.runtime.ds, [done(tasks[0]!), done(tasks[1]!)]);
    const [w] = await warningsOf(ruleId);
    expect(w).toMatchObject({ status: 'RESOLVED', resolved_value: 1 });
    expect(await outbox('metrics.warning.resolved')).toEqual([
      expect.objectContaining({ warningId: w.id, ruleId, divisionCode: TOWNSHIP_A, value: 1 }),
    ]);
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[3]!)]);
    const history = await warningsOf(ruleId);
    expect(history.map((h: { status: string }) => h.status)).toEqual(['RESOLVED', 'OPEN']);
    const late = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { acknowledgeWarning(id: $id, note: "已处理") { id } }`,
      { id: history[0].id },
      ADMIN,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await outbox('metrics.warning.raised')).toHaveLength(2);
  });

  it('evaluates time windows on the schedule with the clock it is given', async () => {
    // Default rule: a village with more listings in the last 30 days than in the 30 days before.
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      event(
        'credit.listing.added',
        {
          listingId: randomUUID(),
          partyId: randomUUID(),
          caseId: randomUUID(),
          villageCode: VILLAGE_A1,
          townshipCode: TOWNSHIP_A,
          listedAt: '2024-03-05T02:00:00.000Z',
          ground: 'ABLE_BUT_REFUSES',
          expiresAt: null,
          measures: [],
        },
        VILLAGE_A1,
      ),
    ]);
    expect(await warningsOf('LISTINGS_RISING')).toEqual([]); // evaluated at the real date, years later: nothing rising
    expect(await sweepWarnings(t.service.runtime, settings, new Date('2024-03-10T04:00:00Z'))).toMatchObject({
      raised: 1,
    });
    expect(await sweepWarnings(t.service.runtime, settings, new Date('2024-03-10T05:00:00Z'))).toEqual({
      raised: 0,
      resolved: 0,
    });
    expect(await warningsOf('LISTINGS_RISING')).toEqual([
      expect.objectContaining({ division_code: VILLAGE_A1, status: 'OPEN', raised_value: 1 }),
    ]);
    // Thirty days on, the listing is in the earlier window: rising no more.
    expect(await sweepWarnings(t.service.runtime, settings, new Date('2024-05-01T04:00:00Z'))).toMatchObject({
      resolved: 1,
    });
    expect(await warningsOf('LISTINGS_RISING')).toEqual([
      expect.objectContaining({ status: 'RESOLVED', resolved_value: -1 }),
    ]);
  });

  it('warns county-wide about overdue partner acknowledgements until they are acknowledged', async () => {
    const changeId = randomUUID();
    const partyId = randomUUID();
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      event(
        'credit.link.changed',
        {
          changeId,
          partyId,
          department: 'BANK_LOAN',
          status: 'RESTRICTED',
          idNumberMasked: '3305221990****1234',
          listingIds: [],
          reason: 'listed',
          changedAt: '2024-03-01T02:00:00.000Z',
        },
        partyId,
      ),
      event(
        'credit.partner.overdue',
        { department: 'BANK_LOAN', changeIds: [changeId], oldestChangedAt: '2024-03-01T02:00:00.000Z', count: 1 },
        'BANK_LOAN',
      ),
    ]);
    expect(await warningsOf('PARTNER_ACKS_OVERDUE')).toEqual([
      expect.objectContaining({ division_code: COUNTY, status: 'OPEN', raised_value: 1 }),
    ]);
    await publishAndSettle(t.bus, t.service.runtime.ds, [
      event(
        'credit.partner.acknowledged',
        {
          changeId,
          department: 'BANK_LOAN',
          partyId,
          acknowledgedAt: '2024-03-08T02:00:00.000Z',
          acknowledgedBy: 'bank',
        },
        partyId,
      ),
    ]);
    expect(await warningsOf('PARTNER_ACKS_OVERDUE')).toEqual([
      expect.objectContaining({ status: 'RESOLVED', resolved_value: 0 }),
    ]);
  });

  it('shows warnings to the divisions they concern only', async () => {
    const q = `query($d: ID) { warnings(divisionCode: $d, first: 50) { nodes { division { code } status metric rule { name } } pageInfo { hasNextPage } } }`;
    const all = await gqlRequest(t.service.url, q, {}, identity(['JUDGE']));
    expect(all.errors).toBeUndefined();
    expect(all.data.warnings.nodes.map((n: { division: { code: string } }) => n.division.code).sort()).toEqual([
      COUNTY,
      TOWNSHIP_A,
      TOWNSHIP_A,
      VILLAGE_A1,
    ]);
    const liaisonA = await gqlRequest(
      t.service.url,
      q,
      {},
      identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_A }),
    );
    expect(liaisonA.data.warnings.nodes.map((n: { division: { code: string } }) => n.division.code).sort()).toEqual([
      TOWNSHIP_A,
      TOWNSHIP_A,
      VILLAGE_A1,
    ]);
    const liaisonB = await gqlRequest(
      t.service.url,
      q,
      {},
      identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_B }),
    );
    expect(liaisonB.data.warnings.nodes).toEqual([]);
    expect(
      (
        await gqlRequest(
          t.service.url,
          q,
          { d: TOWNSHIP_A },
          identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_B }),
        )
      ).errors![0]!.extensions!.code,
    ).toBe('FORBIDDEN');
    expect(
      (await gqlRequest(t.service.url, q, {}, identity(['PARTY'], { partyId: randomUUID() }))).errors![0]!.extensions!
        .code,
    ).toBe('FORBIDDEN');
    const page = await gqlRequest(
      t.service.url,
      `{ warnings(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      ADMIN,
    );
    const next = await gqlRequest(
      t.service.url,
      `query($a: String) { warnings(first: 10, after: $a) { nodes { id } pageInfo { hasNextPage } } }`,
      { a: page.data.warnings.pageInfo.endCursor },
      ADMIN,
    );
    expect(page.data.warnings.pageInfo.hasNextPage).toBe(true);
    expect(next.data.warnings.nodes).toHaveLength(2);
    expect(next.data.warnings.pageInfo.hasNextPage).toBe(false);
    const ids = [
      ...page.data.warnings.edges.map((e: { node: { id: string } }) => e.node.id),
      ...next.data.warnings.nodes.map((n: { id: string }) => n.id),
    ];
    expect(new Set(ids).size).toBe(4);
    const nested = await gqlRequest(
      t.service.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { code warnings(status: OPEN) { metric } } } }`,
      {
        r: [
          { __typename: 'Division', code: TOWNSHIP_A },
          { __typename: 'Division', code: TOWNSHIP_B },
        ],
      },
      ADMIN,
    );
    expect(nested.data._entities).toEqual([
      { code: TOWNSHIP_A, warnings: [{ metric: 'OVERDUE_TASKS' }] },
      { code: TOWNSHIP_B, warnings: [] },
    ]);
  });

  it('lets only an administrator tune rules, validating them; disabling a rule resolves its warnings', async () => {
    const input = {
      name: 'x',
      metric: 'OVERDUE_TASKS',
      comparison: 'GT',
      threshold: 1,
      divisionLevel: 'TOWNSHIP',
      windowDays: 1,
    };
    const m = `mutation($id: ID!, $i: WarningRuleInput!) { updateWarningRule(id: $id, input: $i) { enabled } }`;
    expect(
      (await gqlRequest(t.service.url, m, { id: ruleId, i: { ...input, enabled: false } }, identity(['JUDGE'])))
        .errors![0]!.extensions!.code,
    ).toBe('FORBIDDEN');
    const bad = await gqlRequest(
      t.service.url,
      m,
      { id: ruleId, i: { ...input, metric: 'COMPLETION_RATE', threshold: 2 } },
      ADMIN,
    );
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'threshold' });
    const off = await gqlRequest(t.service.url, m, { id: ruleId, i: { ...input, enabled: false } }, ADMIN);
    expect(off.errors).toBeUndefined();
    expect((await warningsOf(ruleId)).map((w: { status: string }) => w.status)).toEqual(['RESOLVED', 'RESOLVED']);
    expect(
      (await gqlRequest(t.service.url, m, { id: randomUUID(), i: input }, ADMIN)).errors![0]!.extensions!.code,
    ).toBe('NOT_FOUND');
  });
});

describe('a warning resolved by hand', () => {
  let t: TestMetrics;
  const settings = settingsFrom(loadMetricsConfig({ DATABASE_URL: 'postgres://unused' }));
  const tasks = Array.from({ length: 6 }, () => randomUUID());
  const liaisonA = identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_A });
  let ruleId: string;
  const resolve = `mutation($id: ID!, $note: String!) { resolveWarning(id: $id, note: $note) {
    id status resolvedAt resolvedValue resolvedBy resolutionNote } }`;
  const rows = () =>
    t.service.runtime.ds.query(
      `SELECT id, status, raised_value, resolved_by, resolution_note, recovered_at FROM metrics.warning WHERE rule_id = $1 ORDER BY raised_at, id`,
      [ruleId],
    );
  const outbox = async (type: string) =>
    (
      await t.service.runtime.ds.query(`SELECT envelope FROM metrics.outbox_message WHERE type = $1 ORDER BY seq`, [
        type,
      ])
    ).map((r: { envelope: { payload: Record<string, unknown> } }) => r.envelope.payload);
  const overdue = (taskId: string) => [
    taskEvent('created', { taskId, divisionCode: VILLAGE_A1 }),
    taskEvent('overdue', { taskId, divisionCode: VILLAGE_A1 }),
  ];
  const done = (taskId: string) => taskEvent('completed', { taskId, divisionCode: VILLAGE_A1 });

  beforeAll(async () => {
    t = await startMetrics();
    const r = await gqlRequest(
      t.service.url,
      `mutation($i: WarningRuleInput!) { createWarningRule(input: $i) { id } }`,
      {
        i: {
          name: 'More than one overdue task in a township',
          metric: 'OVERDUE_TASKS',
          comparison: 'GT',
          threshold: 1,
          divisionLevel: 'TOWNSHIP',
          windowDays: 1,
        },
      },
      ADMIN,
    );
    expect(r.errors).toBeUndefined();
    ruleId = r.data.createWarningRule.id;
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[0]!), ...overdue(tasks[1]!)]);
  });
  afterAll(() => t.stop());

  it('is resolved, with a note, by someone who may read its division; bad requests write nothing', async () => {
    const [w] = await rows();
    expect(w).toMatchObject({ status: 'OPEN', raised_value: 2 });
    const refused = [
      [{ id: w.id, note: '已处理' }, identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_B }), 'FORBIDDEN'],
      [{ id: w.id, note: ' ' }, liaisonA, 'VALIDATION_FAILED'],
      [{ id: randomUUID(), note: '已处理' }, liaisonA, 'NOT_FOUND'],
      [{ id: w.id, note: '已处理' }, identity([]), 'UNAUTHENTICATED'],
    ] as const;
    for (const [vars, who, code] of refused)
      expect((await gqlRequest(t.service.url, resolve, vars, who)).errors?.[0]?.extensions?.code).toBe(code);
    expect((await rows())[0]).toMatchObject({ status: 'OPEN', resolved_by: null, resolution_note: null });

    const r = await gqlRequest(t.service.url, resolve, { id: w.id, note: ' 两项任务已另行督办 ' }, liaisonA);
    expect(r.errors).toBeUndefined();
    expect(r.data.resolveWarning).toMatchObject({
      id: w.id,
      status: 'RESOLVED',
      resolvedValue: 2,
      resolvedBy: liaisonA.sub,
      resolutionNote: '两项任务已另行督办',
    });
    expect(await outbox('metrics.warning.resolved')).toEqual([
      expect.objectContaining({ warningId: w.id, ruleId, divisionCode: TOWNSHIP_A, value: 2 }),
    ]);
    const [audit] = (await outbox('audit.entry.recorded')).filter(
      (e: Record<string, unknown>) => e.operation === 'resolveWarning' && e.outcome === 'OK',
    );
    expect(audit).toMatchObject({ actor: liaisonA.sub });
    expect(audit.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'OPEN', after: 'RESOLVED' },
        { field: 'resolvedBy', before: null, after: liaisonA.sub },
        { field: 'resolutionNote', before: null, after: '两项任务已另行督办' },
      ]),
    );
    const again = await gqlRequest(t.service.url, resolve, { id: w.id, note: '再次处理' }, ADMIN);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('is not raised again while its condition still holds, on events or on the schedule', async () => {
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[2]!)]);
    expect(await sweepWarnings(t.service.runtime, settings, new Date())).toMatchObject({ raised: 0 });
    const [w, ...others] = await rows();
    expect(others).toEqual([]);
    expect(w).toMatchObject({ status: 'RESOLVED', recovered_at: null });
    expect(await outbox('metrics.warning.raised')).toHaveLength(1);
  });

  it('is raised afresh by a new breach once the metric has recovered', async () => {
    // Three overdue, two done: one left, not more than the threshold.
    await publishAndSettle(t.bus, t.service.runtime.ds, [done(tasks[0]!), done(tasks[1]!)]);
    const [w] = await rows();
    expect(w.recovered_at).toBeInstanceOf(Date);
    expect(await rows()).toHaveLength(1);
    await publishAndSettle(t.bus, t.service.runtime.ds, [...overdue(tasks[3]!)]);
    const history = await rows();
    expect(history.map((h: { status: string }) => h.status)).toEqual(['RESOLVED', 'OPEN']);
    expect(history[1]).toMatchObject({ raised_value: 2, resolved_by: null });
    expect(await outbox('metrics.warning.raised')).toHaveLength(2);
  });
});

describe('judicial suggestions', () => {
  let t: TestMetrics;
  beforeAll(async () => {
    t = await startMetrics();
  });
  afterAll(() => t.stop());

  const FIELDS =
    'id status targetDepartment division { code } title finding figures { label value } createdBy sentAt answeredAt answer';
  const create = (who = ADMIN, input: Record<string, unknown> = {}) =>
    gqlRequest(
      t.service.url,
      `mutation($i: CreateJudicialSuggestionInput!) { createJudicialSuggestion(input: $i) { ${FIELDS} } }`,
      {
        i: {
          targetDepartment: '县人力社保局',
          divisionCode: TOWNSHIP_A,
          title: '劳动报酬纠纷高发',
          finding: '虹星桥镇劳动争议案件占比上升',
          figures: [{ label: '劳动争议案件', value: '12' }],
          ...input,
        },
      },
      who,
    );

  it('tracks a suggestion from DRAFT to SENT to ANSWERED and refuses any other move', async () => {
    const created = await create();
    expect(created.errors).toBeUndefined();
    const s = created.data.createJudicialSuggestion;
    expect(s).toMatchObject({
      status: 'DRAFT',
      division: { code: TOWNSHIP_A },
      figures: [{ label: '劳动争议案件', value: '12' }],
      createdBy: ADMIN.sub,
      sentAt: null,
    });
    const answerEarly = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { answerJudicialSuggestion(id: $id, answer: "ok") { status } }`,
      { id: s.id },
      ADMIN,
    );
    expect(answerEarly.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'DRAFT',
      to: 'ANSWERED',
    });
    const sent = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { sendJudicialSuggestion(id: $id) { status sentAt } }`,
      { id: s.id },
      ADMIN,
    );
    expect(sent.data.sendJudicialSuggestion.status).toBe('SENT');
    expect(sent.data.sendJudicialSuggestion.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const again = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { sendJudicialSuggestion(id: $id) { status } }`,
      { id: s.id },
      ADMIN,
    );
    expect(again.errors![0]!.extensions!.code).toBe('INVALID_TRANSITION');
    const answered = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { answerJudicialSuggestion(id: $id, answer: "已开展专项治理") { status answer answeredAt } }`,
      { id: s.id },
      ADMIN,
    );
    expect(answered.data.answerJudicialSuggestion).toMatchObject({ status: 'ANSWERED', answer: '已开展专项治理' });
    const list = await gqlRequest(
      t.service.url,
      `{ judicialSuggestions(status: ANSWERED) { nodes { id } } }`,
      {},
      identity(['JUDGE']),
    );
    expect(list.data.judicialSuggestions.nodes).toEqual([{ id: s.id }]);
    const missing = await gqlRequest(
      t.service.url,
      `mutation($id: ID!) { sendJudicialSuggestion(id: $id) { status } }`,
      { id: randomUUID() },
      ADMIN,
    );
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('lets only administrators write suggestions and judges read them, validating input', async () => {
    const before = (await t.service.runtime.ds.query(`SELECT count(*)::int AS n FROM metrics.judicial_suggestion`))[0]
      .n;
    expect((await create(identity(['JUDGE']))).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await create(ADMIN, { title: ' ' })).errors![0]!.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'title',
    });
    expect((await create(ADMIN, { divisionCode: '12' })).errors![0]!.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'divisionCode',
    });
    expect((await t.service.runtime.ds.query(`SELECT count(*)::int AS n FROM metrics.judicial_suggestion`))[0].n).toBe(
      before,
    );
    const cadre = await gqlRequest(
      t.service.url,
      `{ judicialSuggestions { nodes { id } } }`,
      {},
      identity(['VILLAGE_CADRE'], { divisionCode: VILLAGE_A1 }),
    );
    expect(cadre.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
