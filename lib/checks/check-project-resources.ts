// INFRA_CHECK "networks created" (RB-CL-INF3, 003 L988) and "volumes mounted" (RB-CL-INF4, 003 L989): what the
// compose file declares, compared with what Docker has. A network or volume of the project must exist and carry the
// label `com.docker.compose.project=<project>` (an external one only has to exist); every container must mount what
// its compose service declares (inspect `Mounts` against lib/inventory's volumes). Pure.
import type { ContainerDetails } from '../docker/container-inspector.js';
import type { NetworkSpec, ServiceSpec, VolumeSpec } from '../inventory/types.js';
import type { CheckResult, Evidence } from './check-result.js';

/** A network or volume as Docker lists it. */
export interface DockerResourceView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const PROJECT_LABEL = 'com.docker.compose.project';
/** network_mode values that join no compose network. */
const OWN_NETWORK_MODE = /^(host|none|service:|container:)/;

/** What {@link checkNetworksCreated} needs of the compose project. */
export interface NetworksCheck {
  readonly criterionId: string;
  readonly projectName: string;
  /** The services the target runs (their networks must exist). */
  readonly services: readonly Pick<ServiceSpec, 'name' | 'networkMode' | 'networks'>[];
  /** Top-level networks of the compose file. */
  readonly declared: readonly NetworkSpec[];
}

/** The Docker names of the networks the services join: declared ones they name, `<project>_default` for the others. */
export function expectedNetworks(check: Pick<NetworksCheck, 'projectName' | 'services' | 'declared'>): Array<{ readonly dockerName: string; readonly external: boolean; readonly usedBy: string[] }> {
  const out = new Map<string, { dockerName: string; external: boolean; usedBy: string[] }>();
  const use = (name: string, service: string) => {
    const spec = check.declared.find((n) => n.name === name);
    const dockerName = spec?.dockerName ?? `${check.projectName}_${name}`;
    const entry = out.get(dockerName) ?? { dockerName, external: spec?.external ?? false, usedBy: [] };
    entry.usedBy.push(service);
    out.set(dockerName, entry);
  };
  for (const s of check.services) {
    if (s.networkMode && OWN_NETWORK_MODE.test(s.networkMode)) continue;
    const names = s.networks && s.networks.length > 0 ? s.networks : ['default'];
    for (const n of names) use(n, s.name);
  }
  return [...out.values()];
}

/**
 * Every network the target's services join exists (with the project label unless external). When no service joins
 * one (all `network_mode: host`), the criterion does not apply: the result is `skipped` and says so — a pass would
 * claim a network was verified.
 */
export function checkNetworksCreated(existing: readonly DockerResourceView[], check: NetworksCheck): CheckResult {
  const expected = expectedNetworks(check);
  const base = { criterionId: check.criterionId, title: 'compose networks created', limit: `every network the services join exists with label ${PROJECT_LABEL}=${check.projectName}` };
  const modes = [...new Set(check.services.map((s) => s.networkMode ?? 'default'))];
  const evidence: Evidence[] = [
    { label: 'networks declared', value: check.declared.map((n) => `${n.name} → ${n.dockerName}${n.external ? ' (external)' : ''}`).join('\n') || 'none' },
    { label: 'network modes of the services', value: modes.join(', ') || 'none' },
  ];
  if (expected.length === 0) {
    const why = check.services.length === 0 ? 'the target runs no service' : `every service uses network_mode ${modes.join('/')}`;
    return { ...base, status: 'skipped', measurement: 0, evidence, message: `not applicable: ${check.declared.length} network(s) declared and none joined; ${why}, so there is no network to create (003's homeiq-network exists only with bridge networking)` };
  }
  const problems: string[] = [];
  for (const n of expected) {
    const found = existing.find((e) => e.name === n.dockerName);
    if (!found) problems.push(`network ${n.dockerName} (joined by ${n.usedBy.join(', ')}) does not exist`);
    else if (!n.external && found.labels[PROJECT_LABEL] !== check.projectName) problems.push(`network ${n.dockerName} exists but is labelled ${PROJECT_LABEL}=${found.labels[PROJECT_LABEL] ?? '(none)'}, not ${check.projectName}: a leftover of another project`);
  }
  evidence.push({ label: 'networks expected', value: expected.map((n) => `${n.dockerName}: ${n.usedBy.join(', ')}`).join('\n') });
  if (problems.length > 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.join('; ')}. hint: run compose up for the project (it creates its networks); remove a stale network with docker network rm` };
  }
  return { ...base, status: 'passed', measurement: expected.length, evidence, message: `${expected.length} network(s) exist with the project label: ${expected.map((n) => `${n.dockerName} (${n.usedBy.length} service(s))`).join(', ')}` };
}

/** What {@link checkVolumesMounted} needs of the compose project. */
export interface VolumesCheck {
  readonly criterionId: string;
  readonly projectName: string;
  /** The services the target runs, with their compose mounts. */
  readonly services: readonly Pick<ServiceSpec, 'name' | 'volumes'>[];
  /** Top-level named volumes. */
  readonly declared: readonly VolumeSpec[];
}

/**
 * Every named volume the target's services mount exists (project label unless external), and every container mounts
 * each named, bind and anonymous volume its compose service declares at that path, read-only where declared.
 */
export function checkVolumesMounted(existing: readonly DockerResourceView[], containers: readonly ContainerDetails[], check: VolumesCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: 'compose volumes mounted', limit: 'every declared named/bind/anonymous mount present in the container (inspect Mounts)' };
  const problems: string[] = [];
  const missingContainers: string[] = [];
  const rows: string[] = [];
  let judged = 0;
  const checkedVolumes = new Set<string>();
  for (const service of check.services) {
    const mounts = service.volumes.filter((v) => v.type === 'named' || v.type === 'bind' || v.type === 'anonymous');
    if (mounts.length === 0) continue;
    const c = containers.find((x) => x.service === service.name);
    if (!c) {
      missingContainers.push(service.name);
      continue;
    }
    for (const m of mounts) {
      judged += 1;
      const volume = m.type === 'named' ? check.declared.find((v) => v.name === m.source) : undefined;
      const dockerName = volume?.dockerName ?? (m.type === 'named' ? `${check.projectName}_${m.source}` : undefined);
      if (dockerName && !checkedVolumes.has(dockerName)) {
        checkedVolumes.add(dockerName);
        const found = existing.find((e) => e.name === dockerName);
        if (!found) problems.push(`volume ${dockerName} does not exist`);
        else if (!volume?.external && found.labels[PROJECT_LABEL] !== check.projectName) problems.push(`volume ${dockerName} is labelled ${PROJECT_LABEL}=${found.labels[PROJECT_LABEL] ?? '(none)'}, not ${check.projectName}`);
      }
      const actual = (c.mounts ?? []).find((x) => x.destination === m.target);
      const want = `${m.type} ${dockerName ?? m.source ?? '(anonymous)'}:${m.target}${m.readOnly ? ':ro' : ''}`;
      if (!actual) {
        problems.push(`${service.name} (${c.name}) does not mount ${want}`);
      } else if (m.type === 'named' && (actual.type !== 'volume' || actual.name !== dockerName)) {
        problems.push(`${service.name} mounts ${actual.type} ${actual.name ?? actual.source} at ${m.target}, not volume ${dockerName}`);
      } else if (m.type === 'bind' && (actual.type !== 'bind' || (m.source !== null && actual.source !== m.source))) {
        problems.push(`${service.name} mounts ${actual.type} ${actual.source} at ${m.target}, not the bind ${m.source}`);
      } else if (m.readOnly && !actual.readOnly) {
        problems.push(`${service.name} mounts ${m.target} read-write where the compose file says read-only`);
      }
      rows.push(`${service.name}: ${want}${actual ? ` ← ${actual.type} ${actual.name ?? actual.source}${actual.readOnly ? ' (ro)' : ''}` : ' ← missing'}`);
    }
  }
  const evidence: Evidence[] = [{ label: 'mounts (declared ← found)', value: rows.join('\n') || 'none' }];
  if (problems.length > 0) {
    return { ...base, status: 'failed', measurement: problems.length, evidence, message: `${problems.length} mount problem(s): ${problems.join('; ')}. hint: the container was created from another compose definition or the volume was removed; recreate it with compose up -d --force-recreate <service>` };
  }
  if (missingContainers.length > 0) {
    return { ...base, status: 'error', evidence, message: `could not judge the mounts of ${missingContainers.join(', ')}: no container found. hint: is the project up? docker ps -a` };
  }
  if (judged === 0) {
    return { ...base, status: 'skipped', measurement: 0, evidence, message: `not applicable: none of the ${check.services.length} service(s) declares a volume or bind mount` };
  }
  const services = new Set(rows.map((r) => r.split(':')[0])).size;
  return { ...base, status: 'passed', measurement: judged, evidence, message: `${judged} declared mount(s) of ${services} service(s) present in their containers; ${checkedVolumes.size} named volume(s) exist with the project label` };
}
