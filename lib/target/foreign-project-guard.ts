// Refuses a live run whose expected container names belong to another compose project or compose file (pure).
import { resolve } from 'node:path';
import { UnsafeTargetError } from '../common/errors.js';

/** Compose labels phasegate reads to tell whose container it is. */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  service: 'com.docker.compose.service',
} as const;

/** A container found under one of the expected names, with its labels. */
export interface LabelledContainer {
  /** Container name without the leading slash (`homeiq-data-api`). */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What the config says the containers must belong to. */
export interface ExpectedProject {
  /** Compose project name. */
  readonly projectName: string;
  /** Compose files as absolute paths; the first is the main file. */
  readonly composeFiles: readonly string[];
  /** Project directory (absolute). */
  readonly workingDir: string;
  /** Service → container name of the services the gate expects. */
  readonly containers: Readonly<Record<string, string>>;
}

/** One container that is not the configured project's, and why. */
export interface ForeignContainer {
  readonly service: string;
  readonly container: string;
  readonly reason: string;
}

/** Paths compared after `resolve` (and an optional canonicaliser such as realpath). */
export type PathNormalizer = (path: string) => string;

/**
 * Lists the containers named like an expected service that belong elsewhere (pure): another compose project,
 * another main compose file (`config_files` without it; `working_dir` when that label is missing), or no compose
 * labels at all. Containers that are absent are not this guard's concern (the health checks report them).
 */
export function foreignContainers(found: readonly LabelledContainer[], expected: ExpectedProject, normalize: PathNormalizer = (p) => resolve(p)): ForeignContainer[] {
  const byName = new Map(found.map((c) => [c.name, c]));
  const main = normalize(expected.composeFiles[0] ?? '');
  const out: ForeignContainer[] = [];
  for (const [service, container] of Object.entries(expected.containers)) {
    const c = byName.get(container);
    if (!c) continue;
    const project = c.labels[COMPOSE_LABELS.project];
    const configFiles = c.labels[COMPOSE_LABELS.configFiles];
    const workingDir = c.labels[COMPOSE_LABELS.workingDir];
    if (project === undefined) {
      out.push({ service, container, reason: 'has no compose labels (started outside compose)' });
    } else if (project !== expected.projectName) {
      out.push({ service, container, reason: `belongs to project "${project}"${configFiles ? ` (${configFiles})` : ''}` });
    } else if (configFiles !== undefined && configFiles !== '') {
      const files = configFiles.split(',').map((f) => normalize(f.trim()));
      if (!files.includes(main)) out.push({ service, container, reason: `was started from ${configFiles}, not ${expected.composeFiles[0]}` });
    } else if (workingDir !== undefined && workingDir !== '') {
      if (normalize(workingDir) !== normalize(expected.workingDir)) out.push({ service, container, reason: `was started in ${workingDir}, not ${expected.workingDir}` });
    } else {
      out.push({ service, container, reason: 'has no config_files or working_dir label to tell which compose file started it' });
    }
  }
  return out;
}

/**
 * Throws an {@link UnsafeTargetError} when any expected container belongs elsewhere (pure), before anything runs:
 * `live target refused: 2 container(s) named like services of project "homeiq" (/srv/homeiq/docker-compose.yml) belong elsewhere: data-api (homeiq-data-api) belongs to project "homeiq-staging" (…); …`.
 */
export function assertOwnProject(found: readonly LabelledContainer[], expected: ExpectedProject, normalize?: PathNormalizer): void {
  const foreign = foreignContainers(found, expected, normalize);
  if (foreign.length === 0) return;
  const list = foreign.map((f) => `${f.service} (${f.container}) ${f.reason}`).join('; ');
  throw new UnsafeTargetError(`live target refused: ${foreign.length} container(s) named like services of project "${expected.projectName}" (${expected.composeFiles[0]}) belong elsewhere: ${list}`, {
    hint: 'point compose.files / compose.projectName at the checkout that runs these containers, or stop the other project first; phasegate never touches another project\'s containers',
  });
}
