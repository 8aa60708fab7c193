import { parse } from 'graphql';
import type { Identity } from '@zhiyuan/auth';
import { errors } from '@zhiyuan/kernel';
import { gqlRequest, identity } from '@zhiyuan/testing';
import type { Service } from '../src';
import { startToyService, type ToyService } from './support/toy-service';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { secret: String  open: String }
  type Mutation { adminOnly: Boolean }
`);

describe('refusals of an anonymous caller', () => {
  let toy: ToyService;
  let service: Service;

  beforeAll(async () => {
    toy = await startToyService('guarded', typeDefs, {
      Query: {
        secret: () => {
          throw errors.forbidden('Only judges can read this');
        },
        open: () => 'open',
      },
      // A rule that answers FORBIDDEN for anyone without the role, the anonymous caller included.
      Mutation: {
        adminOnly: (_p: unknown, _a: unknown, ctx: { identity: Identity }) => {
          if (!ctx.identity.roles.includes('ADMIN')) throw errors.forbidden('Only an administrator can do this');
          return true;
        },
      },
    });
    service = toy.service;
  });
  afterAll(() => toy.stop());

  it('tell an anonymous caller to sign in, whichever rule refused', async () => {
    const anonymous = identity([]);
    const q = await gqlRequest(service.url, '{ secret open }', {}, anonymous);
    expect(q.errors).toEqual([
      expect.objectContaining({
        message: 'Sign in to do this',
        path: ['secret'],
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
    expect(q.data).toEqual({ secret: null, open: 'open' });
    const m = await gqlRequest(service.url, 'mutation { adminOnly }', {}, anonymous);
    expect(m.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('keep FORBIDDEN, with its reason, for a signed-in caller without the right', async () => {
    const cadre = identity(['VILLAGE_CADRE'], { divisionCode: '330522104201' });
    const m = await gqlRequest(service.url, 'mutation { adminOnly }', {}, cadre);
    expect(m.errors).toEqual([
      expect.objectContaining({
        message: 'Only an administrator can do this',
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});
