// The live target, resolved from the config, the compose inventory and the env file's values (pure).
import { resolve } from 'node:path';
import { UnsafeTargetError } from '../common/errors.js';
import { resolveExpectedServices } from '../config/resolve-expected-services.js';
import type { ResolvedPhasegateConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/types.js';
import { LOOPBACK_ONLY_RULE, reachableOnLoopback, serviceUrls, type UnreachableService } from './service-urls.js';

/** Everything the gate needs to know about a live HomeIQ before it samples containers. */
export interface LiveTarget {
  readonly kind: 'live';
  /** Compose project name: the containers' `com.docker.compose.project` label. */
  readonly projectName: string;
  /** Compose files as absolute paths, in order (`com.docker.compose.project.config_files`). */
  readonly composeFiles: readonly string[];
  /** Compose project directory: the first compose file's directory (`com.docker.compose.project.working_dir`). */
  readonly workingDir: string;
  /** Service → `http://127.0.0.1:<host port>`. */
  readonly urls: Record<string, string>;
  /** Services the gate expects to be running and healthy (compose + profiles minus optional, or pinned). */
  readonly services: readonly string[];
  /** Service → container name (explicit `container_name`, else derived). */
  readonly containerNames: Readonly<Record<string, string>>;
  readonly influx: { readonly url: string; readonly org: string; readonly bucket: string; readonly token: string };
  readonly ha: { readonly url: string; readonly token: string };
  /** Bearer key of data-api / admin-api (`API_KEY`, else `DATA_API_KEY`). */
  readonly apiKey: string;
  /** Absolute root of the checkout the version audits read (config `audit.repoRoot`, default the compose file's dir). */
  readonly repoRoot: string;
  /** Every secret value found (config `secrets` names and the values above); register them for masking. */
  readonly secrets: readonly string[];
  /** Services without a URL, and why (listed in the setup log). */
  readonly withoutUrl: readonly UnreachableService[];
}

/** Input of {@link resolveLiveTarget}. */
export interface ResolveLiveTargetInput {
  readonly config: Pick<ResolvedPhasegateConfig, 'contradictions' | 'expectedServices' | 'services' | 'secrets' | 'audit' | 'live'>;
  /** Directory of the config file (base of `audit.repoRoot`). */
  readonly configDir: string;
  readonly inventory: Inventory;
  /** Compose files as absolute paths. */
  readonly composeFiles: readonly string[];
  /** Variables as compose sees them: the shell environment over the env file. */
  readonly values: Readonly<Record<string, string | undefined>>;
  /** The env file as named in messages (`.env`), or null when there is none. */
  readonly envFile: string | null;
}

/** HomeIQ's own defaults when the env file does not set them (homeiq-facts.md §1). */
export const LIVE_DEFAULTS = { influxOrg: 'homeiq', influxBucket: 'home_assistant_events' } as const;

function first(values: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = values[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * Resolves the live target (pure). Throws an {@link UnsafeTargetError} when an expected service or Home Assistant
 * is reachable only on an address other than 127.0.0.1, and when InfluxDB has no loopback URL.
 */
export function resolveLiveTarget(input: ResolveLiveTargetInput): LiveTarget {
  const { config, inventory, values } = input;
  const composeFile = input.composeFiles[0] ?? inventory.files[0] ?? 'docker-compose.yml';
  const expected = resolveExpectedServices(config, inventory).names;
  const ports = Object.fromEntries(Object.entries(config.services).map(([name, o]) => [name, o.port]));
  const { urls, withoutUrl } = serviceUrls(inventory.services, { portOverrides: ports, expected, composeFile });
  const influxUrl = urls.influxdb;
  if (influxUrl === undefined) {
    throw new UnsafeTargetError(`live target ${composeFile}: InfluxDB has no URL on 127.0.0.1 (service "influxdb" ${inventory.services.some((s) => s.name === 'influxdb') ? 'publishes no loopback-reachable TCP port' : 'is not in the compose project'}); ${LOOPBACK_ONLY_RULE}`, {
      hint: 'publish influxdb on 8086 ("8086:8086" or "127.0.0.1:8086:8086"), or set services.influxdb.port to a loopback port',
    });
  }
  const secrets = new Set<string>();
  const secret = (value: string | undefined): string => {
    if (value) secrets.add(value);
    return value ?? '';
  };
  for (const name of config.secrets) secret(values[name]);
  const envFile = input.envFile ?? 'the environment';
  return {
    kind: 'live',
    projectName: inventory.projectName,
    composeFiles: [...input.composeFiles],
    workingDir: resolve(composeFile, '..'),
    urls,
    services: expected,
    containerNames: Object.fromEntries(inventory.services.map((s) => [s.name, s.containerName])),
    influx: {
      url: influxUrl,
      org: first(values, 'INFLUXDB_ORG') ?? LIVE_DEFAULTS.influxOrg,
      bucket: first(values, 'INFLUXDB_BUCKET') ?? LIVE_DEFAULTS.influxBucket,
      token: secret(first(values, 'INFLUXDB_TOKEN')),
    },
    ha: { url: haUrl(input, urls, envFile), token: secret(first(values, 'HOME_ASSISTANT_TOKEN', 'HA_TOKEN')) },
    apiKey: secret(first(values, 'API_KEY', 'DATA_API_KEY')),
    repoRoot: resolve(input.configDir, config.audit.repoRoot),
    secrets: [...secrets],
    withoutUrl,
  };
}

/** Home Assistant's URL from this machine: `live.haUrl`, a loopback HOME_ASSISTANT_URL, or the ha-simulator's port. */
function haUrl(input: ResolveLiveTargetInput, urls: Readonly<Record<string, string>>, envFile: string): string {
  const configured = input.config.live.haUrl;
  if (configured !== undefined) {
    if (!isLoopbackUrl(configured)) {
      throw new UnsafeTargetError(`live.haUrl ${configured} is not on 127.0.0.1; ${LOOPBACK_ONLY_RULE}`, { hint: 'tunnel Home Assistant to this machine (ssh -L 8123:<ha-host>:8123 …) and set live.haUrl: "http://127.0.0.1:8123"' });
    }
    return configured.replace(/\/+$/, '');
  }
  const fromEnv = first(input.values, 'HA_HTTP_URL', 'HOME_ASSISTANT_URL');
  if (fromEnv !== undefined && isLoopbackUrl(fromEnv)) return fromEnv.replace(/\/+$/, '');
  const simulator = urls['ha-simulator'];
  if (simulator !== undefined) return simulator;
  throw new UnsafeTargetError(`live target: Home Assistant ${fromEnv === undefined ? 'has no URL (HOME_ASSISTANT_URL unset in ' + envFile + ')' : `at ${fromEnv} (HOME_ASSISTANT_URL in ${envFile}) is not on 127.0.0.1`}; ${LOOPBACK_ONLY_RULE}`, {
    hint: 'tunnel Home Assistant to this machine (ssh -L 8123:<ha-host>:8123 …) and set live.haUrl: "http://127.0.0.1:8123" in the config',
  });
}

function isLoopbackUrl(raw: string): boolean {
  try {
    const host = new URL(raw).hostname;
    return host === 'localhost' || reachableOnLoopbackHost(host);
  } catch {
    return false;
  }
}

/** 127.0.0.0/8 only (not 0.0.0.0: a URL host of all-interfaces is not an address to send to). */
function reachableOnLoopbackHost(host: string): boolean {
  return host !== '0.0.0.0' && host !== '' && reachableOnLoopback(host) && host.startsWith('127.');
}
