import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest, identity } from '@zhiyuan/testing';
import { CASE_OUTCOMES } from '@zhiyuan/events';
import { TOWNSHIP_A, VILLAGE_A1, publishAndSettle, taskEvent } from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
const RULE = {
  name: 'More than one overdue task in a township',
  metric: 'OVERDUE_TASKS',
  comparison: 'GT',
  threshold: 1,
  divisionLevel: 'TOWNSHIP',
  windowDays: 1,
};

describe('audit entries of metrics updates name the changed fields before and after', () => {
  let t: TestMetrics;
  beforeAll(async () => (t = await startMetrics()));
  afterAll(() => t.stop());

  const ok = async (query: string, variables: Record<string, unknown>, who = ADMIN) => {
    const r = await gqlRequest<any>(t.service.url, query, variables, who);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  /** The audit entries of one mutation about one target, oldest first, as written with the mutation. */
  const auditOf = async (operation: string, targetId: string) =>
    (
      await t.service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM metrics.outbox_message
          WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'operation' = $1
            AND envelope->'payload'->>'targetId' = $2 ORDER BY seq`,
        [operation, targetId],
      )
    ).map((r: { p: any }) => r.p);

  it('updateWarningRule: the changed settings only; acknowledgeWarning: who, when and the note', async () => {
    const id = (await ok(`mutation($i: WarningRuleInput!) { createWarningRule(input: $i) { id } }`, { i: RULE }))
      .createWarningRule.id;
    await ok(`mutation($id: ID!, $i: WarningRuleInput!) { updateWarningRule(id: $id, input: $i) { id } }`, {
      id,
      i: { ...RULE, threshold: 3, windowDays: 7 },
    });
    const [updated] = await auditOf('updateWarningRule', id);
    expect(updated).toMatchObject({ service: 'metrics', outcome: 'OK' });
    expect(updated.changes).toEqual([
      { field: 'threshold', before: 1, after: 3 },
      { field: 'windowDays', before: 1, after: 7 },
    ]);
    // Back to one overdue task, so that two overdue tasks raise a warning to acknowledge.
    await ok(`mutation($id: ID!, $i: WarningRuleInput!) { updateWarningRule(id: $id, input: $i) { id } }`, {
      id,
      i: RULE,
    });
    const tasks = [randomUUID(), randomUUID()];
    await publishAndSettle(
      t.bus,
      t.service.runtime.ds,
      tasks.flatMap((taskId) => [
        taskEvent('created', { taskId, divisionCode: VILLAGE_A1 }),
        taskEvent('overdue', { taskId, divisionCode: VILLAGE_A1 }),
      ]),
    );
    const [w] = await t.service.runtime.ds.query(
      `SELECT id FROM metrics.warning WHERE rule_id = $1 AND status = 'OPEN'`,
      [id],
    );
    expect(w).toBeDefined();
    const liaison = identity(['TOWNSHIP_LIAISON'], { divisionCode: TOWNSHIP_A });
    const ack = `mutation($id: ID!, $note: String!) { acknowledgeWarning(id: $id, note: $note) { id } }`;
    await ok(ack, { id: w.id, note: '已约谈村干部' }, liaison);
    await ok(ack, { id: w.id, note: '本周内完成' }, liaison);
    const [first, second] = await auditOf('acknowledgeWarning', w.id);
    expect(first.changes).toEqual([
      { field: 'acknowledgedBy', before: null, after: liaison.sub },
      { field: 'acknowledgedAt', before: null, after: ISO },
      { field: 'acknowledgementNote', before: null, after: '已约谈村干部' },
    ]);
    // The same person again: their id is unchanged, so it is not listed.
    expect(second.changes).toEqual([
      { field: 'acknowledgedAt', before: first.changes[1].after, after: ISO },
      { field: 'acknowledgementNote', before: '已约谈村干部', after: '本周内完成' },
    ]);
  });

  it('activatePerformanceRuleSet: the set activated and the set it replaced', async () => {
    const [active] = await t.service.runtime.ds.query(
      `SELECT id FROM metrics.performance_rule_set WHERE status = 'ACTIVE'`,
    );
    const weights = CASE_OUTCOMES.map((outcome) => ({ outcome, weight: outcome === 'PERFORMED_AFTER_URGING' ? 2 : 1 }));
    const id = (
      await ok(`mutation($i: CreatePerformanceRuleSetInput!) { createPerformanceRuleSet(input: $i) { id } }`, {
        i: { name: 'Urging counts double', effectiveFrom: '2025-01-01', weights },
      })
    ).createPerformanceRuleSet.id;
    await ok(`mutation($id: ID!) { activatePerformanceRuleSet(id: $id, reason: "督促履行加权") { id } }`, { id });
    const [entry] = await auditOf('activatePerformanceRuleSet', id);
    expect(entry.changes).toEqual([
      { field: 'status', before: 'DRAFT', after: 'ACTIVE' },
      { field: 'activatedBy', before: null, after: ADMIN.sub },
      { field: 'activatedAt', before: null, after: ISO },
      { field: 'activationReason', before: null, after: '督促履行加权' },
      { field: 'activeRuleSetId', before: active?.id ?? null, after: id },
    ]);
  });

  it('sending and answering a judicial suggestion, each in the transaction of its move', async () => {
    const id = (
      await ok(`mutation($i: CreateJudicialSuggestionInput!) { createJudicialSuggestion(input: $i) { id } }`, {
        i: {
          targetDepartment: '县人力社保局',
          divisionCode: TOWNSHIP_A,
          title: '劳动报酬纠纷高发',
          finding: '虹星桥镇劳动争议案件占比上升',
          figures: [{ label: '劳动争议案件', value: '12' }],
        },
      })
    ).createJudicialSuggestion.id;
    await ok(`mutation($id: ID!) { sendJudicialSuggestion(id: $id) { id } }`, { id });
    expect((await auditOf('sendJudicialSuggestion', id))[0].changes).toEqual([
      { field: 'status', before: 'DRAFT', after: 'SENT' },
      { field: 'sentAt', before: null, after: ISO },
    ]);
    await ok(`mutation($id: ID!, $a: String!) { answerJudicialSuggestion(id: $id, answer: $a) { id } }`, {
      id,
      a: '已开展专项治理',
    });
    expect((await auditOf('answerJudicialSuggestion', id))[0].changes).toEqual([
      { field: 'status', before: 'SENT', after: 'ANSWERED' },
      { field: 'answeredAt', before: null, after: ISO },
      { field: 'answer', before: null, after: '已开展专项治理' },
    ]);
  });
});
