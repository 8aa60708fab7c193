/**
 * Typed operations of the console, generated from the composed supergraph (the one graph every client
 * uses): `graphql()` in src/generated returns a typed document for each operation written in src/.
 * Documents are strings, so the console ships no GraphQL parser.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../gateway/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', Date: 'string', Fen: 'number' },
      },
    },
  },
};
export default config;
