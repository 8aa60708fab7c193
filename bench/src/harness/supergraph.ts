import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, readSubgraphSdl } from '@zhiyuan/gateway';
import type { Stack } from '@zhiyuan/stack';

const KEYS = { cases: 'cases', 'people-credit': 'peopleCredit', tasks: 'tasks', metrics: 'metrics' } as const;

/** The supergraph of the subgraphs' current SDL, routed to the running subgraphs. */
export function composeForStack(stack: Stack): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: stack.services[KEYS[s.name]].url,
      typeDefs: parse(readSubgraphSdl(s.name)),
    })),
  );
  if (result.errors?.length) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl!;
}
