// A running reference stack: service URLs, fault knobs, containers and teardown.
import { PhasegateError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import type { ComposeClient } from '../compose/compose-client.js';
import { composeOrThrow } from '../compose/compose-error.js';
import type { ContainerDetails, ContainerInspector } from '../docker/container-inspector.js';
import { servicePort, type ComposeServiceSpec } from './compose-file.js';
import { FaultClient } from './fault-client.js';

const log = createLogger('phasegate:stack');

/** Handle on a started (or attached) compose project of the reference stack. */
export class StartedReferenceStack implements AsyncDisposable {
  readonly #services: Readonly<Record<string, ComposeServiceSpec>>;
  readonly #env: Readonly<Record<string, string | undefined>>;

  constructor(
    /** Compose project name. */
    readonly projectName: string,
    readonly compose: ComposeClient,
    readonly inspector: ContainerInspector,
    services: Readonly<Record<string, ComposeServiceSpec>>,
    /** Variables used to interpolate ports (`${PORT:-8080}`). */
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.#services = services;
    this.#env = env;
  }

  /** `http://127.0.0.1:<port>` of a service, from its compose ports or PORT environment. */
  url(service: string): string {
    const spec = this.#services[service];
    if (!spec) throw new PhasegateError('PHASEGATE_STACK_FAILED', `reference service "${service}" is not in the compose file`, { hint: `known: ${Object.keys(this.#services).join(', ')}` });
    const port = servicePort(spec, this.#env);
    if (port === undefined) throw new PhasegateError('PHASEGATE_STACK_FAILED', `reference service "${service}" has no known port (no published port, no PORT/SIMULATOR_PORT environment)`);
    return `http://127.0.0.1:${port}`;
  }

  /** Every service that has a port, with its URL. */
  urls(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.#services).flatMap(([name, spec]) => {
        const port = servicePort(spec, this.#env);
        return port === undefined ? [] : [[name, `http://127.0.0.1:${port}`]];
      }),
    );
  }

  /** The fault knobs of a service. */
  faults(service: string): FaultClient {
    return new FaultClient(service, this.url(service));
  }

  /** Every container of the project with state and health. */
  containers(): Promise<ContainerDetails[]> {
    return this.inspector.listProject(this.projectName);
  }

  /** `down -v --remove-orphans`; throws a ComposeError when it fails. */
  async down(): Promise<void> {
    log(`downing project ${this.projectName}`);
    await composeOrThrow(this.compose.down({ volumes: true, removeOrphans: true, timeoutMs: 180_000 }));
    log(`downed project ${this.projectName}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }
}
