// The embedded reference target: bundles the twins, builds their images (skipped when unchanged), starts the
// selected services and waits on Docker health (never a fixed sleep). Downs everything on failure, then rethrows.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SystemClock, type Clock } from '../common/clock.js';
import { PhasegateError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import type { ComposeClient } from '../compose/compose-client.js';
import { composeOrThrow, composeSucceeded } from '../compose/compose-error.js';
import { ExecaComposeClient } from '../compose/execa-compose-client.js';
import type { ContainerDetails, ContainerInspector } from '../docker/container-inspector.js';
import { DockerodeContainerInspector } from '../docker/dockerode-container-inspector.js';
import { waitForProjectHealthy } from '../docker/wait-healthy.js';
import { hashBuildInputs, readBuildStamp, writeBuildStamp } from './build-stamp.js';
import { buildContext, dependencyClosure, readComposeFile, type ComposeServiceSpec } from './compose-file.js';
import { StartedReferenceStack } from './started-reference-stack.js';

const log = createLogger('phasegate:stack');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The default reference compose file. */
export const REFERENCE_COMPOSE_FILE = join(ROOT, 'fixtures', 'reference', 'docker-compose.yml');
/** The module exporting `bundleTwins()`. */
export const REFERENCE_BUNDLER = join(ROOT, 'fixtures', 'reference', 'build-bundles.ts');

/** The `core` selection: the services the phase gates probe (compose starts their dependencies too). */
export const CORE_SERVICES: readonly string[] = [
  'influxdb',
  'ha-simulator',
  'websocket-ingestion',
  'data-api',
  'admin-api',
  'data-retention',
  'jaeger',
  'weather-api',
  'sports-api',
  'health-dashboard',
  'ai-automation-ui',
];

/** Options of {@link ReferenceStack}. */
export interface ReferenceStackOptions {
  /** Which services to start: `core` ({@link CORE_SERVICES}), `full` (every service without a profile) or names. @default 'core' */
  readonly services?: 'core' | 'full' | readonly string[];
  /** Compose project name. @default 'phasegate-ref' */
  readonly projectName?: string;
  /** Compose file. @default fixtures/reference/docker-compose.yml */
  readonly composeFile?: string;
  /** Env file for compose interpolation (`--env-file`). @default compose's default (`.env` next to the compose file) */
  readonly envFile?: string;
  /** Bound on build + start + health, in milliseconds. @default 180000 */
  readonly startupTimeoutMs?: number;
  /** Extra environment for compose (interpolation variables); also used to resolve `${PORT}`-style ports. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Progress lines with timings (`[stack] built 9 images in 6.1s`). @default writes each line to stderr */
  readonly log?: (line: string) => void;
  /** Alias of {@link ReferenceStackOptions.log} kept for existing callers. */
  readonly progress?: (line: string) => void;
  /** Prepares the images' inputs. @default `bundleTwins()` from fixtures/reference/build-bundles.ts */
  readonly prepare?: () => Promise<unknown>;
  /** @default new ExecaComposeClient({ projectName, files: [composeFile], cwd: dirname(composeFile), envFile, env }) */
  readonly compose?: ComposeClient;
  /** @default new DockerodeContainerInspector() */
  readonly inspector?: ContainerInspector;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** Folder of the build stamp files that let `up()` skip unchanged builds. @default node_modules/.cache/phasegate */
  readonly stampDir?: string;
  /** Rebuild even when the stamp says the images are current. @default false */
  readonly forceBuild?: boolean;
  /**
   * How long a starting container may stay unhealthy before `up()` gives up on it, in ms: on a loaded 2-core host a
   * few healthchecks of 44 twins can time out and recover. Exits and crash loops still fail at once. @default 20000
   */
  readonly unhealthyGraceMs?: number;
}

/** Loads `bundleTwins` and runs it; a clear error when the reference bundler is not there yet. */
export async function bundleReferenceTwins(bundler: string = REFERENCE_BUNDLER): Promise<unknown> {
  if (!existsSync(bundler)) {
    throw new PhasegateError('PHASEGATE_STACK_FAILED', `cannot bundle the reference twins: ${bundler} does not exist`, { hint: 'the reference stack is not in this checkout; pass `prepare` to ReferenceStack or restore fixtures/reference/' });
  }
  const module = (await import(pathToFileURL(bundler).href)) as { bundleTwins?: () => Promise<unknown> };
  if (typeof module.bundleTwins !== 'function') throw new PhasegateError('PHASEGATE_STACK_FAILED', `${bundler} does not export bundleTwins()`);
  return module.bundleTwins();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** Builds, starts and waits for the reference stack (or a scenario compose file with the same conventions). */
export class ReferenceStack {
  readonly projectName: string;
  readonly composeFile: string;
  readonly #options: ReferenceStackOptions;
  readonly #services: Readonly<Record<string, ComposeServiceSpec>>;

  constructor(options: ReferenceStackOptions = {}) {
    this.#options = options;
    this.projectName = options.projectName ?? 'phasegate-ref';
    this.composeFile = resolve(options.composeFile ?? REFERENCE_COMPOSE_FILE);
    this.#services = readComposeFile(this.composeFile).services;
  }

  /** Service names the selection resolves to. */
  selectedServices(): string[] {
    const s = this.#options.services ?? 'core';
    if (s === 'core') return [...CORE_SERVICES];
    if (s === 'full') return Object.entries(this.#services).filter(([, v]) => !v.profiles?.length).map(([k]) => k);
    const unknown = s.filter((name) => !this.#services[name]);
    if (unknown.length > 0) throw new PhasegateError('PHASEGATE_STACK_FAILED', `unknown service(s) ${unknown.map((n) => `"${n}"`).join(', ')} in ${this.composeFile}`, { hint: `known: ${Object.keys(this.#services).join(', ')}` });
    return [...s];
  }

  /** Bundles, builds when needed, starts and waits until every container of the project is healthy. */
  async up(): Promise<StartedReferenceStack> {
    const progress = this.#progress();
    const clock = this.#options.clock ?? new SystemClock();
    const inspector = this.#inspector();
    const compose = this.#compose();
    const services = this.selectedServices();
    const timeoutMs = this.#options.startupTimeoutMs ?? 180_000;
    const t0 = clock.monotonicMs();
    const remaining = () => Math.max(1_000, timeoutMs - (clock.monotonicMs() - t0));
    log(`upping project ${this.projectName} (${services.length} services)`);
    try {
      let t = clock.monotonicMs();
      await (this.#options.prepare ?? (() => bundleReferenceTwins()))();
      progress(`[stack] prepared build inputs in ${seconds(clock.monotonicMs() - t)}`);

      t = clock.monotonicMs();
      const built = await this.#buildIfNeeded(compose, inspector, dependencyClosure(this.#services, services), remaining());
      progress(built.skipped ? `[stack] ${built.count} images up to date, build skipped (checked in ${seconds(clock.monotonicMs() - t)})` : `[stack] built ${built.count} images in ${seconds(clock.monotonicMs() - t)}`);

      t = clock.monotonicMs();
      await composeOrThrow(compose.up(services, { timeoutMs: remaining() }));
      progress(`[stack] started ${services.length} services in ${seconds(clock.monotonicMs() - t)}`);

      t = clock.monotonicMs();
      const containers = await waitForProjectHealthy(inspector, this.projectName, { timeoutMs: remaining(), clock, unhealthyGraceMs: this.#options.unhealthyGraceMs ?? 20_000 });
      progress(`[stack] ${containers.length} containers healthy in ${seconds(clock.monotonicMs() - t)}`);
      progress(`[stack] up in ${seconds(clock.monotonicMs() - t0)} (project ${this.projectName})`);
      log(`upped project ${this.projectName}`);
      return this.#started(compose, inspector);
    } catch (error) {
      progress(`[stack] start of project ${this.projectName} failed after ${seconds(clock.monotonicMs() - t0)}; taking it down (down -v)`);
      try {
        const down = await compose.down({ volumes: true, removeOrphans: true, timeoutMs: 120_000 });
        if (!composeSucceeded(down)) log(`secondary failure while cleaning up: \`${down.command}\` ${down.timedOut ? 'timed out' : `exited ${down.exitCode}`}: ${down.stderrTail}`);
      } catch (secondary) {
        log(`secondary failure while cleaning up: ${secondary instanceof Error ? secondary.message : String(secondary)}`);
      }
      throw error;
    }
  }

  /** A handle on the project whatever its state (for status, faults and down); checks nothing. */
  async handle(): Promise<StartedReferenceStack> {
    return this.#started(this.#compose(), this.#inspector());
  }

  /** A handle on an already running project (no build, no start), after checking that it is healthy. */
  async attach(timeoutMs = 30_000): Promise<StartedReferenceStack> {
    const started = await this.handle();
    await waitForProjectHealthy(started.inspector, this.projectName, { timeoutMs, clock: this.#options.clock ?? new SystemClock() });
    return started;
  }

  #progress(): (line: string) => void {
    return this.#options.log ?? this.#options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  }

  #inspector(): ContainerInspector {
    return this.#options.inspector ?? new DockerodeContainerInspector();
  }

  #compose(): ComposeClient {
    return (
      this.#options.compose ??
      new ExecaComposeClient({
        projectName: this.projectName,
        files: [this.composeFile],
        cwd: dirname(this.composeFile),
        ...(this.#options.envFile ? { envFile: this.#options.envFile } : {}),
        env: this.#options.env ?? {},
      })
    );
  }

  #started(compose: ComposeClient, inspector: ContainerInspector): StartedReferenceStack {
    return new StartedReferenceStack(this.projectName, compose, inspector, this.#services, { ...process.env, ...this.#options.env });
  }

  // The stamp records the input hash and the image ids it produced; a build is skipped only when both still match.
  async #buildIfNeeded(compose: ComposeClient, inspector: ContainerInspector, closure: readonly string[], timeoutMs: number): Promise<{ count: number; skipped: boolean }> {
    const buildable = closure.filter((name) => this.#services[name]?.build !== undefined);
    if (buildable.length === 0) return { count: 0, skipped: true };
    const contexts = buildable.map((name) => buildContext(this.composeFile, this.#services[name]!)!);
    const hash = hashBuildInputs(this.composeFile, contexts, JSON.stringify({ services: buildable, env: this.#options.env ?? {} }));
    const fileKey = createHash('sha256').update(this.composeFile).digest('hex').slice(0, 12);
    const stampFile = join(this.#options.stampDir ?? join(ROOT, 'node_modules', '.cache', 'phasegate'), `build-${this.projectName}-${basename(this.composeFile, '.yml')}-${fileKey}.json`);
    const refs = buildable.map((name) => this.#services[name]!.image);
    const named = refs.every((ref): ref is string => typeof ref === 'string');
    const stamp = readBuildStamp(stampFile);
    if (!this.#options.forceBuild && named && stamp?.hash === hash) {
      const current = await Promise.all(refs.map((ref) => inspector.imageId(ref)));
      if (current.every((id, i) => id !== undefined && id === stamp.images[refs[i]!])) {
        log(`build skipped: inputs unchanged (${hash.slice(0, 12)}) and images present`);
        return { count: buildable.length, skipped: true };
      }
    }
    await composeOrThrow(compose.build(buildable, { timeoutMs }), 'the base image phasegate/nodebase:local must exist (npm run bootstrap); rerun the build by hand to see the full output');
    if (named) {
      const ids = await Promise.all(refs.map(async (ref) => [ref, await inspector.imageId(ref)] as const));
      writeBuildStamp(stampFile, { hash, images: Object.fromEntries(ids.filter((e): e is readonly [string, string] => e[1] !== undefined)) });
    }
    return { count: buildable.length, skipped: false };
  }
}

/** A handle on an already running project of the reference compose file (the gate's setup may reuse a running stack). */
export function attachReferenceStack(projectName: string, options: Omit<ReferenceStackOptions, 'projectName'> & { readonly timeoutMs?: number } = {}): Promise<StartedReferenceStack> {
  return new ReferenceStack({ ...options, projectName }).attach(options.timeoutMs);
}

/**
 * Waits until every container of `project` is healthy (or running without a healthcheck).
 * @deprecated use `waitForProjectHealthy` from lib/docker; kept for existing callers.
 */
export function waitHealthy(inspector: ContainerInspector, project: string, clock: Clock, timeoutMs: number): Promise<ContainerDetails[]> {
  return waitForProjectHealthy(inspector, project, { timeoutMs, clock });
}
