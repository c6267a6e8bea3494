// Finds what the version audits read in a HomeIQ checkout: the root requirements-base.txt and, per service folder
// (`services/<svc>/` at REF, `domains/<domain>/<svc>/` at HEAD), its requirements files, Dockerfile and package.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadRequirements, type LoadedRequirements } from './load-requirements.js';
import { parseDockerfileFrom, type DockerfileFrom } from './parse-dockerfile.js';
import { readNpmManifest, type NpmManifest } from './parse-package-json.js';
import type { RequirementsIssue } from './parse-requirements.js';

/** The file name of the shared base requirements at the repo root. */
export const BASE_REQUIREMENTS = 'requirements-base.txt';

/** What one service folder declares. */
export interface ServiceScan {
  /** Folder name (`data-api`). */
  readonly name: string;
  /** Repo-relative folder (`services/data-api`). */
  readonly dir: string;
  /** Every `requirements*.txt` in the folder, loaded with its includes, sorted by file name. */
  readonly requirements: readonly LoadedRequirements[];
  /** The requirements file the Dockerfile installs (repo-relative), else requirements-prod.txt, else requirements.txt. */
  readonly installs?: string;
  readonly dockerfile?: { readonly file: string; readonly from: readonly DockerfileFrom[] };
  readonly npm?: NpmManifest;
}

/** The scan of one checkout. */
export interface RepoScan {
  /** Absolute repo root. */
  readonly root: string;
  /** requirements-base.txt, when present. */
  readonly base?: LoadedRequirements;
  readonly services: readonly ServiceScan[];
  /** Every requirements file read (root file or included), repo-relative, sorted. */
  readonly requirementsFiles: readonly string[];
  /** Unreadable lines, missing includes, cycles, invalid JSON. */
  readonly errors: readonly RequirementsIssue[];
}

const dirs = (path: string): string[] => (existsSync(path) ? readdirSync(path).filter((n) => !n.startsWith('.') && statSync(join(path, n)).isDirectory()).sort() : []);

/** Repo-relative service folders: `services/*` and `domains/*\/*`. */
export function serviceDirs(root: string): string[] {
  return [
    ...dirs(join(root, 'services')).map((n) => `services/${n}`),
    ...dirs(join(root, 'domains')).flatMap((d) => dirs(join(root, 'domains', d)).map((n) => `domains/${d}/${n}`)),
  ];
}

/** The requirements file a Dockerfile installs (`pip install -r requirements-prod.txt`, or the one it COPYs). */
export function installedRequirementsFile(dockerfileText: string): string | undefined {
  const lines = dockerfileText.split(/\r?\n/);
  const find = (filter: RegExp) => lines.filter((l) => filter.test(l)).map((l) => /([\w./-]*requirements[\w.-]*\.txt)/.exec(l)?.[1]).find(Boolean);
  const found = find(/pip3?\s+install|uv\s+pip\s+install/) ?? find(/^\s*(COPY|ADD)\b/i);
  return found === undefined ? undefined : basename(found);
}

/** Scans `root`. Never throws for content problems (they are in `errors`); throws only when `root` is missing. */
export function scanRepo(root: string): RepoScan {
  if (!existsSync(root)) throw new Error(`repo root ${root} does not exist`);
  const errors: RequirementsIssue[] = [];
  const basePath = join(root, BASE_REQUIREMENTS);
  const base = existsSync(basePath) ? loadRequirements(basePath, { baseDir: root }) : undefined;
  if (base) errors.push(...base.errors);
  const services: ServiceScan[] = [];
  for (const dir of serviceDirs(root)) {
    const abs = join(root, dir);
    const names = readdirSync(abs);
    const requirements = names.filter((n) => /^requirements.*\.txt$/.test(n)).sort().map((n) => loadRequirements(join(abs, n), { baseDir: root }));
    for (const r of requirements) errors.push(...r.errors.filter((e) => !errors.some((x) => x.file === e.file && x.line === e.line && x.message === e.message)));
    const dockerText = names.includes('Dockerfile') ? readFileSync(join(abs, 'Dockerfile'), 'utf8') : undefined;
    const dockerfile = dockerText === undefined ? undefined : { file: `${dir}/Dockerfile`, from: parseDockerfileFrom(dockerText, `${dir}/Dockerfile`) };
    const declared = dockerText === undefined ? undefined : installedRequirementsFile(dockerText);
    const installs = [declared, 'requirements-prod.txt', 'requirements.txt'].find((n) => n !== undefined && names.includes(n));
    let npm: NpmManifest | undefined;
    if (names.includes('package.json')) {
      try {
        npm = readNpmManifest(abs, dir);
      } catch (error) {
        errors.push({ file: `${dir}/package.json`, line: 0, message: (error as Error).message });
      }
    }
    if (requirements.length === 0 && !dockerfile && !npm) continue;
    services.push({ name: basename(dir), dir, requirements, ...(installs ? { installs: `${dir}/${installs}` } : {}), ...(dockerfile ? { dockerfile } : {}), ...(npm ? { npm } : {}) });
  }
  const requirementsFiles = [...new Set([...(base?.files ?? []), ...services.flatMap((s) => s.requirements.flatMap((r) => r.files))])].sort();
  return { root, ...(base ? { base } : {}), services, requirementsFiles, errors };
}

/** The loaded requirements of the file a service installs. */
export function installedRequirements(service: ServiceScan): LoadedRequirements | undefined {
  return service.requirements.find((r) => r.file === service.installs);
}
