import { Client } from 'pg';
import { DEMO_ROLES } from '@zhiyuan/gateway';
import { gqlRequest, waitFor } from '@zhiyuan/testing';
import { useE2eStack } from './support/e2e';

describe('audit log through the gateway', () => {
  const e2e = useE2eStack({ name: 'audit', shared: true });
  // An admin and a cadre of this file's own: other files write to the shared stack's audit log too.
  const me = { admin: `audit-admin-${process.pid}-${Date.now()}`, cadre: `audit-cadre-${process.pid}-${Date.now()}` };
  const headers: Record<'admin' | 'cadre' | 'judge', Record<string, string>> = {} as never;
  beforeAll(async () => {
    headers.admin = await e2e.headersFor({ ...DEMO_ROLES.admin!, sub: me.admin });
    headers.cadre = await e2e.headersFor({ ...DEMO_ROLES.cadre!, sub: me.cadre });
    headers.judge = e2e.auth.judge!;
  });

  const log = async (filter: Record<string, unknown>) =>
    (
      await gqlRequest(
        e2e.gatewayUrl,
        `query($f: AuditLogFilter) { auditLog(filter: $f, first: 50) { nodes { actor roles service action operation targetKind targetId outcome errorCode ip } } }`,
        { f: filter },
        undefined,
        headers.admin,
      )
    ).data?.auditLog.nodes ?? [];

  it('keeps every mutation, refused ones included, and every unmasked read, for admins only', async () => {
    const register = await gqlRequest(
      e2e.gatewayUrl,
      `mutation { registerPerson(input: { name: "赵审计", idNumber: "330522198001011237", homeDivisionCode: "330522104201", phone: "13900001111" }) { id } }`,
      {},
      undefined,
      headers.admin,
    );
    expect(register.errors).toBeUndefined();
    const partyId = register.data.registerPerson.id as string;
    const refused = await gqlRequest(
      e2e.gatewayUrl,
      `mutation { registerPerson(input: { name: "钱", idNumber: "330522198001011234", homeDivisionCode: "330522104201" }) { id } }`,
      {},
      undefined,
      headers.cadre,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBeDefined();
    const read = await gqlRequest(
      e2e.gatewayUrl,
      `query($id: ID!) { party(id: $id) { idNumber phone } }`,
      { id: partyId },
      undefined,
      headers.admin,
    );
    expect(read.data.party.idNumber).toBe('330522198001011237');

    const admin = me.admin;
    await waitFor(async () => (await log({ targetId: partyId, action: 'UNMASKED_READ' })).length > 0, {
      what: 'unmasked read audited',
    });
    const mutations = await waitFor(
      async () => {
        const rows = [
          ...(await log({ action: 'MUTATION', service: 'people-credit', actor: me.admin })),
          ...(await log({ action: 'MUTATION', service: 'people-credit', actor: me.cadre })),
        ];
        return rows.length >= 2 ? rows : undefined;
      },
      { what: 'mutations audited' },
    );
    expect(mutations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: admin,
          roles: ['ADMIN'],
          operation: 'registerPerson',
          outcome: 'OK',
          targetId: partyId,
        }),
        expect.objectContaining({ actor: me.cadre, operation: 'registerPerson', outcome: 'ERROR' }),
      ]),
    );
    expect(mutations[0].ip).toBeTruthy();

    const denied = await gqlRequest(e2e.gatewayUrl, `{ auditLog { nodes { id } } }`, {}, undefined, headers.judge);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const pg = new Client({ connectionString: e2e.db.url });
    await pg.connect();
    await expect(pg.query(`DELETE FROM metrics.audit_log`)).rejects.toThrow(/append-only/);
    await expect(pg.query(`UPDATE metrics.audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await pg.end();
  });
});
