// P1-DOC6 "Images tagged `phase1-complete`" (002 L818): after a Phase 1 gate without a failed check, the image each
// rebuilt service runs gets `<repo>:phase1-complete`, then every tag is resolved again and compared with the image
// id of the running container. Pure over an ImageTagger (the Docker adapter implements it: DockerodeContainerInspector).
import type { ContainerState } from '../docker/container-inspector.js';

/** The image operations tagging needs (a subset of ContainerInspector). */
export interface ImageTagger {
  /** Tags `imageIdOrRef` as `repo:tag`. */
  tagImage(imageIdOrRef: string, repo: string, tag: string): Promise<void>;
  /** The image id of a reference, or undefined when there is none. */
  imageId(ref: string): Promise<string | undefined>;
}

/** One rebuilt service after tagging and verification. */
export interface PhaseTagOutcome {
  readonly service: string;
  /** `homeiq-data-api:phase1-complete`, or undefined when no repository could be named. */
  readonly ref?: string;
  /** Image id the running container uses. */
  readonly runningImageId?: string;
  /** Image id the tag resolves to after tagging. */
  readonly taggedImageId?: string;
  /** Why the service could not be tagged or verified. */
  readonly error?: string;
}

/** `homeiq-data-api` from `homeiq-data-api:reference`, `reg:5000/x` from `reg:5000/x:1@sha256:…`; undefined for a bare image id. Pure. */
export function repositoryOf(imageRef: string | undefined): string | undefined {
  if (!imageRef || /^(sha256:)?[0-9a-f]{64}$/.test(imageRef)) return undefined;
  const noDigest = imageRef.split('@', 1)[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
}

/**
 * Tags the running image of each service `<repo>:<tag>` and reads every tag back. Never throws: a Docker error is
 * that service's `error`.
 */
export async function tagAndVerify(containers: readonly Pick<ContainerState, 'service' | 'imageId' | 'image'>[], services: readonly string[], tagger: ImageTagger, tag: string): Promise<PhaseTagOutcome[]> {
  const out: PhaseTagOutcome[] = [];
  for (const service of services) {
    const c = containers.find((x) => x.service === service);
    if (!c) {
      out.push({ service, error: 'no container of this service runs' });
      continue;
    }
    const repo = repositoryOf(c.image);
    if (!repo) {
      out.push({ service, runningImageId: c.imageId, error: `its image reference ${JSON.stringify(c.image ?? null)} names no repository to tag` });
      continue;
    }
    const ref = `${repo}:${tag}`;
    try {
      await tagger.tagImage(c.imageId, repo, tag);
      const taggedImageId = await tagger.imageId(ref);
      out.push({ service, ref, runningImageId: c.imageId, ...(taggedImageId ? { taggedImageId } : { error: `${ref} does not resolve after tagging` }) });
    } catch (error) {
      out.push({ service, ref, runningImageId: c.imageId, error: error instanceof Error ? error.message.split('\n', 1)[0]! : String(error) });
    }
  }
  return out;
}
