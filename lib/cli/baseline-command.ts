// `phasegate baseline capture|show|compare <phase>`: the Phase 0 performance baseline that P1-SC7 ("< 10%
// regression") compares with — the plans ask for it but never capture one (criteria.md P1-SC7, P1-S11-AC7).
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode } from '../common/exit-codes.js';
import { ConfigError } from '../common/errors.js';
import { registerSecret } from '../common/secrets.js';
import { baselinePath, readBaseline, writeBaseline } from '../baselines/baseline-file.js';
import type { Baseline } from '../baselines/baseline-schema.js';
import { compareToBaseline } from '../baselines/compare-to-baseline.js';
import { createBaseline } from '../baselines/create-baseline.js';
import { DEFAULT_REGRESSION_PROFILE, homeiqRegressionEndpoints, type RegressionProfile, type RegressionTarget } from '../baselines/regression-profile.js';
import { readDotenv } from '../inventory/parse-dotenv.js';
import { AutocannonRunner, type LoadRunner } from '../load/index.js';
import { measureRegression } from '../load/measure-regression.js';
import { REFERENCE_COMPOSE_FILE, ReferenceStack } from '../stack/index.js';

export const BASELINE_USAGE = `usage: phasegate baseline <capture|show|compare> <phase> [options]

  capture <phase>   measure the running reference stack (open loop, 40 req/s per endpoint, 5 s after 5 s warm-up,
                    core /health endpoints and data-api /api/v1/events) and write baselines/reference/<phase>.json
    --force         overwrite an existing baseline
  show <phase>      print a stored baseline: endpoints, samples, p50/p95/p99, error rate, where it was measured
  compare <phase>   measure now and compare with the stored baseline (p(95) ratio with a 95% bootstrap interval)
    --tolerance <r> allowed slowdown as a fraction (default 0.1: P1-SC7 "< 10%")

  The Phase 1 gate compares P1-SC7 with baselines/reference/phase0.json (config baseline.source), so
  \`phasegate baseline capture phase0\` before a Phase 1 deployment is the Phase 0 baseline the plans assume.
  exit codes: 0 ok / no regression, 1 regressed, 2 usage, ${ExitCode.ConfigInvalid} missing or invalid baseline file`;

/** What the command needs from the outside world; tests pass a local server and a short profile. */
export interface BaselineCommandDeps {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Project root holding `baselines/`. */
  readonly rootDir: string;
  /** Where to measure. @default the running reference stack (its URLs and `.env` API key) */
  readonly target?: () => Promise<RegressionTarget>;
  /** @default new AutocannonRunner() */
  readonly runner?: LoadRunner;
  /** @default DEFAULT_REGRESSION_PROFILE */
  readonly profile?: RegressionProfile;
}

export async function baselineCommand(args: readonly string[], deps: BaselineCommandDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, tolerance: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  const [sub, phase] = positionals;
  if (values.help || sub === undefined) {
    deps.out(BASELINE_USAGE);
    return values.help ? ExitCode.Ok : 2;
  }
  if (!['capture', 'show', 'compare'].includes(sub) || phase === undefined) {
    deps.err(`phasegate baseline: ${phase === undefined ? 'missing <phase>' : `unknown subcommand "${sub}"`}\n\n${BASELINE_USAGE}`);
    return 2;
  }
  const tolerance = values.tolerance === undefined ? 0.1 : Number(values.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) {
    throw new ConfigError(`--tolerance ${values.tolerance}: must be a fraction between 0 and 1`, { hint: 'e.g. --tolerance 0.1 for "< 10%"' });
  }
  const file = baselinePath(deps.rootDir, 'reference', phase);
  const shown = relative(process.cwd(), file) || file;
  const profile = deps.profile ?? DEFAULT_REGRESSION_PROFILE;
  const measure = async () => {
    const target = await (deps.target ?? referenceTarget)();
    const endpoints = homeiqRegressionEndpoints(target);
    deps.err(`[baseline] measuring ${endpoints.length} endpoints: ${endpoints.map((e) => e.name).join(', ')} (${profile.ratePerSec}/s each, ${(profile.warmupMs + profile.durationMs) / 1000} s each)`);
    return (await measureRegression({ endpoints, profile, runner: deps.runner ?? new AutocannonRunner() })).measurement;
  };
  switch (sub) {
    case 'capture': {
      if (existsSync(file) && !values.force) {
        deps.err(`phasegate baseline: ${shown} exists (captured ${(await readBaseline(file)).createdAt}); pass --force to replace it`);
        return 2;
      }
      const measurement = await measure();
      const baseline = createBaseline({ target: 'reference', phase, fingerprint: measurement.fingerprint, endpoints: measurement.endpoints });
      await writeBaseline(file, baseline);
      deps.out(`${formatBaseline(baseline)}\n\nwritten to ${shown}`);
      return ExitCode.Ok;
    }
    case 'show':
      deps.out(`${shown}\n${formatBaseline(await readBaseline(file))}`);
      return ExitCode.Ok;
    default: {
      const baseline = await readBaseline(file);
      const comparison = compareToBaseline(await measure(), baseline, { tolerance });
      const lines = [
        ...comparison.endpoints.map((e) => `${e.verdict.padEnd(12)} ${e.message}`),
        ...comparison.warnings.map((w) => `warning      ${w}`),
        '',
        `${comparison.verdict} against ${shown} (${baseline.createdAt})`,
      ];
      deps.out(lines.join('\n'));
      return comparison.verdict === 'regressed' ? ExitCode.GateFailed : ExitCode.Ok;
    }
  }
}

/** A table of the stored endpoints plus where and how they were measured. */
export function formatBaseline(baseline: Baseline): string {
  const header = ['endpoint', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
  const rows = baseline.endpoints.map((e) => [e.name, String(e.latency.count), e.latency.p50Ms.toFixed(2), e.latency.p95Ms.toFixed(2), e.latency.p99Ms.toFixed(2), `${(e.errorRate * 100).toFixed(1)}%`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const f = baseline.fingerprint;
  return [
    line(header),
    ...rows.map(line),
    '',
    `captured ${baseline.createdAt} on ${f.host} (${f.cpuCount}× ${f.cpuModel}, node ${f.nodeVersion}, ${f.platform}); load ${f.loadProfile ?? 'unknown'}`,
  ].join('\n');
}

/** The running reference stack's URLs and the API key from its `.env` (masked in every message). */
async function referenceTarget(): Promise<RegressionTarget> {
  const started = await new ReferenceStack({ services: 'core' }).attach();
  const apiKey = readDotenv(join(dirname(REFERENCE_COMPOSE_FILE), '.env'), { file: 'fixtures/reference/.env', env: {} }).API_KEY ?? '';
  if (apiKey) registerSecret(apiKey);
  return { urls: started.urls(), apiKey };
}
