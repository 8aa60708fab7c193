import { DEMO_ROLES, DEV_JWT_SECRET, issueToken } from '@zhiyuan/gateway';
import { gqlRequest, silentLogger, waitFor } from '@zhiyuan/testing';
import { loadDemoCases } from '../src';
import { useE2eStack } from './support/e2e';

const JWT = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

describe('demo cases on first start', () => {
  const e2e = useE2eStack({ name: 'demo' });

  it('loads cases through the product, once, with one obligor on the public board', async () => {
    await loadDemoCases(e2e.gatewayUrl, JWT, silentLogger);
    await loadDemoCases(e2e.gatewayUrl, JWT, silentLogger);
    const admin = { authorization: `Bearer ${await issueToken(DEMO_ROLES.admin!, JWT)}` };
    const cases = await gqlRequest(
      e2e.gatewayUrl,
      `{ cases(first: 50) { nodes { caseNumber state } } }`,
      {},
      undefined,
      admin,
    );
    expect(cases.data.cases.nodes).toHaveLength(8);
    expect(cases.data.cases.nodes.filter((c: { state: string }) => c.state === 'PERFORMED_AFTER_URGING')).toHaveLength(
      2,
    );
    const board = await waitFor(
      async () => {
        const r = await gqlRequest(
          e2e.gatewayUrl,
          `{ exposureBoard(divisionCode: "330522") { nodes { name idNumberMasked } } }`,
        );
        return r.data.exposureBoard.nodes.length === 1 ? r.data.exposureBoard.nodes : undefined;
      },
      { what: 'one board entry' },
    );
    expect(board[0].idNumberMasked).toMatch(/^\d{10}\*{4}\d{3}[\dX]$/);
  });
});
