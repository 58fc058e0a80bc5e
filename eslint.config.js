// @ts-check
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'util', 'events', 'stream'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.tools/**', '**/dist/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    plugins: { 'import-x': importX },
    // Sources import `./x.js` for `./x.ts` (NodeNext); the resolver must see that, or no-cycle sees nothing.
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] }, extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Workflow code is replayed: it must be deterministic and free of I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'No Node built-ins in workflow code (it runs in the deterministic sandbox).' },
          { group: ['../activities/*', '!../activities/*.js'], message: 'Workflows import activity types only.' },
          { group: ['@mikro-orm/*', 'express', 'pino', '../db/*', '../api/*'], message: 'No I/O libraries in workflow code.' },
        ],
      }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['../activities/*'], allowTypeImports: true, message: 'Import activities with `import type` and call them through proxyActivities.' }],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use workflow time only through Temporal APIs (sleep, condition).' },
        { object: 'Math', property: 'random', message: 'No randomness in workflow code.' },
      ],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop.' },
        { name: 'fetch', message: 'I/O belongs in activities.' },
        { name: 'process', message: 'No process access in workflow code.' },
      ],
    },
  },
  {
    // The web app runs in the browser: React's hook rules instead of Node's globals.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
