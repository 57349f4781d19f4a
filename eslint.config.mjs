// Lint: typescript-eslint's recommended rules plus the import boundaries of STYLE.md
// (app → domain → core; portal → contracts only; queries only through Database).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const domainLibs = ['@accord/organisations', '@accord/cases', '@accord/scheduling', '@accord/sessions', '@accord/outcomes', '@accord/statistics', '@accord/supervision', '@accord/notifications', '@accord/video', '@accord/schema', '@accord/demo', '@accord/testing', '@accord/webhooks', '@accord/quality', '@accord/batches'];
const noApps = { group: ['**/apps/**', '../../apps/*'], message: 'libs never import apps' };
// The only way to a connection is Database.run(), which carries the caller's RLS context.
const noRawDataSource = {
  name: 'typeorm',
  importNames: ['DataSource', 'getRepository', 'createConnection'],
  message: 'Use Database (libs/core/database): queries must run inside the scoped transaction.',
};
const noInjectRepository = {
  name: '@nestjs/typeorm',
  message: 'Repositories injected the ordinary way run outside the RLS transaction; use Database.manager.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'apps/portal/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // No import cycles, through relative paths or the @accord/* aliases (tsconfig paths): a cycle
    // between files of a lib is a seam in the wrong place; between libs it becomes an event.
    files: ['apps/**/*.{ts,tsx}', 'libs/**/*.ts', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'apps/portal/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['libs/core/**/*.ts'],
    ignores: ['libs/core/database/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noRawDataSource, noInjectRepository, ...domainLibs.map((name) => ({ name, message: 'core never imports a domain lib' }))], patterns: [noApps] }],
    },
  },
  {
    files: ['libs/organisations/**/*.ts', 'libs/cases/**/*.ts', 'libs/scheduling/**/*.ts', 'libs/sessions/**/*.ts', 'libs/outcomes/**/*.ts', 'libs/statistics/**/*.ts', 'libs/supervision/**/*.ts', 'libs/notifications/**/*.ts', 'libs/video/**/*.ts', 'libs/demo/**/*.ts', 'libs/webhooks/**/*.ts', 'libs/quality/**/*.ts', 'libs/batches/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noRawDataSource, noInjectRepository, { name: '@accord/schema', message: 'domain libs never import the schema root' }],
        patterns: [noApps, { group: ['@accord/*/**', '!@accord/core/**'], message: "use another lib only through its index.ts" }],
      }],
    },
  },
  {
    files: ['libs/organisations/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noRawDataSource, noInjectRepository, { name: '@accord/notifications', message: 'organisations reacts through events, never imports notifications' }], patterns: [noApps, { group: ['@accord/*/**', '!@accord/core/**'], message: 'use another lib only through its index.ts' }] }] },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@accord/*', '@nestjs/*', 'typeorm', '../*'], message: 'contracts imports nothing of ours and no runtime framework' }] }] },
  },
  {
    files: ['apps/portal/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@accord/*', '!@accord/contracts', '../../libs/*', '../../../libs/*'], message: 'the portal imports only libs/contracts and the API client' }] }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js', 'eslint.config.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly', module: 'writable', require: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortSignal: 'readonly' } },
  },
);
