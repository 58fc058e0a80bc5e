// @ts-check
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const SERVER = ['domain', 'forms', 'workflows', 'activities', 'db', 'runtime', 'worker', 'api', 'scripts'];

/**
 * Which top-level folders each folder may not import from. domain/ is pure and imports nothing else;
 * workflows see domain/ and (as types) forms/ and activities/; db/ never reaches up into activities/
 * or api/; nothing but entry scripts imports scripts/; the web app talks to the server over HTTP only,
 * typed by the API's contract modules (api/<feature>/<name>Contract.ts, imported as types).
 */
function boundaries() {
  const forbid = (target, from, message) => from.map((dir) => ({ target: `./${target}`, from: `./${dir}`, message }));
  return [
    ...forbid('domain', [...SERVER.filter((d) => d !== 'domain'), 'web'], 'domain/ holds pure rules and imports only domain/.'),
    ...forbid('forms', ['workflows', 'activities', 'db', 'runtime', 'worker', 'api', 'scripts', 'web'], 'forms/ is the shared record contract: it imports only domain/.'),
    ...forbid('workflows', ['db', 'runtime', 'worker', 'api', 'scripts', 'web'], 'Workflows import domain/, and forms/ and activities/ as types only.'),
    ...forbid('db', ['workflows', 'activities', 'worker', 'api', 'scripts', 'web'], 'db/ imports neither activities/ nor api/.'),
    ...forbid('activities', ['worker', 'api', 'scripts', 'web'], 'Activities never import api/.'),
    ...forbid('runtime', ['workflows', 'activities', 'db', 'worker', 'api', 'scripts', 'web'], 'runtime/ (config, logger, embedded servers) depends on no feature code.'),
    ...forbid('worker', ['api', 'scripts', 'web'], 'The worker does not import the API or entry scripts.'),
    ...forbid('api', ['scripts', 'web'], 'The API does not import entry scripts or the web app.'),
    ...forbid('web', SERVER.filter((d) => d !== 'api'), 'The web app reaches the server over HTTP only.'),
    // …and knows its JSON from the routes' own schemas: the contract modules, as types (see the web files' rule below).
    {
      target: './web', from: './api/**',
      except: [`${import.meta.dirname}/api/**/*Contract.ts`],
      message: 'The web app imports only the API\'s contract types.',
    },
  ];
}

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
      // The architecture's boundaries: each room imports only from the rooms below it (README, Layout).
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: boundaries() }],
    },
  },
  {
    // Pure rules run inside the workflow bundle too: nothing from Node.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeBuiltins, message: 'domain/ is pure: no Node built-ins (it runs in the workflow sandbox too).' }] }],
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
        patterns: [
          { group: ['../activities/*'], allowTypeImports: true, message: 'Import activities with `import type` and call them through proxyActivities.' },
          { group: ['../forms/*'], allowTypeImports: true, message: 'Workflows import form types only (validation belongs to the API).' },
        ],
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
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/api/**'], allowTypeImports: true, message: 'The web app takes only types from the API\'s contract modules.' }],
      }],
    },
  },
);
