// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const pureDomains = ['estate', 'detect', 'incident', 'intake', 'respond', 'obligations', 'exercise'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'test-output/**', '.firebreak/**', '**/*.tmp.ts', 'bin/**', 'eslint.config.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/ignore': ['node_modules'] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
    },
  },
  // Domain code is pure: it never imports the edges (storage, server, bus, connectors, CLI, agent).
  ...pureDomains.map((domain) => ({
    files: [`src/${domain}/**/*.ts`],
    // The exercise driver is the edge of src/exercise: it runs a server, agents and API calls.
    ignores: ['src/exercise/driver/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**', '**/server/**', '**/bus/**', '**/connectors/**', '**/cli/**', '**/agent/**', 'pg', 'fastify', '@electric-sql/*', 'kysely'],
              message: 'Domain code is pure: storage, HTTP, the bus and connectors are injected at the edges.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
