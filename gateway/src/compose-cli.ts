/** Writes gateway/supergraph.graphql from the subgraphs' SDL (`npm run compose`); `--check` fails when it is stale. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { SUPERGRAPH_PATH } from './subgraphs';

const sdl = composeSupergraph();
if (process.argv.includes('--check')) {
  const current = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
  if (current !== sdl) {
    process.stderr.write('gateway/supergraph.graphql is stale: run `npm run compose`\n');
    process.exit(1);
  }
  process.stdout.write('supergraph is up to date\n');
} else {
  writeFileSync(SUPERGRAPH_PATH, sdl);
  process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
}
