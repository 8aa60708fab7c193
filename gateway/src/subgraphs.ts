import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The four subgraphs, their default internal URLs, and where their SDL lives. */
export const SUBGRAPHS = [
  { name: 'cases', envUrl: 'CASES_URL', defaultUrl: 'http://127.0.0.1:4001/graphql' },
  { name: 'people-credit', envUrl: 'PEOPLE_CREDIT_URL', defaultUrl: 'http://127.0.0.1:4002/graphql' },
  { name: 'tasks', envUrl: 'TASKS_URL', defaultUrl: 'http://127.0.0.1:4003/graphql' },
  { name: 'metrics', envUrl: 'METRICS_URL', defaultUrl: 'http://127.0.0.1:4004/graphql' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

const repoRoot = path.resolve(__dirname, '../..');

export function readSubgraphSdl(name: SubgraphName): string {
  return readFileSync(path.join(repoRoot, 'services', name, 'src', 'schema.graphql'), 'utf8');
}

export const SUPERGRAPH_PATH = path.join(repoRoot, 'gateway', 'supergraph.graphql');
