import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { SUBGRAPHS } from '@zhiyuan/gateway';
import { readSubgraphSdl } from '@zhiyuan/gateway/src/subgraphs';
import { INTERNAL_IDENTITY_HEADER } from '@zhiyuan/auth';
import type { Stack } from '@zhiyuan/stack';

const KEYS = { cases: 'cases', 'people-credit': 'peopleCredit', tasks: 'tasks', metrics: 'metrics' } as const;

/** The supergraph of the subgraphs' current SDL, routed to the running subgraphs. */
export function composeForStack(stack: Stack): string {
  const result = composeServices(SUBGRAPHS.map((s) => ({ name: s.name, url: stack.services[KEYS[s.name]].url, typeDefs: parse(readSubgraphSdl(s.name)) })));
  if (result.errors?.length) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl!;
}

export interface PeerGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * @graphql-hive/gateway's runtime over the same supergraph and subgraphs. It forwards the client's
 * signed internal identity header as is: it verifies no bearer token, which our gateway does, so the
 * comparison leans in the peer's favour.
 */
export async function startHiveGateway(supergraph: string): Promise<PeerGateway> {
  const gw = createGatewayRuntime({
    supergraph,
    logging: false,
    landingPage: false,
    graphiql: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ [INTERNAL_IDENTITY_HEADER]: request.headers.get(INTERNAL_IDENTITY_HEADER) ?? '' }),
    },
  });
  const server = http.createServer(gw);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await new Promise((r) => server.close(r));
      await gw.dispose();
    },
  };
}
