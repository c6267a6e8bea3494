// The embedded reference target: bundles the twins, builds their images, starts the selected services and
// waits on Docker health (never a fixed sleep). Downs everything again on failure, then rethrows.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SystemClock, type Clock } from '../common/clock.js';
import { PhasegateError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { DockerodeContainerInspector, type ContainerInspector, type ContainerState } from '../docker/container-inspector.js';
import { ComposeCli, detectComposeDriver, type ComposeDriver } from './compose-cli.js';
import { FaultClient } from './fault-client.js';

const log = createLogger('phasegate:stack');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The default reference compose file. */
export const REFERENCE_COMPOSE_FILE = join(ROOT, 'fixtures', 'reference', 'docker-compose.yml');

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

export interface ReferenceStackOptions {
  /** Which services to start: `core`, `full` (every service without a profile) or explicit names. @default 'core' */
  readonly services?: 'core' | 'full' | readonly string[];
  /** Compose project name. @default 'phasegate-ref' */
  readonly projectName?: string;
  /** Compose file. @default fixtures/reference/docker-compose.yml */
  readonly composeFile?: string;
  /** Bound on build + start + health, in milliseconds. @default 180000 */
  readonly startupTimeoutMs?: number;
  /** Extra environment for compose (e.g. `{ BUILD_FAIL: '1' }` is not used here; knobs go through PHASEGATE_FAULTS). */
  readonly env?: Record<string, string>;
  /** Progress lines (`[stack] built 11 images in 6.1s`). @default writes to stderr */
  readonly progress?: (line: string) => void;
  readonly inspector?: ContainerInspector;
  readonly clock?: Clock;
  /** Prepares the images' inputs (bundles the twins). @default bundleTwins from fixtures/reference/build-bundles.ts */
  readonly prepare?: () => Promise<void>;
}

interface ComposeService {
  environment?: Record<string, string> | string[];
  profiles?: string[];
  healthcheck?: unknown;
}

/** The port of a `http://127.0.0.1:<port>` URL. */
export function servicePortFromUrl(url: string): number {
  return Number(new URL(url).port);
}

/** Host port of a reference service, from its compose environment (PORT, SIMULATOR_PORT, INFLUXD_HTTP_BIND_ADDRESS). */
export function servicePort(service: ComposeService): number | undefined {
  const env = Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((e) => e.split('=', 2) as [string, string]))
    : (service.environment ?? {});
  const raw = env.PORT ?? env.SIMULATOR_PORT ?? env.INFLUXD_HTTP_BIND_ADDRESS?.split(':')[1];
  return raw === undefined ? undefined : Number(raw);
}

export class ReferenceStack {
  readonly projectName: string;
  readonly composeFile: string;
  readonly #options: ReferenceStackOptions;
  readonly #services: Record<string, ComposeService>;

  constructor(options: ReferenceStackOptions = {}) {
    this.#options = options;
    this.projectName = options.projectName ?? 'phasegate-ref';
    this.composeFile = resolve(options.composeFile ?? REFERENCE_COMPOSE_FILE);
    if (!existsSync(this.composeFile)) throw new PhasegateError('PHASEGATE_STACK_FAILED', `reference compose file ${this.composeFile} does not exist`);
    this.#services = (parse(readFileSync(this.composeFile, 'utf8')) as { services: Record<string, ComposeService> }).services;
  }

  /** Service names the selection resolves to. */
  selectedServices(): string[] {
    const s = this.#options.services ?? 'core';
    if (s === 'core') return [...CORE_SERVICES];
    if (s === 'full') return Object.entries(this.#services).filter(([, v]) => !v.profiles?.length).map(([k]) => k);
    for (const name of s) if (!this.#services[name]) throw new PhasegateError('PHASEGATE_STACK_FAILED', `unknown reference service "${name}"`, { hint: `known: ${Object.keys(this.#services).join(', ')}` });
    return [...s];
  }

  /** Builds (when needed), starts and waits until every started container is healthy. */
  async up(): Promise<StartedReferenceStack> {
    const progress = this.#options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
    const clock = this.#options.clock ?? new SystemClock();
    const inspector = this.#options.inspector ?? new DockerodeContainerInspector();
    const driver: ComposeDriver = await detectComposeDriver();
    const cli = new ComposeCli({ projectName: this.projectName, files: [this.composeFile], cwd: dirname(this.composeFile), driver, env: { ...process.env as Record<string, string>, ...this.#options.env } });
    const services = this.selectedServices();
    const timeoutMs = this.#options.startupTimeoutMs ?? 180_000;
    const t0 = clock.monotonicMs();
    const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      const t = clock.monotonicMs();
      const out = await fn();
      progress(`[stack] ${label} in ${((clock.monotonicMs() - t) / 1000).toFixed(1)}s`);
      return out;
    };
    try {
      await step('bundled twins', this.#options.prepare ?? defaultPrepare);
      await step(`built images for ${services.length} services (and their dependencies)`, () =>
        cli.runOrThrow(['build', ...buildClosure(this.#services, services)], timeoutMs, 'run `phasegate doctor`; the base image phasegate/nodebase:local must exist (npm run bootstrap)'),
      );
      await step('started containers', () => cli.runOrThrow(['up', '-d', ...services], timeoutMs));
      const containers = await step('all containers healthy', () => waitHealthy(inspector, this.projectName, clock, Math.max(10_000, timeoutMs - (clock.monotonicMs() - t0))));
      progress(`[stack] ${containers.length} containers up in ${((clock.monotonicMs() - t0) / 1000).toFixed(1)}s (project ${this.projectName})`);
      return new StartedReferenceStack(this.projectName, cli, inspector, this.#services);
    } catch (error) {
      progress(`[stack] start failed; taking the project down (down -v)`);
      const down = await cli.run(['down', '-v', '--remove-orphans'], 120_000).catch((e: unknown) => e);
      if (down instanceof Error || (down as { exitCode?: number }).exitCode !== 0) log(`secondary failure while cleaning up: ${String((down as Error).message ?? JSON.stringify(down))}`);
      throw error;
    }
  }

  /** A handle on the project whatever its state (for status, faults and down). */
  async handle(): Promise<StartedReferenceStack> {
    const driver = await detectComposeDriver();
    const cli = new ComposeCli({ projectName: this.projectName, files: [this.composeFile], cwd: dirname(this.composeFile), driver });
    return new StartedReferenceStack(this.projectName, cli, this.#options.inspector ?? new DockerodeContainerInspector(), this.#services);
  }

  /** A handle on an already running project (no build, no start), after checking it is healthy. */
  async attach(): Promise<StartedReferenceStack> {
    const started = await this.handle();
    await waitHealthy(started.inspector, this.projectName, this.#options.clock ?? new SystemClock(), 30_000);
    return started;
  }
}

async function defaultPrepare(): Promise<void> {
  const { bundleTwins } = (await import('../../fixtures/reference/build-bundles.js')) as { bundleTwins: () => Promise<unknown> };
  await bundleTwins();
}

/** The selected services plus every service they depend on (compose starts those too, so they must be built). */
function buildClosure(all: Record<string, ComposeService & { depends_on?: Record<string, unknown> | string[] }>, selected: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const deps = all[name]?.depends_on;
    for (const d of Array.isArray(deps) ? deps : Object.keys(deps ?? {})) visit(d);
  };
  selected.forEach(visit);
  return [...seen];
}

/** Polls container health until every container of the project is healthy (or running without a healthcheck). */
export async function waitHealthy(inspector: ContainerInspector, project: string, clock: Clock, timeoutMs: number): Promise<ContainerState[]> {
  const started = clock.monotonicMs();
  for (;;) {
    const containers = await inspector.listProject(project);
    const failed = containers.filter((c) => c.health === 'unhealthy' || (c.state === 'exited' && c.exitCode !== 0));
    if (failed.length > 0) {
      const details = await Promise.all(failed.map(async (c) => `${c.service} (${c.name}): ${c.state}/${c.health}${c.lastHealthOutput ? `, last healthcheck ${c.lastHealthOutput}` : ''}\n${(await inspector.logsTail(c.id, 20).catch(() => [])).map((l) => `    ${l.text}`).join('\n')}`));
      throw new PhasegateError('PHASEGATE_STACK_FAILED', `reference stack: ${failed.length} container(s) failed to start:\n${details.join('\n')}`, { hint: 'read the log lines above; `docker logs <name>` has the rest' });
    }
    const notReady = containers.filter((c) => !(c.health === 'healthy' || (c.health === 'none' && (c.state === 'running' || (c.state === 'exited' && c.exitCode === 0)))));
    if (containers.length > 0 && notReady.length === 0) return containers;
    const elapsed = clock.monotonicMs() - started;
    if (elapsed > timeoutMs) {
      throw new PhasegateError('PHASEGATE_TIMEOUT', `reference stack not healthy after ${Math.round(elapsed)}ms: ${notReady.map((c) => `${c.service} is ${c.state}/${c.health}${c.lastHealthOutput ? ` (${c.lastHealthOutput})` : ''}`).join('; ') || 'no containers found'}`);
    }
    await clock.sleep(500);
  }
}

/** A running reference stack: URLs, fault knobs, containers, teardown. */
export class StartedReferenceStack {
  constructor(
    readonly projectName: string,
    private readonly cli: ComposeCli,
    readonly inspector: ContainerInspector,
    private readonly services: Record<string, ComposeService>,
  ) {}

  /** `http://127.0.0.1:<port>` of a service. */
  url(service: string): string {
    const spec = this.services[service];
    const port = spec ? servicePort(spec) : undefined;
    if (port === undefined) throw new PhasegateError('PHASEGATE_STACK_FAILED', `reference service "${service}" has no known port`);
    return `http://127.0.0.1:${port}`;
  }

  /** Every service that has a port, with its URL. */
  urls(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.services).flatMap(([name, spec]) => {
      const port = servicePort(spec);
      return port === undefined ? [] : [[name, `http://127.0.0.1:${port}`]];
    }));
  }

  faults(service: string): FaultClient {
    return new FaultClient(service, this.url(service));
  }

  containers(): Promise<ContainerState[]> {
    return this.inspector.listProject(this.projectName);
  }

  async down(): Promise<void> {
    await this.cli.runOrThrow(['down', '-v', '--remove-orphans'], 180_000);
  }
}
