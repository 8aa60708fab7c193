import { randomUUID } from 'node:crypto';
import { PendingFinishes } from '@zhiyuan/db';
import { ADMIN, gqlRequest } from '@zhiyuan/testing';
import type { EventEnvelope } from '@zhiyuan/events';
import { keepAuditEntry } from '../src/events/keep-audit-entry.handler';
import { event, ignore, publishAndSettle } from './factories/events';
import { startMetrics, type TestMetrics } from './factories/service';

const entry = (over: Partial<EventEnvelope<'audit.entry.recorded'>['payload']> = {}) =>
  event(
    'audit.entry.recorded',
    {
      actor: 'judge-1',
      roles: ['JUDGE', 'ADMIN'],
      ip: '10.1.2.3',
      service: 'cases',
      action: 'MUTATION',
      operation: 'recordPayment',
      targetKind: 'CASE',
      targetId: randomUUID(),
      outcome: 'OK',
      errorCode: null,
      at: '2024-03-01T02:00:00.000Z',
      ...over,
    },
    'judge-1',
  );

describe('the audit log', () => {
  let t: TestMetrics;
  beforeAll(async () => (t = await startMetrics()));
  const gql = (query: string, variables: Record<string, unknown> = {}) =>
    gqlRequest(t.service.url, query, variables, ADMIN);
  afterAll(() => t.stop());

  const kept = (ids: string[]) =>
    t.service.runtime.ds.query(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at, actor, roles, ip, service, action, operation, target_kind, target_id, outcome, error_code
       FROM metrics.audit_log WHERE id = ANY($1::uuid[]) ORDER BY operation`,
      [ids],
    );

  it('keeps the entries of one transaction in one statement, each once, as they were recorded', async () => {
    const ok = entry();
    const refused = entry({
      operation: 'startUrging',
      outcome: 'ERROR',
      errorCode: 'RULE_VIOLATION',
      ip: null,
      targetKind: null,
      targetId: null,
      roles: ['JUDGE'],
    });
    const from = t.statements.length;
    await t.service.runtime.ds.transaction(async (m) => {
      const scope = new PendingFinishes();
      for (const e of [ok, refused, ok]) await keepAuditEntry.handle(e as never, m, ignore, scope);
      await scope.finish(m, ignore);
    });
    expect(t.statements.slice(from).filter((q) => q.includes('INSERT INTO metrics.audit_log'))).toHaveLength(1);
    expect(await kept([ok.id, refused.id])).toEqual([
      {
        id: ok.id,
        at: '2024-03-01 02:00',
        actor: 'judge-1',
        roles: ['JUDGE', 'ADMIN'],
        ip: '10.1.2.3',
        service: 'cases',
        action: 'MUTATION',
        operation: 'recordPayment',
        target_kind: 'CASE',
        target_id: ok.payload.targetId,
        outcome: 'OK',
        error_code: null,
      },
      {
        id: refused.id,
        at: '2024-03-01 02:00',
        actor: 'judge-1',
        roles: ['JUDGE'],
        ip: null,
        service: 'cases',
        action: 'MUTATION',
        operation: 'startUrging',
        target_kind: null,
        target_id: null,
        outcome: 'ERROR',
        error_code: 'RULE_VIOLATION',
      },
    ]);
  });

  it('keeps an entry delivered through the service', async () => {
    const e = entry({ operation: 'fileEnforcement' });
    await publishAndSettle(t.bus, t.service.runtime.ds, [e]);
    expect(await kept([e.id])).toEqual([
      expect.objectContaining({ id: e.id, operation: 'fileEnforcement', roles: ['JUDGE', 'ADMIN'] }),
    ]);
  });

  it('keeps the changed fields of an update and what a command did, and serves them to admins', async () => {
    const update = entry({
      operation: 'updateParty',
      targetKind: 'PARTY',
      changes: [
        { field: 'phone', before: '138****5678', after: '139****4321' },
        { field: 'lowIncome', before: false, after: true },
      ],
    });
    const command = entry({
      actor: 'import:clerk',
      roles: ['COMMAND_LINE'],
      ip: null,
      action: 'COMMAND',
      operation: 'import:judgments',
      targetKind: 'FILE',
      targetId: 'a'.repeat(64),
      detail: { file: 'judgments.csv', sha256: 'a'.repeat(64), rows: 3, imported: 2 },
    });
    await publishAndSettle(t.bus, t.service.runtime.ds, [update, command]);
    const r = await gql(
      `query($id: String) { auditLog(filter: { targetId: $id }) { nodes { operation action changes { field before after } detail } } }`,
      { id: update.payload.targetId },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.auditLog.nodes).toEqual([
      {
        operation: 'updateParty',
        action: 'MUTATION',
        changes: [
          { field: 'phone', before: '138****5678', after: '139****4321' },
          { field: 'lowIncome', before: false, after: true },
        ],
        detail: null,
      },
    ]);
    const c = await gql(
      `{ auditLog(filter: { action: COMMAND }) { nodes { operation actor changes { field } detail } } }`,
    );
    expect(c.errors).toBeUndefined();
    expect(c.data.auditLog.nodes).toEqual([
      {
        operation: 'import:judgments',
        actor: 'import:clerk',
        changes: null,
        detail: { file: 'judgments.csv', sha256: 'a'.repeat(64), rows: 3, imported: 2 },
      },
    ]);
  });
});
