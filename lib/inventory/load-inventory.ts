// Reads a compose project (files, includes, extends, .env, profiles) into a typed Inventory, without docker.
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError, createLogger, registerSecret } from '../common/index.js';
import type { Logger } from '../common/index.js';
import { closestMatch } from './closest-match.js';
import { ComposeSource, dottedPath } from './compose-source.js';
import type { YamlPath } from './compose-source.js';
import { readDotenv } from './parse-dotenv.js';
import { parseByteSize, parseDurationMs } from './parse-duration.js';
import { parseExpose, parseLongPort, parseShortPort, PortSyntaxError } from './parse-ports.js';
import type {
  Anomaly, BuildSpec, ComposeDriver, Dependency, DependencyCondition, EnvironmentVariable, Healthcheck, HostPort,
  Inventory, NetworkSpec, ServiceSpec, VolumeMount, VolumeSpec,
} from './types.js';

/** Options of {@link loadInventory}. */
export interface LoadInventoryOptions {
  /** Compose files, merged in order (later files override earlier ones). Relative to `cwd`. */
  readonly files: readonly string[];
  /** Directory relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Env file for interpolation. `undefined` uses `.env` next to the first compose file when it exists;
   * `null` uses none. Relative to `cwd`.
   */
  readonly envFile?: string | null;
  /** Shell environment; wins over the env file, as in compose. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Active profiles (`'*'` activates all). @default COMPOSE_PROFILES from `env`, else none */
  readonly profiles?: readonly string[];
  /** Overrides `COMPOSE_PROJECT_NAME`, the top-level `name:` and the directory name. */
  readonly projectName?: string;
  /** Naming scheme for derived container names. @default 'v2' */
  readonly driver?: ComposeDriver;
  /** Extra environment variable names to mark as secret (besides TOKEN/PASSWORD/KEY-looking names). */
  readonly secretNames?: readonly string[];
  readonly log?: Logger;
}

const TOP_LEVEL_KEYS = ['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];
const SERVICE_KEYS = [
  'annotations', 'attach', 'blkio_config', 'build', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command', 'configs',
  'container_name', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares',
  'cpus', 'cpuset', 'credential_spec', 'depends_on', 'deploy', 'develop', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt',
  'dns_search', 'domainname', 'driver_opts', 'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links',
  'extra_hosts', 'gpus', 'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'labels', 'label_file',
  'links', 'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'models',
  'network_mode', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports', 'post_start',
  'pre_stop', 'privileged', 'profiles', 'provider', 'pull_policy', 'read_only', 'restart', 'runtime', 'scale', 'secrets',
  'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs', 'tty',
  'ulimits', 'use_api_socket', 'user', 'userns_mode', 'uts', 'volumes', 'volumes_from', 'working_dir',
];
const SERVICE_KEY_SET = new Set(SERVICE_KEYS);
const CONDITIONS: readonly DependencyCondition[] = ['service_started', 'service_healthy', 'service_completed_successfully'];
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|APIKEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;
const DURATION_HINT = 'use a Go duration like "30s", "1m30s" or "500ms"';

/** A service definition before normalisation, with the file it came from. */
interface RawService {
  readonly name: string;
  readonly data: Record<string, unknown>;
  readonly source: ComposeSource;
  /** Directory relative paths in `data` are resolved against. */
  readonly baseDir: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when an environment variable name looks like a credential (token, password, API key…). */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  return SECRET_NAME.test(name) || extra.includes(name);
}

/** Normalises a compose project name the way compose does (lowercase; letters, digits, `-`, `_`). */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[-_]+/, '');
}

/** Derives the container name compose gives a service without `container_name`. */
export function deriveContainerName(project: string, service: string, driver: ComposeDriver): string {
  return driver === 'v1' ? `${project}_${service}_1` : `${project}-${service}-1`;
}

/** Reads compose files into an {@link Inventory}. Pure apart from reading files; throws located ConfigErrors. */
export function loadInventory(options: LoadInventoryOptions): Inventory {
  return new InventoryLoader(options).load();
}

class InventoryLoader {
  private readonly cwd: string;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly log: Logger;
  private readonly anomalies: Anomaly[] = [];
  private readonly unset = new Set<string>();
  private readonly files: string[] = [];
  private readonly secretNames: readonly string[];
  private readonly topVolumes = new Map<string, { data: Record<string, unknown> }>();

  constructor(private readonly options: LoadInventoryOptions) {
    this.cwd = options.cwd ?? process.cwd();
    this.env = options.env ?? process.env;
    this.log = options.log ?? createLogger('phasegate:inventory');
    this.secretNames = options.secretNames ?? [];
  }

  private display(absolutePath: string): string {
    const rel = relative(this.cwd, absolutePath);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? absolutePath : rel;
  }

  /** Variables for interpolation: the env file overlaid by the shell environment. */
  private lookupFor(envFile: string | null): (name: string) => string | undefined {
    const fileValues = envFile === null ? {} : readDotenv(envFile, { file: this.display(envFile), env: this.env });
    return (name) => this.env[name] ?? fileValues[name];
  }

  private readSource(absolutePath: string, lookup: (name: string) => string | undefined): ComposeSource {
    const file = this.display(absolutePath);
    this.log(`Reading ${file}`);
    if (!this.files.includes(file)) this.files.push(file);
    return ComposeSource.read(absolutePath, file, lookup, {
      onUnset: (name) => {
        if (this.unset.has(name)) return;
        this.unset.add(name);
        this.anomalies.push({ kind: 'unset-variable', service: null, message: `${file}: variable "${name}" is not set; compose substitutes an empty string. Set it in the env file or the environment` });
      },
      onDefault: (name, value, path, line) => {
        if (value === '' || !isSecretName(name, this.secretNames)) return;
        const service = path[0] === 'services' && typeof path[1] === 'string' ? path[1] : null;
        this.anomalies.push({ kind: 'hardcoded-secret-default', service, message: `${file}:${line}: ${dottedPath(path)}: secret "${name}" has a hard-coded default in the compose file. Remove the default and set it in the env file` });
      },
    });
  }

  load(): Inventory {
    if (this.options.files.length === 0) throw new ConfigError('no compose files given', { hint: 'set compose.files in the config, e.g. ["docker-compose.yml"]' });
    const paths = this.options.files.map((f) => resolve(this.cwd, f));
    const projectDir = resolve(paths[0] ?? this.cwd, '..');
    const envFile = this.options.envFile === null ? null
      : this.options.envFile !== undefined ? resolve(this.cwd, this.options.envFile)
        : existsSync(join(projectDir, '.env')) ? join(projectDir, '.env') : null;
    const lookup = this.lookupFor(envFile);

    const rawServices = new Map<string, RawService>();
    const topVolumes = this.topVolumes;
    let topName: string | undefined;
    for (const path of paths) {
      const source = this.readSource(path, lookup);
      this.checkTopLevel(source);
      if (typeof source.data.name === 'string') topName = source.data.name;
      for (const raw of this.includes(source, lookup)) this.addService(rawServices, raw, true);
      for (const raw of this.servicesOf(source, projectDir)) this.addService(rawServices, raw, false);
      this.collectVolumes(source, topVolumes);
      this.collectNetworks(source);
    }

    const projectName = normalizeProjectName(this.options.projectName ?? this.env.COMPOSE_PROJECT_NAME ?? topName ?? basename(projectDir));
    if (projectName === '') throw new ConfigError(`${this.files[0] ?? ''}: project name is empty after normalisation`, { hint: 'set a top-level "name:" or compose.projectName (letters, digits, "-", "_")' });
    const driver = this.options.driver ?? 'v2';
    const profiles = this.options.profiles ?? (this.env.COMPOSE_PROFILES ? this.env.COMPOSE_PROFILES.split(',').map((p) => p.trim()).filter(Boolean) : []);

    const resolvedServices = [...rawServices.values()].map((raw) => this.resolveExtends(raw, lookup, []));
    const all = resolvedServices.map((raw) => this.normalize(raw, projectName, driver, topVolumes));
    const isActive = (s: ServiceSpec): boolean => s.profiles.length === 0 || profiles.includes('*') || s.profiles.some((p) => profiles.includes(p));
    const services = all.filter(isActive);
    const inactiveServices = all.filter((s) => !isActive(s)).map((s) => s.name);
    this.findAnomalies(services, new Set(all.map((s) => s.name)));

    const volumes: VolumeSpec[] = [...topVolumes.entries()].map(([name, { data }]) => ({
      name,
      external: data.external === true,
      dockerName: typeof data.name === 'string' ? data.name : data.external === true ? name : `${projectName}_${name}`,
    }));
    const networks: NetworkSpec[] = [...this.topNetworks.entries()].map(([name, { data }]) => ({
      name,
      external: data.external === true,
      dockerName: typeof data.name === 'string' ? data.name : data.external === true ? name : `${projectName}_${name}`,
    }));
    this.log(`Read ${this.files.length} compose file(s): ${services.length} active services, ${inactiveServices.length} inactive, ${this.anomalies.length} anomalies`);
    return { projectName, driver, files: [...this.files], services, inactiveServices, volumes, networks, activeProfiles: [...profiles], anomalies: [...this.anomalies] };
  }

  private checkTopLevel(source: ComposeSource): void {
    for (const key of Object.keys(source.data)) {
      if (key.startsWith('x-') || TOP_LEVEL_KEYS.includes(key)) continue;
      const suggestion = closestMatch(key, TOP_LEVEL_KEYS);
      throw source.error([key], `unknown top-level key "${key}"`, suggestion ? `did you mean "${suggestion}"?` : `allowed: ${TOP_LEVEL_KEYS.join(', ')}, or x-* extensions`);
    }
    if (source.data.services !== undefined && source.data.services !== null && !isRecord(source.data.services)) {
      throw source.error(['services'], 'must be a mapping of service names to definitions', 'write "services:" followed by indented "name:" entries');
    }
  }

  private addService(into: Map<string, RawService>, raw: RawService, included: boolean): void {
    const existing = into.get(raw.name);
    if (existing === undefined) {
      into.set(raw.name, raw);
      return;
    }
    if (included || existing.source.file !== raw.source.file && this.isIncluded(existing)) {
      throw raw.source.error(['services', raw.name], `service "${raw.name}" is also defined in ${existing.source.file}`, 'an included file cannot redefine a service; rename one of them or use an override file');
    }
    // Later files override earlier ones (compose -f a.yml -f b.yml).
    into.set(raw.name, { ...existing, data: mergeService(existing.data, raw.data) });
  }

  private readonly topNetworks = new Map<string, { data: Record<string, unknown> }>();

  private collectNetworks(source: ComposeSource): void {
    const networks = source.data.networks;
    if (networks === undefined || networks === null) return;
    if (!isRecord(networks)) throw source.error(['networks'], 'must be a mapping of network names', 'write "networks:\\n  homeiq-network:"');
    for (const [name, data] of Object.entries(networks)) this.topNetworks.set(name, { data: isRecord(data) ? data : {} });
  }

  private readonly includedSources = new Set<ComposeSource>();
  private isIncluded(raw: RawService): boolean {
    return this.includedSources.has(raw.source);
  }

  private servicesOf(source: ComposeSource, baseDir: string): RawService[] {
    const services = source.data.services;
    if (!isRecord(services)) return [];
    return Object.entries(services).map(([name, data]) => {
      if (!isRecord(data)) throw source.error(['services', name], `service definition must be a mapping (received ${data === null ? 'nothing' : JSON.stringify(data)})`, 'give the service at least an "image:" or "build:"');
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw source.error(['services', name], `invalid service name "${name}"`, 'service names use letters, digits, "-", "_" and "."');
      return { name, data: absolutizePaths(data, baseDir), source, baseDir };
    });
  }

  private includes(source: ComposeSource, parentLookup: (name: string) => string | undefined): RawService[] {
    const include = source.data.include;
    if (include === undefined || include === null) return [];
    if (!Array.isArray(include)) throw source.error(['include'], 'must be a list of paths or {path, env_file, project_directory}', 'write "include:\\n  - other/compose.yml"');
    const out: RawService[] = [];
    include.forEach((entry, index) => {
      const spec = typeof entry === 'string' ? { path: entry } : entry;
      if (!isRecord(spec) || (typeof spec.path !== 'string' && !Array.isArray(spec.path))) {
        throw source.error(['include', index], `invalid include entry ${JSON.stringify(entry)}`, 'use a path or {path, env_file, project_directory}');
      }
      const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).map((p) => resolve(source.dir, String(p)));
      const projectDirectory = typeof spec.project_directory === 'string' ? resolve(source.dir, spec.project_directory) : resolve(paths[0] ?? source.dir, '..');
      for (const path of paths) {
        if (!existsSync(path)) throw source.error(['include', index], `included file ${this.display(path)} does not exist`, 'paths in include are relative to the including file');
      }
      const envFiles = spec.env_file === undefined ? [join(projectDirectory, '.env')].filter((p) => existsSync(p))
        : (Array.isArray(spec.env_file) ? spec.env_file : [spec.env_file]).map((p) => resolve(source.dir, String(p)));
      const values: Record<string, string> = {};
      for (const envFile of envFiles) Object.assign(values, readDotenv(envFile, { file: this.display(envFile), env: this.env }));
      const lookup = (name: string): string | undefined => this.env[name] ?? values[name] ?? (spec.env_file === undefined ? parentLookup(name) : undefined);
      for (const path of paths) {
        const included = this.readSource(path, lookup);
        this.includedSources.add(included);
        this.checkTopLevel(included);
        this.collectVolumes(included, this.topVolumes);
        this.collectNetworks(included);
        out.push(...this.includes(included, lookup), ...this.servicesOf(included, projectDirectory));
      }
    });
    return out;
  }

  private collectVolumes(source: ComposeSource, into: Map<string, { data: Record<string, unknown> }>): void {
    const volumes = source.data.volumes;
    if (volumes === undefined || volumes === null) return;
    if (!isRecord(volumes)) throw source.error(['volumes'], 'must be a mapping of volume names', 'write "volumes:\\n  influxdb_data:"');
    for (const [name, data] of Object.entries(volumes)) into.set(name, { data: isRecord(data) ? data : {} });
  }

  private resolveExtends(raw: RawService, lookup: (name: string) => string | undefined, chain: string[]): RawService {
    const ext = raw.data.extends;
    if (ext === undefined) return raw;
    const key = `${raw.source.absolutePath}#${raw.name}`;
    if (chain.includes(key)) {
      throw raw.source.error(['services', raw.name, 'extends'], `extends cycle: ${[...chain, key].map((k) => k.split('#')[1]).join(' → ')}`, 'remove one of the extends links');
    }
    const spec = typeof ext === 'string' ? { service: ext } : ext;
    if (!isRecord(spec) || typeof spec.service !== 'string') {
      throw raw.source.error(['services', raw.name, 'extends'], `invalid extends ${JSON.stringify(ext)}`, 'use "extends: base" or "extends: { file: common.yml, service: base }"');
    }
    let baseSource = raw.source;
    let baseDir = raw.baseDir;
    if (typeof spec.file === 'string') {
      const path = resolve(raw.source.dir, spec.file);
      if (!existsSync(path)) throw raw.source.error(['services', raw.name, 'extends', 'file'], `extended file ${this.display(path)} does not exist`, 'extends.file is relative to the file that extends');
      baseSource = this.readSource(path, lookup);
      baseDir = baseSource.dir;
    }
    const baseData = isRecord(baseSource.data.services) ? baseSource.data.services[spec.service] : undefined;
    if (!isRecord(baseData)) {
      const names = isRecord(baseSource.data.services) ? Object.keys(baseSource.data.services) : [];
      const suggestion = closestMatch(spec.service, names);
      throw raw.source.error(['services', raw.name, 'extends'], `extends unknown service "${spec.service}" in ${baseSource.file}`, suggestion ? `did you mean "${suggestion}"?` : `services there: ${names.join(', ') || 'none'}`);
    }
    const base = this.resolveExtends({ name: spec.service, data: absolutizePaths(baseData, baseDir), source: baseSource, baseDir }, lookup, [...chain, key]);
    const { extends: _dropped, ...own } = raw.data;
    return { ...raw, data: mergeService(base.data, own) };
  }

  private normalize(raw: RawService, projectName: string, driver: ComposeDriver, volumes: Map<string, unknown>): ServiceSpec {
    const { data, source, name } = raw;
    const at = (...path: (string | number)[]): YamlPath => ['services', name, ...path];
    for (const key of Object.keys(data)) {
      if (SERVICE_KEY_SET.has(key) || key.startsWith('x-')) continue;
      const suggestion = closestMatch(key, SERVICE_KEYS);
      throw source.error(at(key), `unknown service key "${key}"`, suggestion ? `did you mean "${suggestion}"?` : 'see the compose specification for service keys');
    }
    const str = (key: string): string | null => {
      const value = data[key];
      if (value === undefined || value === null) return null;
      if (typeof value !== 'string' && typeof value !== 'number') throw source.error(at(key), `must be a string (received ${JSON.stringify(value)})`);
      return String(value);
    };
    const explicit = str('container_name');
    if (data.image === undefined && data.build === undefined) {
      throw source.error(at(), `service "${name}" has neither "image" nor "build"`, 'add "image:" or "build:"');
    }
    const environment = this.environment(raw);
    for (const variable of environment) if (variable.secret) registerSecret(variable.value);
    return {
      name,
      containerName: explicit ?? deriveContainerName(projectName, name, driver),
      containerNameExplicit: explicit !== null,
      image: str('image'),
      build: this.build(raw),
      hostPorts: this.ports(raw),
      exposed: this.listOf(raw, 'expose').flatMap((entry, i) => this.portCall(source, at('expose', i), () => parseExpose(entry as string | number))),
      healthcheck: this.healthcheck(raw),
      dependsOn: this.dependsOn(raw),
      profiles: this.listOf(raw, 'profiles').map(String),
      volumes: this.listOf(raw, 'volumes').map((entry, i) => this.volume(raw, entry, at('volumes', i), volumes)),
      environment,
      envFiles: this.envFiles(raw).map((f) => f.path),
      memLimitBytes: this.memLimit(raw),
      networkMode: str('network_mode'),
      networks: serviceNetworks(data.networks),
      restart: str('restart'),
      source: { file: source.file, line: source.lineOf(at()) },
    };
  }

  private listOf(raw: RawService, key: string): unknown[] {
    const value = raw.data[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw raw.source.error(['services', raw.name, key], `must be a list (received ${JSON.stringify(value)})`, `write "${key}:" followed by "- item" lines`);
    return value;
  }

  private portCall<T>(source: ComposeSource, path: YamlPath, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof PortSyntaxError) throw source.error(path, error.problem, error.hint);
      throw error;
    }
  }

  private ports(raw: RawService): HostPort[] {
    return this.listOf(raw, 'ports').flatMap((entry, i) => {
      const path: YamlPath = ['services', raw.name, 'ports', i];
      if (typeof entry === 'string' || typeof entry === 'number') return this.portCall(raw.source, path, () => parseShortPort(entry));
      if (isRecord(entry)) return this.portCall(raw.source, path, () => parseLongPort(entry));
      throw raw.source.error(path, `invalid port ${JSON.stringify(entry)}`, 'use "HOST:CONTAINER" or { target, published }');
    });
  }

  private build(raw: RawService): BuildSpec | null {
    const value = raw.data.build;
    if (value === undefined || value === null) return null;
    const spec = typeof value === 'string' ? { context: value } : value;
    if (!isRecord(spec)) throw raw.source.error(['services', raw.name, 'build'], `must be a path or a mapping (received ${JSON.stringify(value)})`, 'use "build: ./dir" or "build: { context: ., dockerfile: services/x/Dockerfile }"');
    const context = typeof spec.context === 'string' ? spec.context : '.';
    const remote = /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context);
    const args: Record<string, string | null> = {};
    const rawArgs = spec.args;
    if (Array.isArray(rawArgs)) {
      for (const item of rawArgs) {
        const [k, ...rest] = String(item).split('=');
        args[k ?? ''] = rest.length === 0 ? null : rest.join('=');
      }
    } else if (isRecord(rawArgs)) {
      for (const [k, v] of Object.entries(rawArgs)) args[k] = v === null || v === undefined ? null : String(v);
    }
    return {
      context,
      contextPath: remote ? context : resolve(raw.baseDir, context),
      dockerfile: typeof spec.dockerfile === 'string' ? spec.dockerfile : typeof spec.dockerfile_inline === 'string' ? '(inline)' : 'Dockerfile',
      args,
      target: typeof spec.target === 'string' ? spec.target : null,
    };
  }

  private duration(raw: RawService, key: string, fallbackMs: number): number {
    const value = (raw.data.healthcheck as Record<string, unknown>)[key];
    if (value === undefined || value === null) return fallbackMs;
    const ms = typeof value === 'string' ? parseDurationMs(value) : null;
    if (ms === null) throw raw.source.error(['services', raw.name, 'healthcheck', key], `invalid duration ${JSON.stringify(value)}`, DURATION_HINT);
    return ms;
  }

  private healthcheck(raw: RawService): Healthcheck | null {
    const hc = raw.data.healthcheck;
    if (hc === undefined || hc === null) return null;
    const path: YamlPath = ['services', raw.name, 'healthcheck'];
    if (!isRecord(hc)) throw raw.source.error(path, `must be a mapping (received ${JSON.stringify(hc)})`, 'write "healthcheck:" with test/interval/timeout/retries/start_period');
    if (hc.disable === true) return null;
    let test: string[];
    if (typeof hc.test === 'string') test = ['CMD-SHELL', hc.test];
    else if (Array.isArray(hc.test)) {
      const [kind, ...args] = hc.test.map(String);
      if (kind === 'NONE') return null;
      if (kind !== 'CMD' && kind !== 'CMD-SHELL') {
        throw raw.source.error([...path, 'test', 0], `must be "CMD", "CMD-SHELL" or "NONE" (received ${JSON.stringify(kind ?? null)})`, 'write test: ["CMD", "curl", "-f", "http://localhost:8006/health"]');
      }
      test = kind === 'CMD-SHELL' ? ['CMD-SHELL', args.join(' ')] : ['CMD', ...args];
    } else if (hc.test === undefined) test = [];
    else throw raw.source.error([...path, 'test'], `must be a string or a list (received ${JSON.stringify(hc.test)})`);
    const retries = hc.retries === undefined ? 3 : Number(hc.retries);
    if (!Number.isInteger(retries) || retries < 0) throw raw.source.error([...path, 'retries'], `must be a whole number ≥ 0 (received ${JSON.stringify(hc.retries)})`);
    return {
      test,
      intervalMs: this.duration(raw, 'interval', 30_000),
      timeoutMs: this.duration(raw, 'timeout', 30_000),
      retries,
      startPeriodMs: this.duration(raw, 'start_period', 0),
    };
  }

  private dependsOn(raw: RawService): Dependency[] {
    const value = raw.data.depends_on;
    const path: YamlPath = ['services', raw.name, 'depends_on'];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.map((service) => ({ service: String(service), condition: 'service_started', required: true, restart: false }));
    if (!isRecord(value)) throw raw.source.error(path, `must be a list or a mapping (received ${JSON.stringify(value)})`, 'write depends_on: [db] or depends_on: { db: { condition: service_healthy } }');
    return Object.entries(value).map(([service, spec]) => {
      const entry = isRecord(spec) ? spec : {};
      const condition = entry.condition === undefined ? 'service_started' : String(entry.condition);
      if (!CONDITIONS.includes(condition as DependencyCondition)) {
        const suggestion = closestMatch(condition, CONDITIONS);
        throw raw.source.error([...path, service, 'condition'], `unknown condition "${condition}"`, suggestion ? `did you mean "${suggestion}"?` : `use one of ${CONDITIONS.join(', ')}`);
      }
      return { service, condition: condition as DependencyCondition, required: entry.required !== false, restart: entry.restart === true };
    });
  }

  private volume(raw: RawService, entry: unknown, path: YamlPath, declared: Map<string, unknown>): VolumeMount {
    let mount: VolumeMount;
    if (typeof entry === 'string') {
      const parts = entry.split(':');
      if (parts.length === 1) mount = { type: 'anonymous', source: null, target: entry, readOnly: false };
      else {
        const [src = '', target = '', mode = ''] = parts;
        const readOnly = mode.split(',').includes('ro');
        const home = this.env.HOME;
        const bindSource = src.startsWith('~') && home ? join(home, src.slice(1)) : src;
        mount = isAbsolute(src) || src.startsWith('~') ? { type: 'bind', source: bindSource, target, readOnly } : { type: 'named', source: src, target, readOnly };
      }
    } else if (isRecord(entry)) {
      if (typeof entry.target !== 'string') throw raw.source.error(path, 'volume is missing "target"', 'long syntax: { type: volume, source: data, target: /data }');
      const type = String(entry.type ?? 'volume');
      const source = typeof entry.source === 'string' ? entry.source : null;
      const mapped: VolumeMount['type'] = type === 'volume' ? (source === null ? 'anonymous' : 'named') : type === 'bind' ? 'bind' : type === 'tmpfs' ? 'tmpfs' : 'other';
      mount = { type: mapped, source: mapped === 'bind' && source !== null ? resolve(raw.baseDir, source) : source, target: entry.target, readOnly: entry.read_only === true };
    } else {
      throw raw.source.error(path, `invalid volume ${JSON.stringify(entry)}`, 'use "name:/path", "./dir:/path:ro" or { type, source, target }');
    }
    if (mount.type === 'named' && mount.source !== null && !declared.has(mount.source)) {
      const suggestion = closestMatch(mount.source, declared.keys());
      throw raw.source.error(path, `volume "${mount.source}" is not declared in the top-level "volumes:"`, suggestion ? `did you mean "${suggestion}"?` : `add "${mount.source}:" under the top-level "volumes:"`);
    }
    return mount;
  }

  private envFiles(raw: RawService): { path: string; required: boolean }[] {
    const value = raw.data.env_file;
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((entry, i) => {
      if (typeof entry === 'string') return { path: resolve(raw.baseDir, entry), required: true };
      if (isRecord(entry) && typeof entry.path === 'string') return { path: resolve(raw.baseDir, entry.path), required: entry.required !== false };
      throw raw.source.error(['services', raw.name, 'env_file', i], `invalid env_file entry ${JSON.stringify(entry)}`, 'use a path or { path, required }');
    });
  }

  private environment(raw: RawService): EnvironmentVariable[] {
    const vars = new Map<string, EnvironmentVariable>();
    const secret = (name: string): boolean => isSecretName(name, this.secretNames);
    for (const { path, required } of this.envFiles(raw)) {
      if (!existsSync(path)) {
        if (required) this.anomalies.push({ kind: 'missing-env-file', service: raw.name, message: `${raw.source.file}: services.${raw.name}.env_file: ${this.display(path)} does not exist; compose refuses to start the service. Create it or mark it "required: false"` });
        continue;
      }
      for (const [name, value] of Object.entries(readDotenv(path, { file: this.display(path), env: this.env }))) {
        vars.set(name, { name, value, secret: secret(name), from: 'env_file' });
      }
    }
    const value = raw.data.environment;
    if (Array.isArray(value)) {
      for (const item of value) {
        const text = String(item);
        const eq = text.indexOf('=');
        const name = eq === -1 ? text : text.slice(0, eq);
        vars.set(name, { name, value: eq === -1 ? (this.env[name] ?? null) : text.slice(eq + 1), secret: secret(name), from: 'environment' });
      }
    } else if (isRecord(value)) {
      for (const [name, v] of Object.entries(value)) {
        vars.set(name, { name, value: v === null || v === undefined ? (this.env[name] ?? null) : String(v), secret: secret(name), from: 'environment' });
      }
    } else if (value !== undefined && value !== null) {
      throw raw.source.error(['services', raw.name, 'environment'], `must be a list or a mapping (received ${JSON.stringify(value)})`, 'write "environment:" with "KEY: value" or "- KEY=value" lines');
    }
    return [...vars.values()];
  }

  private memLimit(raw: RawService): number | null {
    const deploy = raw.data.deploy;
    const limits = isRecord(deploy) && isRecord(deploy.resources) && isRecord(deploy.resources.limits) ? deploy.resources.limits : undefined;
    const candidates: [YamlPath, unknown][] = [
      [['services', raw.name, 'mem_limit'], raw.data.mem_limit],
      [['services', raw.name, 'deploy', 'resources', 'limits', 'memory'], limits?.memory],
    ];
    for (const [path, value] of candidates) {
      if (value === undefined || value === null) continue;
      const bytes = typeof value === 'string' || typeof value === 'number' ? parseByteSize(value) : null;
      if (bytes === null) throw raw.source.error(path, `invalid memory size ${JSON.stringify(value)}`, 'use a size like "512m", "1g" or "1.5G"');
      return bytes;
    }
    return null;
  }

  private findAnomalies(services: readonly ServiceSpec[], allNames: ReadonlySet<string>): void {
    const byName = new Map(services.map((s) => [s.name, s]));
    const published = new Map<string, string>();
    for (const service of services) {
      for (const dep of service.dependsOn) {
        const target = byName.get(dep.service);
        if (!allNames.has(dep.service)) {
          const suggestion = closestMatch(dep.service, allNames);
          this.anomalies.push({ kind: 'unknown-dependency', service: service.name, message: `${service.source.file}:${service.source.line}: ${service.name} depends on unknown service "${dep.service}"${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
        } else if (target === undefined) {
          if (dep.required) this.anomalies.push({ kind: 'inactive-dependency', service: service.name, message: `${service.source.file}:${service.source.line}: ${service.name} depends on "${dep.service}", which no active profile enables. Activate its profile or mark the dependency "required: false"` });
        } else if (dep.condition === 'service_healthy' && target.healthcheck === null) {
          this.anomalies.push({ kind: 'healthy-condition-without-healthcheck', service: service.name, message: `${service.source.file}:${service.source.line}: ${service.name} waits for "${dep.service}" to be healthy, but ${dep.service} has no compose healthcheck (only its image's, if any). Add a healthcheck to ${dep.service}` });
        }
      }
      for (const port of service.hostPorts) {
        if (port.host === null) continue;
        for (const ip of port.ip === null || port.ip === '0.0.0.0' ? ['*'] : [port.ip, '*']) {
          const key = `${port.protocol}/${ip}/${port.host}`;
          const owner = published.get(key) ?? (ip === '*' ? [...published.entries()].find(([k]) => k.startsWith(`${port.protocol}/`) && k.endsWith(`/${port.host}`))?.[1] : undefined);
          if (owner !== undefined && owner !== service.name) {
            this.anomalies.push({ kind: 'duplicate-host-port', service: service.name, message: `host port ${port.host}/${port.protocol} is published by both "${owner}" and "${service.name}"; the second one fails to start. Change one of the host ports` });
            break;
          }
        }
        published.set(`${port.protocol}/${port.ip ?? '*'}/${port.host}`, service.name);
      }
      if (service.build && !service.build.contextPath.includes('://') && !service.build.contextPath.startsWith('git@')) {
        if (!existsSync(service.build.contextPath)) {
          this.anomalies.push({ kind: 'missing-build-context', service: service.name, message: `${service.source.file}:${service.source.line}: ${service.name} builds from ${this.display(service.build.contextPath)}, which does not exist. Restore the directory or change build.context` });
        } else if (service.build.dockerfile !== '(inline)') {
          const dockerfile = resolve(service.build.contextPath, service.build.dockerfile);
          if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
            this.anomalies.push({ kind: 'missing-dockerfile', service: service.name, message: `${service.source.file}:${service.source.line}: ${service.name}: Dockerfile ${this.display(dockerfile)} does not exist. Fix build.dockerfile (it is relative to the context)` });
          }
        }
      }
    }
  }
}

/** Makes the relative paths of a service absolute, so they survive `extends` across directories. */
function absolutizePaths(data: Record<string, unknown>, baseDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  const rel = (p: string): string => (p.startsWith('~') || isAbsolute(p) ? p : resolve(baseDir, p));
  if (typeof out.build === 'string' && !out.build.includes('://')) out.build = { context: rel(out.build) };
  else if (isRecord(out.build) && typeof out.build.context === 'string' && !out.build.context.includes('://')) out.build = { ...out.build, context: rel(out.build.context) };
  else if (isRecord(out.build) && out.build.context === undefined) out.build = { ...out.build, context: baseDir };
  if (typeof out.env_file === 'string') out.env_file = rel(out.env_file);
  else if (Array.isArray(out.env_file)) out.env_file = out.env_file.map((e) => (typeof e === 'string' ? rel(e) : isRecord(e) && typeof e.path === 'string' ? { ...e, path: rel(e.path) } : e));
  if (Array.isArray(out.volumes)) {
    out.volumes = out.volumes.map((v) => {
      if (typeof v !== 'string') return v;
      const [src = '', ...rest] = v.split(':');
      return rest.length > 0 && (src.startsWith('.') || src.startsWith('~')) ? [rel(src), ...rest].join(':') : v;
    });
  }
  return out;
}

const MAPPING_KEYS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts']);
const SEQUENCE_KEYS = new Set(['ports', 'expose', 'volumes', 'env_file', 'dns', 'dns_search', 'cap_add', 'cap_drop', 'devices', 'security_opt', 'tmpfs', 'external_links', 'links', 'volumes_from']);

function toMap(value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (!Array.isArray(value)) return {};
  const out: Record<string, unknown> = {};
  for (const item of value) {
    const text = String(item);
    const eq = text.indexOf('=');
    out[eq === -1 ? text : text.slice(0, eq)] = eq === -1 ? null : text.slice(eq + 1);
  }
  return out;
}

function dependsToMap(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((s) => [String(s), { condition: 'service_started' }]));
  return isRecord(value) ? value : {};
}

/** Merges two service definitions following compose's override rules (mappings merge, lists append). */
export function mergeService(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeValue(key, base[key], value);
  return out;
}

function mergeValue(key: string, base: unknown, override: unknown): unknown {
  if (base === undefined) return override;
  if (override === undefined) return base;
  if (MAPPING_KEYS.has(key)) return { ...toMap(base), ...toMap(override) };
  if (key === 'depends_on') return { ...dependsToMap(base), ...dependsToMap(override) };
  if (key === 'build') {
    const b = typeof base === 'string' ? { context: base } : base;
    const o = typeof override === 'string' ? { context: override } : override;
    if (isRecord(b) && isRecord(o)) return mergeService(b, o);
  }
  if (key === 'args' && (Array.isArray(base) || isRecord(base))) return { ...toMap(base), ...toMap(override) };
  if (SEQUENCE_KEYS.has(key) && Array.isArray(base) && Array.isArray(override)) {
    const seen = new Set<string>();
    return [...base, ...override].filter((item) => {
      const id = JSON.stringify(item);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }
  if (isRecord(base) && isRecord(override)) return mergeService(base, override);
  return override;
}

/** The networks a service joins (`networks:` as a list or a mapping), or null when it names none. */
function serviceNetworks(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map(String);
  if (isRecord(value)) return Object.keys(value);
  return null;
}
