// Null object used when neither compose flavour is installed: every call fails with one clear line.
import { PrerequisiteError } from '../common/errors.js';
import type { ComposeClient, ComposePsResult, ComposeResult } from './compose-client.js';
import type { ComposeDriver } from './container-name.js';

/** The message every {@link MissingComposeClient} call throws. */
export const COMPOSE_MISSING_MESSAGE = 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed';
/** The fix shown as hint. */
export const COMPOSE_MISSING_HINT = 'install one: `apt-get install -y docker-compose` (v1) or the docker-compose-plugin package (v2); `phasegate doctor` checks it';

/** A {@link ComposeClient} for a machine without compose; every method rejects with a PrerequisiteError. */
export class MissingComposeClient implements ComposeClient {
  constructor(readonly projectName: string) {}

  #fail(): Promise<never> {
    return Promise.reject(new PrerequisiteError(COMPOSE_MISSING_MESSAGE, { hint: COMPOSE_MISSING_HINT }));
  }

  driver(): Promise<ComposeDriver> {
    return this.#fail();
  }
  build(): Promise<ComposeResult> {
    return this.#fail();
  }
  up(): Promise<ComposeResult> {
    return this.#fail();
  }
  down(): Promise<ComposeResult> {
    return this.#fail();
  }
  stop(): Promise<ComposeResult> {
    return this.#fail();
  }
  start(): Promise<ComposeResult> {
    return this.#fail();
  }
  restart(): Promise<ComposeResult> {
    return this.#fail();
  }
  ps(): Promise<ComposePsResult> {
    return this.#fail();
  }
}
