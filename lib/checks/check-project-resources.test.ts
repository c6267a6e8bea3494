import { describe, expect, it } from 'vitest';
import { container } from '../docker/fake-inspector.test-helper.js';
import type { VolumeMount } from '../inventory/types.js';
import { checkNetworksCreated, checkVolumesMounted, expectedNetworks } from './check-project-resources.js';

const label = (project: string) => ({ 'com.docker.compose.project': project });
const homeiqNet = { name: 'homeiq-network', external: false, dockerName: 'homeiq_homeiq-network' };

describe('checkNetworksCreated', () => {
  const services = [{ name: 'data-api', networkMode: null, networks: ['homeiq-network'] }, { name: 'influxdb', networkMode: null, networks: null }];

  it('should expect the declared networks the services join and the implicit default', () => {
    expect(expectedNetworks({ projectName: 'homeiq', services, declared: [homeiqNet] })).toEqual([
      { dockerName: 'homeiq_homeiq-network', external: false, usedBy: ['data-api'] },
      { dockerName: 'homeiq_default', external: false, usedBy: ['influxdb'] },
    ]);
  });

  it('should pass when every network exists with the project label', () => {
    const r = checkNetworksCreated([{ name: 'homeiq_homeiq-network', labels: label('homeiq') }, { name: 'homeiq_default', labels: label('homeiq') }], { criterionId: 'RB-CL-INF3', projectName: 'homeiq', services, declared: [homeiqNet] });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('2 network(s) exist with the project label: homeiq_homeiq-network (1 service(s)), homeiq_default (1 service(s))');
  });

  it('should fail on a missing network and on one of another project, and accept an external one without label', () => {
    const ext = { name: 'shared', external: true, dockerName: 'shared' };
    const r = checkNetworksCreated([{ name: 'homeiq_default', labels: label('other') }, { name: 'shared', labels: {} }], {
      criterionId: 'RB-CL-INF3', projectName: 'homeiq', declared: [homeiqNet, ext],
      services: [...services, { name: 'x', networkMode: null, networks: ['shared'] }],
    });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('network homeiq_homeiq-network (joined by data-api) does not exist; network homeiq_default exists but is labelled com.docker.compose.project=other, not homeiq: a leftover of another project. hint: run compose up for the project (it creates its networks); remove a stale network with docker network rm');
  });

  it('should say explicitly that nothing applies when every service uses network_mode host', () => {
    const r = checkNetworksCreated([], { criterionId: 'RB-CL-INF3', projectName: 'phasegate-ref', declared: [], services: [{ name: 'data-api', networkMode: 'host' }, { name: 'influxdb', networkMode: 'host' }] });
    expect(r.status).toBe('skipped');
    expect(r.message).toBe("not applicable: 0 network(s) declared and none joined; every service uses network_mode host, so there is no network to create (003's homeiq-network exists only with bridge networking)");
  });
});

describe('checkVolumesMounted', () => {
  const named = (source: string, target: string, readOnly = false): VolumeMount => ({ type: 'named', source, target, readOnly });
  const declared = [{ name: 'influxdb_data', external: false, dockerName: 'p_influxdb_data' }, { name: 'sqlite-data', external: false, dockerName: 'p_sqlite-data' }];
  const services = [
    { name: 'influxdb', volumes: [named('influxdb_data', '/var/lib/influxdb2')] },
    { name: 'admin-api', volumes: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true } as VolumeMount] },
    { name: 'jaeger', volumes: [] },
  ];
  const volumes = [{ name: 'p_influxdb_data', labels: label('p') }];
  const influx = container({ name: 'homeiq-influxdb', service: 'influxdb', mounts: [{ type: 'volume', name: 'p_influxdb_data', source: '/var/lib/docker/volumes/p_influxdb_data/_data', destination: '/var/lib/influxdb2', readOnly: false }] });
  const admin = (readOnly: boolean) => container({ name: 'homeiq-admin', service: 'admin-api', mounts: [{ type: 'bind', source: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly }] });

  it('should pass when every declared mount is in its container and the named volume exists with the label', () => {
    const r = checkVolumesMounted(volumes, [influx, admin(true)], { criterionId: 'RB-CL-INF4', projectName: 'p', services, declared });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('2 declared mount(s) of 2 service(s) present in their containers; 1 named volume(s) exist with the project label');
  });

  it('should fail on a missing mount, a missing volume and a read-only bind mounted read-write', () => {
    const bare = container({ name: 'homeiq-influxdb', service: 'influxdb', mounts: [] });
    const r = checkVolumesMounted([], [bare, admin(false)], { criterionId: 'RB-CL-INF4', projectName: 'p', services, declared });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^3 mount problem\(s\): volume p_influxdb_data does not exist; influxdb \(homeiq-influxdb\) does not mount named p_influxdb_data:\/var\/lib\/influxdb2; admin-api mounts \/var\/run\/docker.sock read-write where the compose file says read-only\. hint:/);
  });

  it('should fail when another volume sits at the declared path', () => {
    const wrong = container({ name: 'homeiq-influxdb', service: 'influxdb', mounts: [{ type: 'volume', name: 'old_influxdb_data', source: '/x', destination: '/var/lib/influxdb2', readOnly: false }] });
    expect(checkVolumesMounted(volumes, [wrong, admin(true)], { criterionId: 'RB-CL-INF4', projectName: 'p', services, declared }).message).toContain('influxdb mounts volume old_influxdb_data at /var/lib/influxdb2, not volume p_influxdb_data');
  });

  it('should be an error without the container and not applicable without any declared mount', () => {
    expect(checkVolumesMounted(volumes, [admin(true)], { criterionId: 'RB-CL-INF4', projectName: 'p', services, declared }).status).toBe('error');
    const none = checkVolumesMounted([], [], { criterionId: 'RB-CL-INF4', projectName: 'p', services: [{ name: 'jaeger', volumes: [] }], declared });
    expect(none.status).toBe('skipped');
    expect(none.message).toBe('not applicable: none of the 1 service(s) declares a volume or bind mount');
  });
});
