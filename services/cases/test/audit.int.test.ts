import { randomUUID } from 'node:crypto';
import { ADMIN, gqlRequest } from '@zhiyuan/testing';
import { CHANGE, FILE, TAKE_IN } from './factories/graphql';
import {
  enforcementNumber,
  GANGKOU,
  HONGXINGQIAO,
  judgment,
  partyEvent,
  staffEvent,
  startCases,
  type Harness,
} from './factories';

const REASSIGN = `mutation($caseId: ID!, $officerId: ID!, $reason: String!) {
  reassignOfficer(caseId: $caseId, officerId: $officerId, reason: $reason) { id enforcementOfficer { id } } }`;

describe('audit entries of updates name the changed fields before and after', () => {
  let h: Harness;
  const first = randomUUID();
  const second = randomUUID();
  const obligor = randomUUID();
  const gql = (query: string, variables: Record<string, unknown> = {}) => gqlRequest(h.url, query, variables, ADMIN);
  const auditOf = async (operation: string, caseId: string) =>
    (
      await h.service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM cases.outbox_message
          WHERE type = 'audit.entry.recorded' AND envelope->'payload'->>'operation' = $1
            AND envelope->'payload'->>'targetId' = $2 ORDER BY seq`,
        [operation, caseId],
      )
    ).map((r: { p: unknown }) => r.p);

  beforeAll(async () => {
    h = await startCases();
    await h.deliver(partyEvent(obligor, GANGKOU, HONGXINGQIAO));
    await h.deliver(staffEvent(first, HONGXINGQIAO, { occurredAt: new Date(Date.now() - 60_000) }));
    await h.deliver(staffEvent(second, HONGXINGQIAO));
  });
  afterAll(() => h.stop());

  it('reassignOfficer and changeCaseState record what they changed, in the entry of their transaction', async () => {
    const c = (await gql(TAKE_IN, { input: judgment({ obligorIds: [obligor] }) })).data.takeInJudgment;
    const filed = await gql(FILE, { input: { caseId: c.id, enforcementNumber: enforcementNumber() } });
    expect(filed.errors).toBeUndefined();
    const assigned = filed.data.fileEnforcement.enforcementOfficer.id;
    const other = assigned === first ? second : first;
    const r = await gql(REASSIGN, { caseId: c.id, officerId: other, reason: '原执行员回避' });
    expect(r.errors).toBeUndefined();
    expect(await auditOf('reassignOfficer', c.id)).toEqual([
      expect.objectContaining({
        outcome: 'OK',
        changes: [{ field: 'officerId', before: assigned, after: other }],
      }),
    ]);

    expect((await gql(CHANGE, { caseId: c.id, to: 'IN_PROGRESS', reason: '开始执行' })).errors).toBeUndefined();
    expect((await gql(CHANGE, { caseId: c.id, to: 'EXITED', reason: '被执行人丧失劳动能力' })).errors).toBeUndefined();
    const [started, exited] = await auditOf('changeCaseState', c.id);
    expect(started.changes).toEqual([{ field: 'state', before: 'ENFORCEMENT_FILED', after: 'IN_PROGRESS' }]);
    expect(exited.changes).toEqual([
      { field: 'state', before: 'IN_PROGRESS', after: 'EXITED' },
      { field: 'outcome', before: null, after: 'EXITED' },
      { field: 'closedAt', before: null, after: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    ]);
  });

  it('a refused update records no changes', async () => {
    const c = (await gql(TAKE_IN, { input: judgment({ obligorIds: [obligor] }) })).data.takeInJudgment;
    const r = await gql(CHANGE, { caseId: c.id, to: 'EXITED', reason: '试图直接退出' });
    expect(r.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const [entry] = await auditOf('changeCaseState', c.id);
    expect(entry).toMatchObject({ outcome: 'ERROR', errorCode: 'INVALID_TRANSITION' });
    expect(entry.changes).toBeUndefined();
  });
});
