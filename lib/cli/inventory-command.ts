// `phasegate inventory`: what the compose project says the target should look like, read without Docker.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitCode } from '../common/exit-codes.js';
import { CONFIG_FILE_NAMES, loadConfig } from '../config/index.js';
import { anomalySeverity, dependencyOrder, loadInventory } from '../inventory/index.js';
import type { AnomalyKind, AnomalySeverity, ComposeDriver, Dependency, Healthcheck, HostPort, Inventory, LoadInventoryOptions } from '../inventory/index.js';

export const INVENTORY_USAGE = `usage: phasegate inventory [--compose <file>]... [--env-file <file>] [--profile <name>]... [--json]

  --compose <file>    compose file, repeatable (merged in order); replaces the config's compose.files
                      default: compose.files of phasegate.config.* in the working directory, else
                      fixtures/reference/docker-compose.yml
  --env-file <file>   env file for \${VAR} interpolation (default: the config's, else .env next to the first file)
  --profile <name>    active compose profile, repeatable ('*' = all; default: the config's, else COMPOSE_PROFILES)
  --json              print the inventory as JSON

exit codes: 0 no anomalies (warnings allowed), 1 anomalies of severity error, ${ExitCode.ConfigInvalid} a file cannot be parsed, 2 usage error`;

/** What `phasegate inventory` reads and where it writes. */
export interface InventoryCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Directory searched for the config; relative `--compose`/`--env-file` paths resolve against it. */
  readonly cwd: string;
  /** Environment for `${VAR}` interpolation, COMPOSE_PROFILES and PHASEGATE_* overrides. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** phasegate's own directory: the fallback compose file is `<rootDir>/fixtures/reference/docker-compose.yml`. */
  readonly rootDir: string;
}

/** Parsed command line of `phasegate inventory`. */
export interface InventoryArgs {
  readonly compose: readonly string[];
  readonly envFile?: string;
  readonly profiles: readonly string[];
  readonly json: boolean;
}

/** One service as `phasegate inventory` shows it. */
export interface InventoryServiceView {
  readonly name: string;
  readonly containerName: string;
  readonly hostPorts: readonly HostPort[];
  readonly networkMode: string | null;
  readonly healthcheck: Healthcheck | null;
  readonly dependsOn: readonly Dependency[];
  readonly source: string;
}

/** The inventory as printed (and as `--json` writes it). */
export interface InventoryView {
  /** Where the compose file list came from. */
  readonly from: 'arguments' | 'config' | 'reference-fixture';
  /** The config file, when one was read. */
  readonly configFile?: string;
  readonly projectName: string;
  readonly files: readonly string[];
  readonly activeProfiles: readonly string[];
  readonly services: readonly InventoryServiceView[];
  readonly inactiveServices: readonly string[];
  /** Start order: wave 0 depends on nothing, wave n only on earlier waves. */
  readonly waves: readonly (readonly string[])[];
  readonly anomalies: readonly { readonly kind: AnomalyKind; readonly severity: AnomalySeverity; readonly service: string | null; readonly message: string }[];
}

/** A command-line mistake; the command prints it with the usage and exits 2. */
export class InventoryUsageError extends Error {
  override name = 'InventoryUsageError';
}

/** Parses `phasegate inventory` arguments (`--flag value` and `--flag=value`). Pure. */
export function parseInventoryArgs(args: readonly string[]): InventoryArgs {
  const compose: string[] = [];
  const profiles: string[] = [];
  let envFile: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      const v = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (v === undefined || v === '' || (eq === -1 && v.startsWith('--'))) throw new InventoryUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--compose':
      case '-f':
        compose.push(value());
        break;
      case '--env-file':
        envFile = value();
        break;
      case '--profile':
        profiles.push(value());
        break;
      case '--json':
        json = true;
        break;
      default:
        throw new InventoryUsageError(`unknown option "${arg}"`);
    }
  }
  return { compose, profiles, json, ...(envFile === undefined ? {} : { envFile }) };
}

/** Resolves where the compose files come from and reads them into an {@link InventoryView}. Throws ConfigErrors. */
export async function readInventoryView(args: InventoryArgs, io: Pick<InventoryCommandIo, 'cwd' | 'env' | 'rootDir'>): Promise<InventoryView> {
  let options: LoadInventoryOptions;
  let from: InventoryView['from'];
  let configFile: string | undefined;
  const profiles = args.profiles.length > 0 ? args.profiles : undefined;
  const hasConfig = CONFIG_FILE_NAMES.some((name) => existsSync(join(io.cwd, name)));
  if (args.compose.length > 0) {
    from = 'arguments';
    options = { files: args.compose, cwd: io.cwd, env: io.env, ...(args.envFile === undefined ? {} : { envFile: args.envFile }), ...(profiles ? { profiles } : {}) };
  } else if (hasConfig) {
    const loaded = await loadConfig({ cwd: io.cwd, env: io.env });
    const compose = loaded.config.compose;
    from = 'config';
    configFile = loaded.file;
    // Paths in the config are relative to its own directory; --env-file is relative to the working directory.
    const envFile = args.envFile !== undefined ? resolve(io.cwd, args.envFile) : compose.envFile;
    const driver: ComposeDriver = compose.driver === 'v1' ? 'v1' : 'v2';
    options = {
      files: compose.files,
      cwd: dirname(loaded.path),
      env: io.env,
      driver,
      secretNames: loaded.config.secrets,
      profiles: profiles ?? compose.profiles,
      ...(envFile === undefined ? {} : { envFile }),
      ...(compose.projectName === undefined ? {} : { projectName: compose.projectName }),
    };
  } else {
    from = 'reference-fixture';
    options = { files: [join(io.rootDir, 'fixtures', 'reference', 'docker-compose.yml')], cwd: io.cwd, env: io.env, ...(args.envFile === undefined ? {} : { envFile: args.envFile }), ...(profiles ? { profiles } : {}) };
  }
  const inventory = loadInventory(options);
  return toView(inventory, dependencyOrder(inventory), from, configFile);
}

function toView(inventory: Inventory, waves: string[][], from: InventoryView['from'], configFile: string | undefined): InventoryView {
  return {
    from,
    ...(configFile === undefined ? {} : { configFile }),
    projectName: inventory.projectName,
    files: inventory.files,
    activeProfiles: inventory.activeProfiles,
    services: inventory.services.map((s) => ({
      name: s.name,
      containerName: s.containerName,
      hostPorts: s.hostPorts,
      networkMode: s.networkMode,
      healthcheck: s.healthcheck,
      dependsOn: s.dependsOn,
      source: `${s.source.file}:${s.source.line}`,
    })),
    inactiveServices: inventory.inactiveServices,
    waves,
    anomalies: inventory.anomalies.map((a) => ({ kind: a.kind, severity: anomalySeverity(a.kind), service: a.service, message: a.message })),
  };
}

/** `127.0.0.1:8006->8006/tcp`; an ephemeral host port shows as `?`. */
export function formatPort(port: HostPort): string {
  const host = port.host === null ? '?' : String(port.host);
  const ip = port.ip === null ? '' : port.ip.includes(':') ? `[${port.ip}]:` : `${port.ip}:`;
  return `${ip}${host}->${port.container}/${port.protocol}`;
}

/** `2s, timeout 2s, 5 retries` (compose's Go durations, shortest form). */
export function formatHealthcheck(hc: Healthcheck | null): string {
  if (hc === null) return 'none';
  const kind = hc.test[0] ?? 'image';
  const start = hc.startPeriodMs > 0 ? `, start ${duration(hc.startPeriodMs)}` : '';
  return `${kind} every ${duration(hc.intervalMs)}, timeout ${duration(hc.timeoutMs)}, ${hc.retries} retries${start}`;
}

function duration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const CONDITION: Readonly<Record<Dependency['condition'], string>> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

/** `data-api (healthy), influxdb (started, optional)`. */
export function formatDependencies(deps: readonly Dependency[]): string {
  if (deps.length === 0) return '-';
  return deps.map((d) => `${d.service} (${CONDITION[d.condition]}${d.required ? '' : ', optional'})`).join(', ');
}

/** The human-readable listing: header, service table, start waves, anomalies. Pure. */
export function formatInventoryView(view: InventoryView): string {
  const source = view.from === 'config' ? ` (from ${view.configFile})` : view.from === 'reference-fixture' ? ' (no phasegate config here: the reference twin)' : '';
  const profiles = view.activeProfiles.length === 0 ? 'none' : view.activeProfiles.join(', ');
  const inactive = view.inactiveServices.length === 0 ? '' : `; disabled by profiles: ${view.inactiveServices.join(', ')}`;
  const header = [
    `compose: ${view.files.join(', ')}${source}`,
    `project ${view.projectName}, profiles: ${profiles}, ${view.services.length} services${inactive}`,
  ];
  const rows = view.services.map((s) => [
    s.name,
    s.containerName,
    s.hostPorts.length > 0 ? s.hostPorts.map(formatPort).join(' ') : s.networkMode === 'host' ? 'host network' : '-',
    formatHealthcheck(s.healthcheck),
    formatDependencies(s.dependsOn),
  ]);
  const titles = ['service', 'container', 'host ports', 'healthcheck', 'depends_on'];
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const waves = view.waves.map((w, i) => `  ${i + 1}. ${w.join(', ')}`);
  const errors = view.anomalies.filter((a) => a.severity === 'error').length;
  const anomalies = view.anomalies.length === 0
    ? ['anomalies: none']
    : [`anomalies: ${errors} error(s), ${view.anomalies.length - errors} warning(s)`, ...view.anomalies.map((a) => `  ${a.severity.padEnd(7)} ${a.kind}: ${a.message}`)];
  return [...header, '', line(titles), ...rows.map(line), '', `start order (${view.waves.length} waves):`, ...waves, '', ...anomalies].join('\n');
}

/**
 * Runs `phasegate inventory`. Returns 0 without anomalies (warnings allowed), 1 with an anomaly of severity
 * `error`, 2 on a usage error. Unparseable files throw a ConfigError (the CLI maps it to exit code 78).
 */
export async function inventoryCommand(args: readonly string[], io: InventoryCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(INVENTORY_USAGE);
    return ExitCode.Ok;
  }
  let parsed: InventoryArgs;
  try {
    parsed = parseInventoryArgs(args);
  } catch (error) {
    if (!(error instanceof InventoryUsageError)) throw error;
    io.err(`phasegate inventory: ${error.message}\n\n${INVENTORY_USAGE}`);
    return 2;
  }
  const view = await readInventoryView(parsed, io);
  io.out(parsed.json ? JSON.stringify(view, null, 2) : formatInventoryView(view));
  return view.anomalies.some((a) => a.severity === 'error') ? ExitCode.GateFailed : ExitCode.Ok;
}
