// RebuildDriver over docker compose (v1 or v2, through ComposeClient) and the Docker API (ContainerInspector).
import { isPhasegateError } from '../common/errors.js';
import { composeSucceeded } from '../compose/compose-error.js';
import type { ComposeClient, ComposeResult } from '../compose/compose-client.js';
import { waitForHealthy } from '../docker/wait-healthy.js';
import type { ContainerInspector } from '../docker/container-inspector.js';
import type { Inventory } from '../inventory/types.js';
import type { Readiness } from '../plans/resolve-plan.js';
import type { RebuildDriver, StepOutcome } from './driver.js';

export interface ComposeRebuildDriverOptions {
  readonly compose: ComposeClient;
  readonly inspector: ContainerInspector;
  /** Service → container name and image reference, from the inventory (`homeiq-data-api`, `homeiq-data-api:reference`). */
  readonly services: ReadonlyMap<string, { readonly containerName: string; readonly imageRef: string }>;
  /** Extra `--build-arg`s per service (the reference stack's `BUILD_FAIL` / `START_FAULTS` knobs). @default none */
  readonly buildArgs?: (service: string) => Readonly<Record<string, string>> | undefined;
  /** Bound of one build, in ms. @default 600000 */
  readonly buildTimeoutMs?: number;
  /** Bound of one recreate or restart, in ms. @default 120000 */
  readonly upTimeoutMs?: number;
  /** Pause between two readiness polls, in ms. @default 250 */
  readonly pollIntervalMs?: number;
  /** How long a recreated container may stay unhealthy before it counts as failed (it may recover), in ms. @default 15000 */
  readonly unhealthyGraceMs?: number;
}

/**
 * Container name and image reference of each named service, from the inventory; a service without `image:` gets
 * compose's default reference (`<project>_<service>`). Services the inventory does not have are left out.
 */
export function rebuildTargets(inventory: Pick<Inventory, 'services'>, names: Iterable<string>, project: string): Map<string, { containerName: string; imageRef: string }> {
  const byName = new Map(inventory.services.map((s) => [s.name, s]));
  return new Map([...names].filter((n) => byName.has(n)).map((n) => [n, { containerName: byName.get(n)!.containerName, imageRef: byName.get(n)!.image ?? `${project}_${n}` }]));
}

export class ComposeRebuildDriver implements RebuildDriver {
  readonly #o: ComposeRebuildDriverOptions;

  constructor(options: ComposeRebuildDriverOptions) {
    this.#o = options;
  }

  async currentImage(service: string): Promise<{ ref: string; id: string | undefined }> {
    const { containerName, imageRef } = this.#spec(service);
    const container = await this.#o.inspector.inspect(containerName).catch(() => undefined);
    return { ref: imageRef, id: container?.imageId ?? (await this.#o.inspector.imageId(imageRef)) };
  }

  async tagImage(imageId: string, ref: string): Promise<void> {
    const at = ref.lastIndexOf(':');
    await this.#o.inspector.tagImage(imageId, ref.slice(0, at), ref.slice(at + 1));
  }

  untagImage(ref: string): Promise<void> {
    return this.#o.inspector.untagImage(ref);
  }

  imageId(ref: string): Promise<string | undefined> {
    return this.#o.inspector.imageId(ref);
  }

  async build(service: string, options: { readonly noCache: boolean }): Promise<StepOutcome> {
    const buildArgs = this.#o.buildArgs?.(service);
    const result = await this.#o.compose.build([service], { noCache: options.noCache, timeoutMs: this.#o.buildTimeoutMs ?? 600_000, ...(buildArgs ? { buildArgs } : {}) });
    return outcome(result, `build of ${service}`);
  }

  async recreate(services: readonly string[]): Promise<StepOutcome> {
    return outcome(await this.#o.compose.up(services, { noDeps: true, forceRecreate: true, timeoutMs: this.#o.upTimeoutMs ?? 120_000 }), `recreate of ${services.join(', ')}`);
  }

  async restart(service: string): Promise<StepOutcome> {
    return outcome(await this.#o.compose.restart([service], { timeoutMs: this.#o.upTimeoutMs ?? 120_000 }), `restart of ${service}`);
  }

  async waitReady(service: string, readiness: Readiness, options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<StepOutcome> {
    const { containerName } = this.#spec(service);
    try {
      if (readiness === 'completed') return await this.#waitCompleted(containerName, options);
      await waitForHealthy(this.#o.inspector, [containerName], {
        timeoutMs: options.timeoutMs,
        intervalMs: this.#o.pollIntervalMs ?? 250,
        unhealthyGraceMs: this.#o.unhealthyGraceMs ?? 15_000,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { ok: true };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `${service} not ${readiness}: ${firstLine(error)}`, detail: text };
    }
  }

  async #waitCompleted(containerName: string, options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<StepOutcome> {
    const deadline = performance.now() + options.timeoutMs;
    for (;;) {
      const c = await this.#o.inspector.inspect(containerName);
      if (c.state === 'exited') return c.exitCode === 0 ? { ok: true } : { ok: false, message: `${containerName} exited with code ${c.exitCode} (expected 0)` };
      if (performance.now() > deadline) return { ok: false, message: `${containerName} still ${c.state} after ${options.timeoutMs}ms (expected it to complete)` };
      if (options.signal?.aborted) return { ok: false, message: 'aborted' };
      await new Promise((r) => setTimeout(r, this.#o.pollIntervalMs ?? 250));
    }
  }

  #spec(service: string): { containerName: string; imageRef: string } {
    const spec = this.#o.services.get(service);
    if (!spec) throw new Error(`service "${service}" is not in the rebuild driver's inventory`);
    return spec;
  }
}

function firstLine(error: unknown): string {
  if (isPhasegateError(error)) return error.shortMessage;
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
}

function outcome(result: ComposeResult, what: string): StepOutcome {
  if (composeSucceeded(result)) return { ok: true };
  const why = result.timedOut ? `timed out after ${Math.round(result.durationMs)}ms` : `exit ${result.exitCode ?? 'unknown'}`;
  const tail = [result.stderrTail, result.stdoutTail].filter(Boolean).join('\n');
  const lastLines = tail.split('\n').filter((l) => l.trim()).slice(-3).join(' | ');
  return { ok: false, message: `${what} failed (${why}): ${lastLines || 'no output'}`, detail: `$ ${result.command}\n${tail}` };
}
