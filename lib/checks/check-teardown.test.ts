import { describe, expect, it } from 'vitest';
import { toDockerStateSnapshot } from '../rebuild/dockerode-docker-state-source.js';
import { globMatch, splitReference, type DockerStateSnapshot } from '../rebuild/teardown-state.js';
import { checkTeardown, leftoverImageTags } from './check-teardown.js';

const PRESERVED = ['influxdb_data', 'influxdb_config', 'sqlite-data', 'data_retention_backups'];
const vol = (v: string) => ({ name: `homeiq_${v}`, project: 'homeiq', composeVolume: v });

/** The state a correct Option A teardown leaves: only the data volumes and the kept backup tag. */
function clean(over: Partial<DockerStateSnapshot> = {}): DockerStateSnapshot {
  return {
    project: 'homeiq', takenAt: '2026-12-02T05:00:00Z', containers: [], danglingImages: 3, networks: [],
    images: [{ id: 'sha256:aaa', repoTags: ['homeiq-data-api:pre-rebuild'], project: 'homeiq', sizeBytes: 1 }],
    volumes: [...PRESERVED.map(vol), vol('homeiq_logs')],
    buildCache: { records: 40, bytes: 5e9, unusedRecords: 38, unusedBytes: 4e9 },
    ...over,
  };
}
const byId = (results: ReturnType<typeof checkTeardown>) => Object.fromEntries(results.map((r) => [r.criterionId, r]));

describe('checkTeardown (RB-TD-1..7)', () => {
  it('should pass a clean Option A teardown, keep the backup tag and skip the host-wide prune by choice', () => {
    const r = byId(checkTeardown(clean(), { preservedVolumes: PRESERVED, requiredTags: ['homeiq-data-api:pre-rebuild'] }));
    expect(Object.fromEntries(Object.entries(r).map(([id, x]) => [id, x.status]))).toEqual({
      'RB-TD-1': 'passed', 'RB-TD-2': 'passed', 'RB-TD-3': 'passed', 'RB-TD-4': 'passed', 'RB-TD-5': 'passed', 'RB-TD-6': 'skipped', 'RB-TD-7': 'passed',
    });
    expect(r['RB-TD-3']!.message).toBe('compose project homeiq: no image tag left; kept 1 backup tag(s): homeiq-data-api:pre-rebuild (dangling images not judged: host-wide prune skipped by choice D6.11)');
    expect(r['RB-TD-6']!.message).toMatch(/^not done by choice \(D6.11 skip\): .* \(38 unused record\(s\), 4000000000 bytes left\)$/);
  });

  it('should name a running and a stopped leftover container', () => {
    const containers = [
      { id: 'c1', name: 'homeiq-admin', service: 'admin-api', state: 'running', image: 'homeiq-admin-api' },
      { id: 'c2', name: 'ai-pattern-service', service: 'ai-pattern-service', state: 'exited', image: 'x' },
    ];
    const r = byId(checkTeardown(clean({ containers }), { preservedVolumes: PRESERVED }));
    expect(r['RB-TD-1']!.status).toBe('failed');
    expect(r['RB-TD-1']!.message).toMatch(/^compose project homeiq: 1 container\(s\) still running after `down --timeout 30`: homeiq-admin \(running\)\. hint: /);
    expect(r['RB-TD-2']!.message).toBe('compose project homeiq: 2 container(s) left: homeiq-admin (running), ai-pattern-service (exited). hint: docker rm -f by the project label, not by name (D4.3)');
    expect(r['RB-TD-7']!.status).toBe('failed');
    expect(r['RB-TD-7']!.message).toMatch(/RB-TD-1: 1 container\(s\) still running .*; RB-TD-2: 2 container\(s\) left/);
  });

  it('should fail leftover image tags and a deleted backup tag (the plan\'s rmi -f, D7.2)', () => {
    const images = [{ id: 'sha256:bbb', repoTags: ['homeiq-websocket-ingestion:latest'], project: null, sizeBytes: 1 }];
    const r = byId(checkTeardown(clean({ images }), { preservedVolumes: PRESERVED, requiredTags: ['homeiq-data-api:pre-rebuild'] }));
    expect(r['RB-TD-3']!.status).toBe('failed');
    expect(r['RB-TD-3']!.message).toBe('compose project homeiq: 1 image tag(s) left: homeiq-websocket-ingestion:latest; backup tag(s) gone: homeiq-data-api:pre-rebuild (the rollback anchor, D7.2). hint: `rmi -f <image id>` removes every tag of the image; remove by repo:tag instead');
  });

  it('should count a pre-rebuild tag as a leftover under plan-rmi-all (keepTags: [])', () => {
    expect(leftoverImageTags(clean(), { keepTags: [] })).toEqual(['homeiq-data-api:pre-rebuild']);
    expect(byId(checkTeardown(clean(), { keepTags: [], preservedVolumes: PRESERVED }))['RB-TD-3']!.status).toBe('failed');
  });

  it('should name a missing preserved volume with its docker name', () => {
    const r = byId(checkTeardown(clean({ volumes: [vol('influxdb_config'), vol('data_retention_backups')] }), { preservedVolumes: PRESERVED }));
    expect(r['RB-TD-4']!.status).toBe('failed');
    expect(r['RB-TD-4']!.message).toMatch(/^compose project homeiq: preserved volume\(s\) missing after the teardown: influxdb_data \(homeiq_influxdb_data\), sqlite-data \(homeiq_sqlite-data\); present: influxdb_config, data_retention_backups\. hint:/);
    expect(r['RB-TD-7']!.status).toBe('failed');
  });

  it('should require every volume gone under Option B', () => {
    expect(byId(checkTeardown(clean(), { volumePolicy: 'remove-all' }))['RB-TD-4']!.message).toMatch(/^compose project homeiq: 5 volume\(s\) left under Option B: homeiq_influxdb_data/);
    expect(byId(checkTeardown(clean({ volumes: [] }), { volumePolicy: 'remove-all' }))['RB-TD-4']!.status).toBe('passed');
  });

  it('should name leftover networks', () => {
    const r = byId(checkTeardown(clean({ networks: [{ id: 'n1', name: 'homeiq-network', project: null }] }), { preservedVolumes: PRESERVED }));
    expect(r['RB-TD-5']!.message).toMatch(/^compose project homeiq: 1 network\(s\) left: homeiq-network\. hint:/);
  });

  it('should judge the build cache and dangling images only with hostPrunes all-host', () => {
    const left = byId(checkTeardown(clean(), { preservedVolumes: PRESERVED, hostPrunes: 'all-host' }));
    expect(left['RB-TD-6']!.message).toBe('host build cache still has 38 unused record(s) (4000000000 bytes) after the teardown. hint: docker builder prune -a -f');
    expect(left['RB-TD-3']!.message).toMatch(/3 dangling image\(s\) on the host \(hostPrunes all-host\)/);
    expect(left['RB-TD-7']!.status).toBe('failed');
    const pruned = byId(checkTeardown(clean({ danglingImages: 0, buildCache: { records: 2, bytes: 10, unusedRecords: 0, unusedBytes: 0 } }), { preservedVolumes: PRESERVED, hostPrunes: 'all-host' }));
    expect([pruned['RB-TD-3']!.status, pruned['RB-TD-6']!.status]).toEqual(['passed', 'passed']);
    expect(byId(checkTeardown(clean({ buildCache: null }), { hostPrunes: 'all-host', preservedVolumes: PRESERVED }))['RB-TD-6']!.status).toBe('error');
  });
});

describe('toDockerStateSnapshot (the dockerode adapter\'s mapping)', () => {
  it('should keep only the project\'s containers, networks and volumes, and images by pattern or label', () => {
    const s = toDockerStateSnapshot({
      containers: [
        { Id: 'c1', Names: ['/homeiq-admin'], Image: 'homeiq-admin-api', State: 'exited', Labels: { 'com.docker.compose.project': 'homeiq', 'com.docker.compose.service': 'admin-api' } },
        { Id: 'c2', Names: ['/homeiq-lookalike'], Image: 'x', State: 'running', Labels: { 'com.docker.compose.project': 'other' } },
      ],
      images: [
        { Id: 'i1', RepoTags: ['homeiq-data-api:latest', 'homeiq-data-api:pre-rebuild'], Size: 10 },
        { Id: 'i2', RepoTags: ['myapp:1'], Labels: { 'com.docker.compose.project': 'homeiq' }, Size: 5 },
        { Id: 'i3', RepoTags: ['postgres:16'], Size: 5 },
        { Id: 'i4', RepoTags: ['<none>:<none>'], Size: 1 },
        { Id: 'i5', RepoTags: null, Size: 1 },
      ],
      networks: [{ Id: 'n1', Name: 'homeiq-network', Labels: null }, { Id: 'n2', Name: 'homeiq_default', Labels: { 'com.docker.compose.project': 'homeiq' } }, { Id: 'n3', Name: 'bridge' }],
      volumes: [{ Name: 'homeiq_influxdb_data', Labels: { 'com.docker.compose.project': 'homeiq', 'com.docker.compose.volume': 'influxdb_data' } }, { Name: 'homeiq_sqlite-data', Labels: null }, { Name: 'other_data', Labels: {} }],
      df: { BuildCache: [{ Size: 100, InUse: false }, { Size: 50, InUse: true }] },
    }, { project: 'homeiq', networkNames: ['homeiq-network', 'homeiq-network-dev'] }, 't');
    expect(s.containers).toEqual([{ id: 'c1', name: 'homeiq-admin', service: 'admin-api', state: 'exited', image: 'homeiq-admin-api' }]);
    expect(s.images.map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(s.danglingImages).toBe(2);
    expect(s.networks.map((n) => n.name)).toEqual(['homeiq-network', 'homeiq_default']);
    expect(s.volumes).toEqual([{ name: 'homeiq_influxdb_data', project: 'homeiq', composeVolume: 'influxdb_data' }, { name: 'homeiq_sqlite-data', project: null, composeVolume: 'sqlite-data' }]);
    expect(s.buildCache).toEqual({ records: 2, bytes: 150, unusedRecords: 1, unusedBytes: 100 });
    expect(toDockerStateSnapshot({ containers: [], images: [], networks: [], volumes: [], df: null }, { project: 'homeiq' }, 't').buildCache).toBeNull();
  });

  it('should match globs and split references with a registry port', () => {
    expect(globMatch('*homeiq*', 'ghcr.io/x/homeiq-data-api')).toBe(true);
    expect(globMatch('pre-rebuild*', 'pre-rebuild-20261202')).toBe(true);
    expect(globMatch('pre-rebuild*', 'latest')).toBe(false);
    expect(splitReference('localhost:5000/homeiq-x')).toEqual({ repository: 'localhost:5000/homeiq-x', tag: 'latest' });
    expect(splitReference('localhost:5000/homeiq-x:v1')).toEqual({ repository: 'localhost:5000/homeiq-x', tag: 'v1' });
  });
});
