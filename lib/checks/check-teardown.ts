// 003 teardown criteria RB-TD-1..7 judged on one DockerStateSnapshot (pure): what is left of the project, which
// preserved volume is missing, and whether the backup tags phasegate keeps (D7.2) survived. A failure names every
// leftover container, image tag, network and the missing volume.
import { globMatch, splitReference, type DockerStateSnapshot } from '../rebuild/teardown-state.js';
import type { CheckResult } from './check-result.js';

/** What the teardown must have left behind. */
export interface TeardownExpectations {
  /** Image repository glob 003 removes (RB-TD-3). @default '*homeiq*' */
  readonly imagePattern?: string;
  /**
   * Tag globs the teardown keeps (D7.2 `keep-backup-tags`); `[]` with `plan-rmi-all`. A kept tag is not a leftover.
   * @default ['pre-rebuild*']
   */
  readonly keepTags?: readonly string[];
  /** `repo:tag` references that must still exist afterwards (the backup tags recorded before the teardown). @default [] */
  readonly requiredTags?: readonly string[];
  /** `preserve`: Option A, the listed volumes must exist; `remove-all`: Option B, no project volume may remain. @default 'preserve' */
  readonly volumePolicy?: 'preserve' | 'remove-all';
  /** Compose volume names Option A keeps (RB-TD-4). @default [] */
  readonly preservedVolumes?: readonly string[];
  /** D6.11: `skip` leaves the build cache and dangling images alone (RB-TD-6 skipped); `all-host` requires them gone. @default 'skip' */
  readonly hostPrunes?: 'skip' | 'all-host';
}

const ACTIVE = new Set(['running', 'restarting', 'paused']);
const list = (items: readonly string[], max = 8) => `${items.slice(0, max).join(', ')}${items.length > max ? ` (+${items.length - max} more)` : ''}`;

/** The image tags of the snapshot the teardown should have removed (kept tags excluded). */
export function leftoverImageTags(snapshot: DockerStateSnapshot, expectations: TeardownExpectations = {}): string[] {
  const pattern = expectations.imagePattern ?? '*homeiq*';
  const keep = expectations.keepTags ?? ['pre-rebuild*'];
  return snapshot.images.flatMap((image) => image.repoTags.filter((ref) => {
    const { repository, tag } = splitReference(ref);
    const inScope = globMatch(pattern, repository) || image.project === snapshot.project;
    return inScope && !keep.some((k) => globMatch(k, tag));
  }));
}

/** RB-TD-1..7 for one snapshot taken after the teardown. Never throws. */
export function checkTeardown(snapshot: DockerStateSnapshot, expectations: TeardownExpectations = {}): CheckResult[] {
  const at = `compose project ${snapshot.project}`;
  const policy = expectations.volumePolicy ?? 'preserve';
  const prunes = expectations.hostPrunes ?? 'skip';
  const results: CheckResult[] = [];

  const running = snapshot.containers.filter((c) => ACTIVE.has(c.state));
  results.push(running.length === 0
    ? { criterionId: 'RB-TD-1', title: 'no project container running after down', status: 'passed', measurement: 0, limit: '0 running', message: `${at}: no container running (${snapshot.containers.length} stopped left)` }
    : { criterionId: 'RB-TD-1', title: 'no project container running after down', status: 'failed', measurement: running.length, limit: '0 running', message: `${at}: ${running.length} container(s) still running after \`down --timeout 30\`: ${list(running.map((c) => `${c.name} (${c.state})`))}. hint: a container that ignores SIGTERM past the timeout is killed by down; one still running was not created by this project's compose file or was restarted by its policy` });

  results.push(snapshot.containers.length === 0
    ? { criterionId: 'RB-TD-2', title: 'every project container removed', status: 'passed', measurement: 0, limit: '0 containers (incl. stopped)', message: `${at}: no container left` }
    : { criterionId: 'RB-TD-2', title: 'every project container removed', status: 'failed', measurement: snapshot.containers.length, limit: '0 containers (incl. stopped)', message: `${at}: ${snapshot.containers.length} container(s) left: ${list(snapshot.containers.map((c) => `${c.name} (${c.state})`))}. hint: docker rm -f by the project label, not by name (D4.3)` });

  const leftover = leftoverImageTags(snapshot, expectations);
  const kept = snapshot.images.flatMap((i) => i.repoTags).filter((t) => !leftover.includes(t));
  const missingRequired = (expectations.requiredTags ?? []).filter((ref) => !snapshot.images.some((i) => i.repoTags.includes(ref)));
  const danglingProblem = prunes === 'all-host' && snapshot.danglingImages > 0;
  const imageProblems = [
    ...(leftover.length ? [`${leftover.length} image tag(s) left: ${list(leftover)}`] : []),
    ...(missingRequired.length ? [`backup tag(s) gone: ${list(missingRequired)} (the rollback anchor, D7.2)`] : []),
    ...(danglingProblem ? [`${snapshot.danglingImages} dangling image(s) on the host (hostPrunes all-host)`] : []),
  ];
  const keptNote = kept.length ? `; kept ${kept.length} backup tag(s): ${list(kept, 4)}` : '';
  const danglingNote = prunes === 'skip' ? ' (dangling images not judged: host-wide prune skipped by choice D6.11)' : '';
  results.push(imageProblems.length === 0
    ? { criterionId: 'RB-TD-3', title: `${expectations.imagePattern ?? '*homeiq*'} images removed`, status: 'passed', measurement: 0, limit: '0 image tags (kept backup tags excepted)', message: `${at}: no image tag left${keptNote}${danglingNote}` }
    : { criterionId: 'RB-TD-3', title: `${expectations.imagePattern ?? '*homeiq*'} images removed`, status: 'failed', measurement: leftover.length + missingRequired.length, limit: '0 image tags (kept backup tags excepted)', message: `${at}: ${imageProblems.join('; ')}${keptNote}. hint: ${missingRequired.length ? '`rmi -f <image id>` removes every tag of the image; remove by repo:tag instead' : 'docker rmi <repo:tag> for each leftover'}` });

  const present = new Set(snapshot.volumes.map((v) => v.composeVolume ?? v.name));
  const preserved = expectations.preservedVolumes ?? [];
  if (policy === 'preserve') {
    const missing = preserved.filter((v) => !present.has(v));
    results.push(missing.length === 0
      ? { criterionId: 'RB-TD-4', title: 'data volumes preserved (Option A)', status: preserved.length ? 'passed' : 'error', measurement: preserved.length, limit: `${preserved.length} volumes present`, message: preserved.length ? `${at}: all ${preserved.length} preserved volume(s) present: ${preserved.join(', ')}` : `${at}: no volume to preserve was given, nothing to judge` }
      : { criterionId: 'RB-TD-4', title: 'data volumes preserved (Option A)', status: 'failed', measurement: preserved.length - missing.length, limit: `${preserved.length} volumes present`, message: `${at}: preserved volume(s) missing after the teardown: ${missing.map((v) => `${v} (${snapshot.project}_${v})`).join(', ')}; present: ${list([...present]) || 'none'}. hint: the data is gone unless the Phase 1 backup exists; was \`down -v\` or Option B run?` });
  } else {
    results.push(snapshot.volumes.length === 0
      ? { criterionId: 'RB-TD-4', title: 'every project volume removed (Option B)', status: 'passed', measurement: 0, limit: '0 volumes', message: `${at}: no volume left (Option B)` }
      : { criterionId: 'RB-TD-4', title: 'every project volume removed (Option B)', status: 'failed', measurement: snapshot.volumes.length, limit: '0 volumes', message: `${at}: ${snapshot.volumes.length} volume(s) left under Option B: ${list(snapshot.volumes.map((v) => v.name))}` });
  }

  results.push(snapshot.networks.length === 0
    ? { criterionId: 'RB-TD-5', title: 'project networks removed', status: 'passed', measurement: 0, limit: '0 networks', message: `${at}: no project network left` }
    : { criterionId: 'RB-TD-5', title: 'project networks removed', status: 'failed', measurement: snapshot.networks.length, limit: '0 networks', message: `${at}: ${snapshot.networks.length} network(s) left: ${list(snapshot.networks.map((n) => n.name))}. hint: a network still attached to a container cannot be removed; remove the containers first` });

  const cache = snapshot.buildCache;
  if (prunes === 'skip') {
    results.push({ criterionId: 'RB-TD-6', title: 'build cache pruned', status: 'skipped', limit: 'no unused build cache record', measurement: cache?.unusedRecords ?? 'unknown', message: `not done by choice (D6.11 skip): \`docker builder prune -a -f\` would delete every project's build cache on the host; the build runs with --no-cache, so fresh layers do not depend on it${cache ? ` (${cache.unusedRecords} unused record(s), ${cache.unusedBytes} bytes left)` : ''}` });
  } else if (cache === null) {
    results.push({ criterionId: 'RB-TD-6', title: 'build cache pruned', status: 'error', limit: 'no unused build cache record', message: 'the daemon did not report its build cache (`docker system df`), so the prune cannot be judged' });
  } else {
    results.push(cache.unusedRecords === 0
      ? { criterionId: 'RB-TD-6', title: 'build cache pruned', status: 'passed', measurement: 0, limit: 'no unused build cache record', message: `host build cache: 0 unused record(s) (${cache.records} in use)` }
      : { criterionId: 'RB-TD-6', title: 'build cache pruned', status: 'failed', measurement: cache.unusedRecords, limit: 'no unused build cache record', message: `host build cache still has ${cache.unusedRecords} unused record(s) (${cache.unusedBytes} bytes) after the teardown. hint: docker builder prune -a -f` });
  }

  const failed = results.filter((r) => r.status === 'failed' && r.criterionId !== 'RB-TD-6');
  results.push(failed.length === 0
    ? { criterionId: 'RB-TD-7', title: 'final teardown verification', status: 'passed', measurement: 0, limit: 'no containers, images or networks; volumes only if preserved', message: `${at}: nothing left but ${policy === 'preserve' ? `the ${snapshot.volumes.length} preserved volume(s)` : 'nothing'}${keptNote}` }
    : { criterionId: 'RB-TD-7', title: 'final teardown verification', status: 'failed', measurement: failed.length, limit: 'no containers, images or networks; volumes only if preserved', message: `${at}: ${failed.map((r) => `${r.criterionId}: ${r.message.replace(`${at}: `, '').split('. hint:')[0]}`).join('; ')}` });
  return results;
}
