// The self-tests' fault knobs: set through each twin's control endpoint, remembered, and cleared after every test
// so one scenario never leaks into the next.
import { FaultClient } from '../../lib/stack/index.js';
import type { TargetDescription } from '../_setup/target.js';

export class FaultInjector {
  readonly #touched = new Set<string>();

  constructor(private readonly target: TargetDescription) {}

  /** Replaces the knobs of `service` with `knobs`. */
  async inject(service: string, knobs: Record<string, unknown>): Promise<void> {
    this.#touched.add(service);
    await this.#client(service).set(knobs);
  }

  /** Forget a service whose process is gone (a crash knob): its knobs died with it. */
  forget(service: string): void {
    this.#touched.delete(service);
  }

  /** Clears the knobs of every service touched since the last call (call it in afterEach). */
  async clearAll(): Promise<void> {
    for (const service of this.#touched) await this.#client(service).clear();
    this.#touched.clear();
  }

  #client(service: string): FaultClient {
    return new FaultClient(service, this.target.urls[service]!);
  }
}
