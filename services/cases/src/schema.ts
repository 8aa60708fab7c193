import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';

/** The subgraph's public contract, read from schema.graphql. */
export const typeDefs = parse(readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));
