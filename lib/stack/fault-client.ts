// Client of the fault-injection endpoint every reference twin serves (/__phasegate/faults on its own port).
import { PhasegateError } from '../common/errors.js';

/** Fault knobs of one twin (`{ latencyMs: 200, healthHttpStatus: 503 }`). */
export type Faults = Record<string, unknown>;

/** Options of {@link FaultClient}. */
export interface FaultClientOptions {
  /** Bound on one request, in milliseconds. @default 5000 */
  readonly timeoutMs?: number;
}

/** The path of the fault endpoint. */
export const FAULTS_PATH = '/__phasegate/faults';

/** Reads and changes the fault knobs of one twin over HTTP. */
export class FaultClient {
  readonly #timeoutMs: number;

  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    options: FaultClientOptions = {},
  ) {
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Current knobs. */
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

  /** Removes every knob. */
  clear(): Promise<Faults> {
    return this.#call('DELETE');
  }

  async #call(method: string, body?: Faults): Promise<Faults> {
    const url = `${this.baseUrl.replace(/\/$/, '')}${FAULTS_PATH}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}), signal: AbortSignal.timeout(this.#timeoutMs) });
      // Inside the bound: the signal also ends a body that never completes.
      text = await res.text();
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.#timeoutMs}ms` : String((error as { cause?: { code?: string } }).cause?.code ?? error);
      throw new PhasegateError('PHASEGATE_STACK_FAILED', `fault endpoint of ${this.service} (${method} ${url}) failed: ${reason}`, { cause: error, hint: `is ${this.service} running? \`phasegate stack status\`` });
    }
    if (res.status !== 200) {
      throw new PhasegateError('PHASEGATE_STACK_FAILED', `fault endpoint of ${this.service} (${method} ${url}) answered ${res.status}: ${text.slice(0, 300)}`, { hint: 'knobs must be a JSON object; see fixtures/reference/services/_shared/faults.ts' });
    }
    return (JSON.parse(text) as { faults: Faults }).faults;
  }
}
