import { Client } from 'pg';
import { DEMO_ROLES, issueToken, type TokenClaims } from '@zhiyuan/gateway';
import { createTestDatabase, gqlRequest, silentLogger, waitFor, type TestDatabase } from '@zhiyuan/testing';
import { startStack, type Stack } from '../src';

const DEV = { secret: 'development-jwt-secret-change-me-0000000000', issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

describe('audit log through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    db = await createTestDatabase('zy_audit');
    stack = await startStack({
      databaseUrl: db.url,
      gatewayPort: 0,
      subgraphPorts: { cases: 0, peopleCredit: 0, tasks: 0, metrics: 0 },
      seedDemoData: true,
      logger: silentLogger,
      env: { RATE_LIMIT_PER_MINUTE: '0', TASK_SCHEDULERS_ENABLED: 'false' },
    });
    for (const [name, claims] of Object.entries(DEMO_ROLES))
      headers[name] = { authorization: `Bearer ${await issueToken(claims as TokenClaims, DEV)}` };
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  const log = async (filter: Record<string, unknown>) =>
    (
      await gqlRequest(
        stack.gatewayUrl,
        `query($f: AuditLogFilter) { auditLog(filter: $f, first: 50) { nodes { actor roles service action operation targetKind targetId outcome errorCode ip } } }`,
        { f: filter },
        undefined,
        headers.admin,
      )
    ).data?.auditLog.nodes ?? [];

  it('keeps every mutation, refused ones included, and every unmasked read, for admins only', async () => {
    const register = await gqlRequest(
      stack.gatewayUrl,
      `mutation { registerPerson(input: { name: "赵审计", idNumber: "330522198001011237", homeDivisionCode: "330522104201", phone: "13900001111" }) { id } }`,
      {},
      undefined,
      headers.admin,
    );
    expect(register.errors).toBeUndefined();
    const partyId = register.data.registerPerson.id as string;
    const refused = await gqlRequest(
      stack.gatewayUrl,
      `mutation { registerPerson(input: { name: "钱", idNumber: "330522198001011234", homeDivisionCode: "330522104201" }) { id } }`,
      {},
      undefined,
      headers.cadre,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBeDefined();
    const read = await gqlRequest(
      stack.gatewayUrl,
      `query($id: ID!) { party(id: $id) { idNumber phone } }`,
      { id: partyId },
      undefined,
      headers.admin,
    );
    expect(read.data.party.idNumber).toBe('330522198001011237');

    const admin = DEMO_ROLES.admin!.sub;
    await waitFor(async () => (await log({ targetId: partyId, action: 'UNMASKED_READ' })).length > 0, {
      what: 'unmasked read audited',
    });
    const mutations = await waitFor(
      async () => {
        const rows = await log({ action: 'MUTATION', service: 'people-credit' });
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
        expect.objectContaining({ actor: DEMO_ROLES.cadre!.sub, operation: 'registerPerson', outcome: 'ERROR' }),
      ]),
    );
    expect(mutations[0].ip).toBeTruthy();

    const denied = await gqlRequest(stack.gatewayUrl, `{ auditLog { nodes { id } } }`, {}, undefined, headers.judge);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await expect(pg.query(`DELETE FROM metrics.audit_log`)).rejects.toThrow(/append-only/);
    await expect(pg.query(`UPDATE metrics.audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await pg.end();
  });
});
