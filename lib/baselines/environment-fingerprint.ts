// Collects the environment fingerprint stored with a baseline.
import { readFileSync } from 'node:fs';
import { arch, cpus, hostname, platform } from 'node:os';
import type { EnvironmentFingerprint } from './baseline-schema.js';

/** What the fingerprint reads from the machine; injectable for tests. */
export interface FingerprintSource {
  cpus(): ReadonlyArray<{ readonly model: string }>;
  hostname(): string;
  platform(): string;
  arch(): string;
  nodeVersion(): string;
}

/** The real machine. */
export const nodeFingerprintSource: FingerprintSource = {
  cpus: () => cpus(),
  hostname: () => hostname(),
  platform: () => platform(),
  arch: () => arch(),
  nodeVersion: () => process.version,
};

/** Fields the caller knows and the machine does not (commit, Docker versions, image ids, load profile). */
export type FingerprintExtras = Partial<Pick<EnvironmentFingerprint, 'gitCommit' | 'dockerVersion' | 'composeVersion' | 'composeHash' | 'imageIds' | 'loadProfile' | 'phasegateVersion'>>;

/** Builds the fingerprint of this machine plus `extras`. */
export function collectFingerprint(extras: FingerprintExtras = {}, source: FingerprintSource = nodeFingerprintSource): EnvironmentFingerprint {
  const cpuList = source.cpus();
  return {
    nodeVersion: source.nodeVersion(),
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCount: Math.max(1, cpuList.length),
    host: source.hostname(),
    platform: `${source.platform()}-${source.arch()}`,
    phasegateVersion: extras.phasegateVersion ?? phasegateVersion(),
    ...extras,
  };
}

function phasegateVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One field that differs between two fingerprints. */
export interface FingerprintDifference {
  readonly field: string;
  readonly baseline: string;
  readonly current: string;
}

/**
 * Fields that make latency incomparable when they differ: CPU count and model, node major version,
 * platform, Docker/compose versions and the load profile. Host name, commit, compose hash and image ids
 * are what a rebuild is expected to change, so they are recorded but not compared.
 */
export function diffFingerprints(baseline: EnvironmentFingerprint, current: EnvironmentFingerprint): FingerprintDifference[] {
  const major = (v: string) => /^v?(\d+)/.exec(v)?.[1] ?? v;
  const fields: Array<[string, string | undefined, string | undefined]> = [
    ['cpuCount', String(baseline.cpuCount), String(current.cpuCount)],
    ['cpuModel', baseline.cpuModel, current.cpuModel],
    ['nodeMajor', major(baseline.nodeVersion), major(current.nodeVersion)],
    ['platform', baseline.platform, current.platform],
    ['dockerVersion', baseline.dockerVersion, current.dockerVersion],
    ['composeVersion', baseline.composeVersion, current.composeVersion],
    ['loadProfile', baseline.loadProfile, current.loadProfile],
  ];
  const diffs: FingerprintDifference[] = [];
  for (const [field, b, c] of fields) {
    // A field only one side recorded is unknown, not different.
    if (b !== undefined && c !== undefined && b !== c) diffs.push({ field, baseline: b, current: c });
  }
  return diffs;
}
