import { composeServices } from '@apollo/composition';
import { parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPHS, buildSafelist, readSubgraphSdl, OPERATIONS_DIR } from '@zhiyuan/gateway';

describe('the frontends operations the benchmarks send', () => {
  it('are valid against the supergraph of the subgraphs as they are now', () => {
    const result = composeServices(
      SUBGRAPHS.map((s) => ({ name: s.name, url: s.defaultUrl, typeDefs: parse(readSubgraphSdl(s.name)) })),
    );
    expect(result.errors ?? []).toEqual([]);
    const schema = result.schema!.toAPISchema().toGraphQLJSSchema();
    const safelist = buildSafelist();
    expect(Object.keys(safelist).length).toBeGreaterThanOrEqual(3);
    for (const text of Object.values(safelist)) {
      const errors = validate(schema, parse(text)).map((e) => e.message);
      expect({ operation: text.split('\n').find((l) => l.startsWith('query')), errors }).toEqual({
        operation: expect.any(String),
        errors: [],
      });
    }
  });

  it('are all in the committed safelist (run `npm run persist -w @zhiyuan/gateway` after editing one)', () => {
    const committed = JSON.parse(
      readFileSync(path.join(OPERATIONS_DIR, '../persisted-operations.json'), 'utf8'),
    ) as Record<string, string>;
    expect(committed).toEqual(buildSafelist());
  });
});
