// Client of the fault-injection endpoint every reference twin serves (/__phasegate/faults).
import { PhasegateError } from '../common/errors.js';

export type Faults = Record<string, unknown>;

export class FaultClient {
  constructor(readonly service: string, private readonly baseUrl: string) {}

  get(): Promise<Faults> {
    return this.#call('GET');
  }

  /** Replaces every knob. */
  set(faults: Faults): Promise<Faults> {
    return this.#call('PUT', faults);
  }

  /** Merges knobs (`null` removes one). */
  merge(faults: Faults): Promise<Faults> {
    return this.#call('PATCH', faults);
  }

  clear(): Promise<Faults> {
    return this.#call('DELETE');
  }

  async #call(method: string, body?: Faults): Promise<Faults> {
    const url = `${this.baseUrl}/__phasegate/faults`;
    const res = await fetch(url, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}), signal: AbortSignal.timeout(5_000) });
    if (res.status !== 200) throw new PhasegateError('PHASEGATE_STACK_FAILED', `fault endpoint of ${this.service} (${url}) answered ${res.status} to ${method}`);
    return ((await res.json()) as { faults: Faults }).faults;
  }
}
