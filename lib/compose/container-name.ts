// Compose container naming: v1 joins with underscores (`proj_svc_1`), v2 with hyphens (`proj-svc-1`).

/** The compose flavour: `v1` is the Python `docker-compose` 1.x, `v2` the `docker compose` CLI plugin. */
export type ComposeDriver = 'v1' | 'v2';

/** What {@link composeContainerName} needs to name a container. */
export interface ComposeContainerNameOptions {
  /** Compose project name as given with `-p` (normalized here the way compose does). */
  readonly project: string;
  /** Service name from the compose file. */
  readonly service: string;
  readonly driver: ComposeDriver;
  /** Replica number. @default 1 */
  readonly index?: number;
  /** The service's explicit `container_name:`; wins over the generated name when set. */
  readonly containerName?: string;
}

/**
 * Normalizes a project name the way compose does before using it in names and labels:
 * lower case, and only `a-z 0-9 _ -` kept (v2 also drops leading `_`/`-`).
 */
export function normalizeProjectName(project: string, driver: ComposeDriver): string {
  const kept = project.toLowerCase().replace(/[^-_a-z0-9]/g, '');
  return driver === 'v2' ? kept.replace(/^[-_]+/, '') : kept;
}

/** The name compose gives a service's container: `pg_api_1` (v1), `pg-api-1` (v2) or the explicit `container_name`. */
export function composeContainerName(options: ComposeContainerNameOptions): string {
  if (options.containerName) return options.containerName;
  const separator = options.driver === 'v1' ? '_' : '-';
  return [normalizeProjectName(options.project, options.driver), options.service, String(options.index ?? 1)].join(separator);
}

/** A container name taken apart by {@link parseComposeContainerName}. */
export interface ParsedComposeContainerName {
  readonly service: string;
  /** Replica number. */
  readonly index: number;
  /** Which naming scheme the name follows. */
  readonly driver: ComposeDriver;
}

/**
 * Takes a generated compose container name apart (either scheme, with or without the leading `/` Docker
 * puts on names). Returns undefined for names that do not belong to `project` (e.g. an explicit `container_name`).
 */
export function parseComposeContainerName(name: string, project: string): ParsedComposeContainerName | undefined {
  const bare = name.replace(/^\//, '');
  for (const driver of ['v1', 'v2'] as const) {
    const separator = driver === 'v1' ? '_' : '-';
    const prefix = `${normalizeProjectName(project, driver)}${separator}`;
    if (!bare.startsWith(prefix)) continue;
    const rest = bare.slice(prefix.length);
    const match = new RegExp(`^(.+)${separator}(\\d+)$`).exec(rest);
    if (match?.[1] && match[2]) return { service: match[1], index: Number(match[2]), driver };
  }
  return undefined;
}
