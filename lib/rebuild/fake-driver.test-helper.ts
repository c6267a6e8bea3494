// An in-memory Docker for rebuild tests: images by reference, containers by service, tags, builds that make new
// image ids, and knobs for failing builds, unhealthy new images and aborts at a chosen call.
import type { Readiness } from '../plans/resolve-plan.js';
import type { RebuildDriver, StepOutcome } from './driver.js';

export class FakeRebuildDriver implements RebuildDriver {
  /** Image reference → image id. */
  readonly images = new Map<string, string>();
  /** Service → image id its container runs. */
  readonly containers = new Map<string, string>();
  /** Every call, in order (`build data-api`). */
  readonly calls: string[] = [];
  /** Services whose build fails. */
  readonly failBuild = new Set<string>();
  /** Services whose newly built images never become ready. */
  readonly unhealthyNewImage = new Set<string>();
  /** Image ids that are not ready (built by an `unhealthyNewImage` service). */
  readonly #badImages = new Set<string>();
  #builds = 0;
  /** Called before every call with its index; lets a test abort at call N. */
  onCall: (index: number, call: string) => void = () => {};

  constructor(services: readonly string[]) {
    for (const s of services) {
      const id = `sha256:${s}-v0`;
      this.images.set(this.refOf(s), id);
      this.containers.set(s, id);
    }
  }

  refOf(service: string): string {
    return `homeiq-${service}:reference`;
  }

  /** Tags whose name contains `pre-rebuild-`. */
  backupTags(): string[] {
    return [...this.images.keys()].filter((r) => r.includes(':pre-rebuild-')).sort();
  }

  #record(call: string): void {
    this.onCall(this.calls.length, call);
    this.calls.push(call);
  }

  async currentImage(service: string): Promise<{ ref: string; id: string | undefined }> {
    this.#record(`current ${service}`);
    return { ref: this.refOf(service), id: this.containers.get(service) ?? this.images.get(this.refOf(service)) };
  }

  async tagImage(imageId: string, ref: string): Promise<void> {
    this.#record(`tag ${ref}`);
    this.images.set(ref, imageId);
  }

  async untagImage(ref: string): Promise<void> {
    this.#record(`untag ${ref}`);
    this.images.delete(ref);
  }

  async imageId(ref: string): Promise<string | undefined> {
    return this.images.get(ref);
  }

  async build(service: string): Promise<StepOutcome> {
    this.#record(`build ${service}`);
    if (this.failBuild.has(service)) return { ok: false, message: `build of ${service} failed (exit 1): RUN exit 1`, detail: 'Step 3/6 : RUN false\nexit 1' };
    this.#builds += 1;
    const id = `sha256:${service}-b${this.#builds}`;
    if (this.unhealthyNewImage.has(service)) this.#badImages.add(id);
    this.images.set(this.refOf(service), id);
    return { ok: true };
  }

  async recreate(services: readonly string[]): Promise<StepOutcome> {
    this.#record(`recreate ${services.join(' ')}`);
    for (const service of services) this.containers.set(service, this.images.get(this.refOf(service))!);
    return { ok: true };
  }

  async restart(service: string): Promise<StepOutcome> {
    this.#record(`restart ${service}`);
    return { ok: true };
  }

  async waitReady(service: string, _readiness: Readiness, options: { signal?: AbortSignal }): Promise<StepOutcome> {
    this.#record(`ready ${service}`);
    if (options.signal?.aborted) return { ok: false, message: 'aborted' };
    const id = this.containers.get(service)!;
    return this.#badImages.has(id) ? { ok: false, message: `${service} not healthy: is unhealthy`, detail: 'last healthcheck: exit 1: HTTP 503' } : { ok: true };
  }
}
