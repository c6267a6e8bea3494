import { describe, expect, it } from 'vitest';
import { repositoryOf, tagAndVerify, type ImageTagger } from '../rebuild/phase-tag.js';
import { checkPhaseTagged, phaseTagBlocker } from './check-phase-tag.js';

/** In-memory image store: ref → image id. */
class FakeTagger implements ImageTagger {
  readonly refs = new Map<string, string>();
  failTag?: string;
  lieAbout?: string;
  async tagImage(imageIdOrRef: string, repo: string, tag: string): Promise<void> {
    if (repo === this.failTag) throw new Error(`(HTTP code 404) no such image - ${imageIdOrRef}`);
    this.refs.set(`${repo}:${tag}`, this.refs.get(imageIdOrRef) ?? imageIdOrRef);
  }
  async imageId(ref: string): Promise<string | undefined> {
    return ref === this.lieAbout ? 'sha256:old' : this.refs.get(ref);
  }
}

const containers = [
  { service: 'data-api', imageId: 'sha256:d1', image: 'homeiq-data-api:reference' },
  { service: 'admin-api', imageId: 'sha256:a1', image: 'homeiq-admin-api:reference' },
];

describe('repositoryOf', () => {
  it('should strip the tag and digest, keep a registry port, and refuse a bare id', () => {
    expect(repositoryOf('homeiq-data-api:reference')).toBe('homeiq-data-api');
    expect(repositoryOf('reg:5000/homeiq/x:1.0@sha256:abc')).toBe('reg:5000/homeiq/x');
    expect(repositoryOf('influxdb')).toBe('influxdb');
    expect(repositoryOf(`sha256:${'a'.repeat(64)}`)).toBeUndefined();
  });
});

describe('tagAndVerify + checkPhaseTagged (P1-DOC6)', () => {
  it('should tag each rebuilt service\'s running image and pass when every tag resolves to it', async () => {
    const tagger = new FakeTagger();
    const outcomes = await tagAndVerify(containers, ['data-api', 'admin-api'], tagger, 'phase1-complete');
    expect([...tagger.refs]).toEqual([['homeiq-data-api:phase1-complete', 'sha256:d1'], ['homeiq-admin-api:phase1-complete', 'sha256:a1']]);
    const r = checkPhaseTagged(outcomes);
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/2 rebuilt service\(s\) tagged :phase1-complete/);
  });

  it('should fail when a tag resolves to another image than the running one', async () => {
    const tagger = new FakeTagger();
    tagger.lieAbout = 'homeiq-admin-api:phase1-complete';
    const r = checkPhaseTagged(await tagAndVerify(containers, ['data-api', 'admin-api'], tagger, 'phase1-complete'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/admin-api: homeiq-admin-api:phase1-complete is sha256:old but the container runs sha256:a1/);
  });

  it('should fail naming the Docker error, a missing container and an untaggable image', async () => {
    const tagger = new FakeTagger();
    tagger.failTag = 'homeiq-data-api';
    const r = checkPhaseTagged(await tagAndVerify([...containers, { service: 'x', imageId: 'sha256:x', image: `sha256:${'b'.repeat(64)}` }], ['data-api', 'ghost', 'x'], tagger, 'phase1-complete'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/data-api: \(HTTP code 404\) no such image/);
    expect(r.message).toMatch(/ghost: no container of this service runs/);
    expect(r.message).toMatch(/x: its image reference .* names no repository/);
  });

  it('should be an error with nothing to tag', () => {
    expect(checkPhaseTagged([]).status).toBe('error');
  });
});

describe('phaseTagBlocker (P1-DOC6: tag only after a complete phase)', () => {
  const passed = { criterionId: 'P1-DOC6', title: 't', status: 'passed' as const, message: '40 test(s) without a failure' };
  const on = { enabled: true, why: 'reference target' };

  it('should let a run without failures tag its rebuilt services', () => {
    expect(phaseTagBlocker(on, passed, ['data-api'])).toBeUndefined();
  });

  it('should fail (not tag) when another check failed', () => {
    const r = phaseTagBlocker(on, { ...passed, status: 'failed', message: '1 of 40 test(s) of this run failed: "P1-SC2: logs"' }, ['data-api']);
    expect(r?.status).toBe('failed');
    expect(r?.message).toMatch(/not tagged :phase1-complete: the phase is not complete — 1 of 40 test\(s\)/);
  });

  it('should not decide when tagging is off (live without the switch), nothing else ran or nothing was rebuilt', () => {
    expect(phaseTagBlocker({ enabled: false, why: 'live.tagPhaseComplete is false' }, passed, ['data-api'])?.message).toMatch(/not decided: .*live.tagPhaseComplete is false/);
    expect(phaseTagBlocker(on, { ...passed, status: 'skipped', message: 'no other test' }, ['data-api'])?.status).toBe('skipped');
    expect(phaseTagBlocker(on, passed, [])?.status).toBe('skipped');
  });
});
