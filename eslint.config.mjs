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
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@zhiyuan/cases', '@zhiyuan/people-credit', '@zhiyuan/tasks', '@zhiyuan/metrics', '**/services/*/**'], message: 'A service never imports another service; use federation or events.' },
      ] }],
    },
  },
  {
    files: ['stack/**', 'packages/testing/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // Last: turns off the stylistic rules that would fight Prettier (npm run format).
  eslintConfigPrettier,
);
