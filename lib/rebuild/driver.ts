// What the rebuild needs from Docker, per service. One real adapter: ComposeRebuildDriver.
import type { Readiness } from '../plans/resolve-plan.js';

/** How one driver call ended. Calls never throw for a failed step; they report it. */
export interface StepOutcome {
  readonly ok: boolean;
  /** One line when it failed (`build of data-api failed: exit 1`). */
  readonly message?: string;
  /** Attribution when it failed: build log tail, health log, container log tail. */
  readonly detail?: string;
}

export interface RebuildDriver {
  /** The image the service runs now (its container's image id; the reference's id when there is no container) and the reference compose builds into. */
  currentImage(service: string): Promise<{ readonly ref: string; readonly id: string | undefined }>;
  /** Tags an image id as `ref` (`repo:tag`). */
  tagImage(imageId: string, ref: string): Promise<void>;
  /** Removes a tag; the image stays when other tags or containers use it. No error when it is gone. */
  untagImage(ref: string): Promise<void>;
  /** Image id a reference points at, or undefined. */
  imageId(ref: string): Promise<string | undefined>;
  /** Builds the service's image without cache. */
  build(service: string, options: { readonly noCache: boolean }): Promise<StepOutcome>;
  /** Recreates the services' containers from their images in one call, without touching dependencies or volumes. */
  recreate(services: readonly string[]): Promise<StepOutcome>;
  /** Restarts the service's container. */
  restart(service: string): Promise<StepOutcome>;
  /** Waits, event- or poll-driven (never a fixed sleep), until the service is ready in the given sense. */
  waitReady(service: string, readiness: Readiness, options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<StepOutcome>;
}

/** Checked before every wave; a rebuild never starts a wave without a verified backup. */
export interface BackupGate {
  /** Shown in progress and in the report (`volume fingerprints + rollback tags`). */
  readonly name: string;
  verify(services: readonly string[]): Promise<StepOutcome>;
}
