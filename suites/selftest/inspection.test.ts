// Self-test of the project-inspection checks (RB-CL-SEC3): the twins run as the image's non-root `node` user, so the
// permissions check passes on the healthy stack; a container of the same compose project that runs as root, adds a
// capability and mounts the Docker socket must make it fail with each finding named. The fault is one extra,
// network-less container labelled into the project (nothing of the stack is recreated), removed after the test.
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { expectFails, securityPolicy, target } from '../_setup/gate.js';
import { checkTargetPermissions } from '../_setup/project-inspection.js';
import { composeProjectLabels } from './project-labels.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const PROBE_SERVICE = 'phasegate-selftest-root';
const PROBE_NAME = `${t.projectName}_${PROBE_SERVICE}_1`;

async function removeProbe(): Promise<void> {
  await execa('docker', ['rm', '-f', PROBE_NAME], { reject: false });
}

describe('self-test: the permissions check fails on a root, capable, socket-mounting container', () => {
  afterEach(removeProbe);

  it('RB-CL-SEC3 passes on the healthy stack: no service privileged, adding capabilities or running as root', async () => {
    const r = await checkTargetPermissions('RB-CL-SEC3', t, t.services, inspector, securityPolicy());
    expect(r.message).toMatch(/every service runs as a non-root user$/);
    expect(r.status).toBe('passed');
  });

  it('RB-CL-SEC3 fails on a project container running as root with NET_ADMIN and the Docker socket', async (ctx) => {
    await removeProbe();
    await execa('docker', [
      'run', '-d', '--name', PROBE_NAME, '--network', 'none', '--user', '0', '--cap-add', 'NET_ADMIN',
      '-v', '/var/run/docker.sock:/var/run/docker.sock:ro',
      ...composeProjectLabels(t.projectName, PROBE_SERVICE),
      'phasegate/nodebase:local', 'sleep', '120',
    ]);
    const r = await checkTargetPermissions('RB-CL-SEC3', t, [...t.services, PROBE_SERVICE], inspector, securityPolicy());
    expectFails(ctx, r, new RegExp(`${PROBE_SERVICE} adds capabilities NET_ADMIN outside the allowlist; ${PROBE_SERVICE} mounts the Docker socket \\(/var/run/docker\\.sock:/var/run/docker\\.sock:ro\\); 1 service\\(s\\) run as root: ${PROBE_SERVICE} \\(0\\)`));
    expect(r.message).not.toMatch(/data-api|influxdb \(/);
  });
});
