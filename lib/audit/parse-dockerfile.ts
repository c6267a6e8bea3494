// Dockerfile `FROM` lines (base images per stage), with `ARG` defaults substituted, for the static version audits.

/** One `FROM` instruction. */
export interface DockerfileFrom {
  /** Image reference after substitution (`node:20.19.0-alpine`). */
  readonly image: string;
  /** Repository part (`node`, `python`, `nginx`, `docker.io/library/python`). */
  readonly repository: string;
  /** Tag (`20.19.0-alpine`), `latest` when absent. */
  readonly tag: string;
  /** Stage name after `AS`, when present. */
  readonly stage?: string;
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** Reads every FROM of a Dockerfile. Continuation lines are joined; `${VAR}`/`$VAR` take the ARG default before it. */
export function parseDockerfileFrom(text: string, file: string): DockerfileFrom[] {
  const args = new Map<string, string>();
  const out: DockerfileFrom[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let instruction = lines[i]!;
    while (instruction.endsWith('\\') && i + 1 < lines.length) instruction = `${instruction.slice(0, -1)} ${lines[++i]!.trim()}`;
    const trimmed = instruction.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(trimmed);
    if (arg) {
      if (arg[2] !== undefined) args.set(arg[1]!, arg[2].replace(/^["']|["']$/g, ''));
      continue;
    }
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(trimmed);
    if (!from) continue;
    const image = from[1]!.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, dflt: string | undefined, b: string | undefined) => args.get(a ?? b ?? '') ?? dflt ?? '');
    const noDigest = image.split('@')[0]!;
    const colon = noDigest.lastIndexOf(':');
    const hasTag = colon > noDigest.lastIndexOf('/');
    out.push({ image, repository: hasTag ? noDigest.slice(0, colon) : noDigest, tag: hasTag ? noDigest.slice(colon + 1) : 'latest', ...(from[2] ? { stage: from[2] } : {}), file, line: start + 1 });
  }
  return out;
}

/** The version at the start of an image tag (`20.19.0-alpine` → `20.19.0`, `3.12-slim` → `3.12`), when there is one. */
export function tagVersion(tag: string): string | undefined {
  return /^v?(\d+(?:\.\d+)*)/.exec(tag)?.[1];
}
