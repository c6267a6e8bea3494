// Reads the compose labels of containers by exact name; one real implementation on dockerode.
import Docker from 'dockerode';
import { PhasegateError } from '../common/errors.js';
import type { LabelledContainer } from './foreign-project-guard.js';

/** Finds containers by exact name (running or not) with their labels. */
export interface ContainerLabelSource {
  /** The containers among `names` that exist; absent names are left out. */
  byNames(names: readonly string[]): Promise<LabelledContainer[]>;
}

/** Options of {@link DockerodeContainerLabelSource}. */
export interface DockerodeContainerLabelSourceOptions {
  /** Bound on the list call, in ms. @default 10000 */
  readonly callTimeoutMs?: number;
}

/** {@link ContainerLabelSource} over the Docker API (`GET /containers/json?all=1`, one call). */
export class DockerodeContainerLabelSource implements ContainerLabelSource {
  readonly #callTimeoutMs: number;

  constructor(
    private readonly docker: Docker = new Docker(),
    options: DockerodeContainerLabelSourceOptions = {},
  ) {
    this.#callTimeoutMs = options.callTimeoutMs ?? 10_000;
  }

  async byNames(names: readonly string[]): Promise<LabelledContainer[]> {
    if (names.length === 0) return [];
    const wanted = new Set(names);
    const signal = AbortSignal.timeout(this.#callTimeoutMs);
    let list: Docker.ContainerInfo[];
    try {
      list = await this.docker.listContainers({ all: true, abortSignal: signal });
    } catch (error) {
      throw new PhasegateError('PHASEGATE_PREREQUISITE_MISSING', `Docker list containers failed (bound ${this.#callTimeoutMs}ms): ${(error as Error).message}`, { cause: error, hint: 'check `docker info` and DOCKER_HOST' });
    }
    return list.flatMap((c) => {
      const name = c.Names.map((n) => n.replace(/^\//, '')).find((n) => wanted.has(n));
      return name === undefined ? [] : [{ name, labels: { ...(c.Labels ?? {}) } }];
    });
  }
}
