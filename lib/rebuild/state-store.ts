// Persists the rebuild state as JSON, atomically (write to a temporary file, fsync, rename), so a kill at any
// moment leaves either the previous or the new state on disk, never half of one.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../common/errors.js';
import { rebuildStateSchema, type RebuildState } from './state.js';

/** Where rebuild states live: one file per compose project. */
export interface RebuildStateStore {
  load(): RebuildState | undefined;
  save(state: RebuildState): void;
  clear(): void;
  /** Path of the state file, for messages. */
  readonly path: string;
}

/** A {@link RebuildStateStore} on disk: `<dir>/<project>.json`. */
export class FileRebuildStateStore implements RebuildStateStore {
  readonly path: string;

  /** @param dir directory of state files. Default `.phasegate/rebuild` under the working directory. */
  constructor(project: string, dir = join(process.cwd(), '.phasegate', 'rebuild')) {
    this.path = join(dir, `${project}.json`);
  }

  load(): RebuildState | undefined {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new ConfigError(`${this.path}: the rebuild state is not valid JSON (${(error as Error).message})`, { file: this.path, hint: 'it was not written by phasegate, or the disk is damaged; move it away to start a new rebuild' });
    }
    const parsed = rebuildStateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map(String).join('.');
      throw new ConfigError(`${this.path}: ${path || '(root)'}: ${issue.message}`, { file: this.path, path, hint: 'a state from another phasegate version or hand-edited; move it away to start a new rebuild' });
    }
    return parsed.data;
  }

  save(state: RebuildState): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}

/** A {@link RebuildStateStore} in memory (tests, dry runs). */
export class MemoryRebuildStateStore implements RebuildStateStore {
  readonly path = '(memory)';
  #state: RebuildState | undefined;
  /** Every saved state, oldest first. */
  readonly saves: RebuildState[] = [];

  load(): RebuildState | undefined {
    return this.#state === undefined ? undefined : structuredClone(this.#state);
  }

  save(state: RebuildState): void {
    this.#state = structuredClone(state);
    this.saves.push(structuredClone(state));
  }

  clear(): void {
    this.#state = undefined;
  }
}
