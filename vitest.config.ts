import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { RollupsLastSequencer } from './lib/vitest/rollups-last.js';

// One vitest project per gate suite folder (suites/<name>/), each with the global setup that prepares
// its target, so `npx vitest run suites/phase1` runs only phase 1 and only its setup.
const SUITES_DIR = 'suites';
const suiteNames = (existsSync(SUITES_DIR) ? readdirSync(SUITES_DIR) : []).filter(
  (name) => !name.startsWith('_') && statSync(join(SUITES_DIR, name)).isDirectory(),
);

export default defineConfig({
  test: {
    reporters: ['default', ['junit', { outputFile: 'reports/junit.xml' }], './lib/reports/vitest/phase-reporter.ts', './lib/reports/vitest/summary-reporter.ts'],
    env: { TESTCONTAINERS_RYUK_DISABLED: 'true' },
    mockReset: true,
    restoreMocks: true,
    unstubEnvs: true,
    // The roll-up files (suites/<suite>/rollup.test.ts: P1-NEXT1, PD-W2-1, …) judge what the others recorded: last.
    sequence: { sequencer: RollupsLastSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'suites/_setup/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.docker.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          retry: process.env.CI ? 2 : 0,
        },
      },
      {
        // Adapter tests against a real Docker daemon (tiny containers, the reference stack). Never retried.
        test: {
          name: 'docker',
          include: ['lib/**/*.docker.test.ts', 'fixtures/**/*.docker.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      ...suiteNames.map((name) => ({
        test: {
          name,
          include: [`suites/${name}/**/*.test.ts`],
          globalSetup: [`./suites/_setup/global-setup.ts`],
          // toPassCheck, toBeHealthy, toRespondWithin, … (lib/vitest/matchers.ts)
          // record-tests.ts: one line per finished test in this run's log, read by the roll-up files.
          setupFiles: ['./lib/vitest/setup-matchers.ts', './suites/_setup/record-tests.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { concurrent: false },
          // Gates never retry: a flaky check must stay visible.
          retry: 0,
        },
      })),
    ],
  },
});
