import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, readSubgraphSdl } from './subgraphs';

/** Composes the supergraph from the subgraphs' SDL files, with the default routing URLs. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: s.defaultUrl, typeDefs: parse(readSubgraphSdl(s.name)) })),
  );
  if (result.errors?.length) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!;
}
