// Lint rules that matter here: import boundaries (pure cores never import adapters) and TS hygiene.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that perform I/O against Docker, processes, the network or a browser. */
const ADAPTER_IMPORTS = [
  { group: ['**/docker', '**/docker/**', '**/compose', '**/compose/**', '**/load', '**/load/**', '**/influx', '**/influx/**', '**/probes', '**/probes/**', '**/stack', '**/stack/**', '**/rebuild/**', '**/e2e/**'], message: 'Pure core modules must not import adapters (style guide §3). Pass data in instead.' },
];
const ADAPTER_PACKAGES = [
  { name: 'node:child_process', message: 'Pure core modules must not spawn processes.' },
  { name: 'child_process', message: 'Pure core modules must not spawn processes.' },
  { name: 'dockerode', message: 'Pure core modules must not talk to Docker.' },
  { name: 'execa', message: 'Pure core modules must not spawn processes.' },
  { name: 'autocannon', message: 'Pure core modules must not generate load.' },
  { name: 'testcontainers', message: 'Pure core modules must not start containers.' },
  { name: 'playwright-core', message: 'Pure core modules must not drive a browser.' },
  { name: '@playwright/test', message: 'Pure core modules must not drive a browser.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', '**/dist/**', 'test-results/**', 'playwright-report/**', 'fixtures/**/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', performance: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Pure cores: budgets, baselines, statistics, the report model, config and inventory parsing.
    files: ['lib/budgets/**/*.ts', 'lib/baselines/**/*.ts', 'lib/stats/**/*.ts', 'lib/reports/model/**/*.ts', 'lib/reports/model.ts', 'lib/config/**/*.ts', 'lib/inventory/**/*.ts', 'lib/plans/**/*.ts', 'lib/common/**/*.ts', 'lib/criteria/**/*.ts', 'lib/audit/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ADAPTER_PACKAGES, patterns: ADAPTER_IMPORTS }],
    },
  },
);
