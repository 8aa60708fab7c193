import { readFileSync } from 'node:fs';
import { composeSupergraph } from '../src/compose';
import { SUPERGRAPH_PATH } from '../src/subgraphs';

describe('the committed supergraph', () => {
  it('matches what the subgraph SDL files compose to (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });
});
