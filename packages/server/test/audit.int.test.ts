import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { errors } from '@zhiyuan/kernel';
import { gqlRequest, identity } from '@zhiyuan/testing';
import type { Service } from '../src';
import { startToyService, type ToyService } from './support/toy-service';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: String }
  type Mutation { touchCase(caseId: ID!): Boolean  refuse(input: RefuseInput!): Boolean }
  input RefuseInput { partyId: ID! }
`);

describe('audit of mutations', () => {
  let toy: ToyService;
  let service: Service;
  const judge = identity(['JUDGE'], { sub: 'judge-1', ip: '10.1.2.3' });

  beforeAll(async () => {
    toy = await startToyService('toy', typeDefs, {
      Query: { ping: () => 'pong' },
      Mutation: {
        touchCase: () => true,
        refuse: () => {
          throw errors.rule('NO', 'refused');
        },
      },
    });
    service = toy.service;
  });
  afterAll(() => toy.stop());

  const audits = async () =>
    (
      await service.runtime.ds.query(
        `SELECT envelope->'payload' AS p FROM toy.outbox_message WHERE type = 'audit.entry.recorded' ORDER BY seq`,
      )
    ).map((r: { p: unknown }) => r.p);

  it('records who, what, which case or party, the outcome and from where; reads leave none', async () => {
    const caseId = randomUUID();
    const partyId = randomUUID();
    await gqlRequest(service.url, `{ ping }`, {}, judge);
    await gqlRequest(service.url, `mutation($c: ID!) { touchCase(caseId: $c) }`, { c: caseId }, judge);
    await gqlRequest(service.url, `mutation { refuse(input: { partyId: "${partyId}" }) }`, {}, judge);
    const rows = await audits();
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'judge-1',
        roles: ['JUDGE'],
        ip: '10.1.2.3',
        service: 'toy',
        action: 'MUTATION',
        operation: 'touchCase',
        targetKind: 'CASE',
        targetId: caseId,
        outcome: 'OK',
        errorCode: null,
      }),
      expect.objectContaining({
        operation: 'refuse',
        targetKind: 'PARTY',
        targetId: partyId,
        outcome: 'ERROR',
        errorCode: 'RULE_VIOLATION',
      }),
    ]);
  });
});
