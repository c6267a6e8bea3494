// What the gate suites ask of the project as Docker runs it, compared with its compose files: ports exposed (TV-S4,
// RB-CL-SEC4), permissions (RB-CL-SEC3), networks (RB-CL-INF3) and volumes (RB-CL-INF4). Thin: the checks are in
// lib/checks, the compose reading in lib/inventory, the /proc reading in lib/probes.
import {
  checkExposedPorts, checkNetworksCreated, checkPermissions, checkVolumesMounted, observeContainerPorts, type CheckResult,
} from '../../lib/checks/index.js';
import type { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { expectedPorts } from '../../lib/inventory/index.js';
import type { SecurityPolicy, TargetDescription } from './target.js';
import { targetInventory } from './target-inventory.js';

/** TV-S4 / RB-CL-SEC4: every port the project's containers expose against their compose ports and the allowlist. */
export async function checkTargetPorts(criterionId: string, t: TargetDescription, inspector: DockerodeContainerInspector, policy: SecurityPolicy): Promise<CheckResult> {
  const inventory = targetInventory(t);
  const containers = (await inspector.listProject(t.projectName)).filter((c) => c.state === 'running');
  const expected = Object.fromEntries(containers.map((c) => {
    const spec = inventory.services.find((s) => s.name === c.service);
    const allowlist = policy.allowedPorts[c.service] ?? [];
    return [c.service, spec ? expectedPorts(spec, { allowlist, hostNetworkLoopback: policy.hostNetworkLoopback }) : allowlist.map((port) => ({ port, loopbackOnly: false, why: 'allowlist' }))];
  }));
  const observed = observeContainerPorts(containers);
  return checkExposedPorts(observed.ports, { criterionId, expected, containersRead: observed.containersRead, unreadable: observed.unreadable });
}

/** RB-CL-SEC3: privileges, capabilities, the Docker socket and the user of every target service. */
export async function checkTargetPermissions(criterionId: string, t: TargetDescription, services: readonly string[], inspector: DockerodeContainerInspector, policy: SecurityPolicy): Promise<CheckResult> {
  return checkPermissions(await inspector.listProject(t.projectName), { criterionId, services, allowedCapAdd: policy.allowedCapAdd, dockerSocketServices: policy.dockerSocketServices, rootUser: policy.rootUser });
}

/** RB-CL-INF3: the networks the target's services join exist with the project label (not applicable with network_mode host). */
export async function checkTargetNetworks(criterionId: string, t: TargetDescription, services: readonly string[], inspector: DockerodeContainerInspector): Promise<CheckResult> {
  const inventory = targetInventory(t);
  return checkNetworksCreated(await inspector.listNetworks(), { criterionId, projectName: t.projectName, declared: inventory.networks ?? [], services: inventory.services.filter((s) => services.includes(s.name)) });
}

/** RB-CL-INF4: every container mounts what its compose service declares; the named volumes exist with the project label. */
export async function checkTargetVolumes(criterionId: string, t: TargetDescription, services: readonly string[], inspector: DockerodeContainerInspector): Promise<CheckResult> {
  const inventory = targetInventory(t);
  const [volumes, containers] = await Promise.all([inspector.listVolumes(), inspector.listProject(t.projectName)]);
  return checkVolumesMounted(volumes, containers, { criterionId, projectName: t.projectName, declared: inventory.volumes, services: inventory.services.filter((s) => services.includes(s.name)) });
}
