import eslintConfigPrettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/src/generated/**', '**/node_modules/**', '**/.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Services never import each other: shared code lives in packages/.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@zhiyuan/cases',
                '@zhiyuan/people-credit',
                '@zhiyuan/tasks',
                '@zhiyuan/metrics',
                '**/services/*/**',
              ],
              message: 'A service never imports another service; use federation or events.',
            },
          ],
        },
      ],
    },
  },
  {
    // Rows are typed at the boundary (docs/service-layout.md); the bulk import's COPY path and the
    // projector's named prepared statements talk to pg directly.
    files: ['services/*/src/**/*.ts'],
    ignores: [
      'services/*/src/migrations/**',
      'services/cases/src/import/**',
      'services/metrics/src/projection/prepared.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'A raw statement names the row it returns: use sqlRows<Row>, sqlRow<Row> or sqlExec from @zhiyuan/db.',
        },
      ],
    },
  },
  {
    files: ['stack/**', 'packages/testing/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // Last: turns off the stylistic rules that would fight Prettier (npm run format).
  eslintConfigPrettier,
);
