import { describe, expect, it } from 'vitest';
import { container } from '../docker/fake-inspector.test-helper.js';
import { checkPermissions, isRootUser } from './check-permissions.js';

const secure = (service: string, user = 'node') => container({ name: `homeiq-${service}`, service, security: { privileged: false, capAdd: [], user }, mounts: [] });
const socket = { type: 'bind', source: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly: true };

describe('isRootUser', () => {
  it('should count the image default, uid 0 and root as root, with or without a group', () => {
    expect(['', '0', 'root', '0:0', 'root:root', ' 0 '].every(isRootUser)).toBe(true);
    expect(['node', '1000', '1000:0', 'app:root'].some(isRootUser)).toBe(false);
  });
});

describe('checkPermissions', () => {
  it('should pass non-root, unprivileged services and the allowlisted socket user', () => {
    const admin = container({ name: 'homeiq-admin', service: 'admin-api', security: { privileged: false, capAdd: ['NET_BIND_SERVICE'], user: '1000' }, mounts: [socket] });
    const r = checkPermissions([secure('data-api'), admin], { criterionId: 'RB-CL-SEC3', services: ['data-api', 'admin-api'], allowedCapAdd: ['net_bind_service'], dockerSocketServices: ['admin-api'] });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('2 service(s): none privileged, no capability outside the allowlist, the Docker socket only in admin-api; every service runs as a non-root user');
    expect(r.evidence?.[0]?.value).toBe('data-api: user node; privileged false; cap_add none; docker.sock no\nadmin-api: user 1000; privileged false; cap_add NET_BIND_SERVICE; docker.sock mounted');
  });

  it('should fail on privileged, extra capabilities and an unexpected Docker socket mount', () => {
    const bad = container({ name: 'homeiq-x', service: 'x', security: { privileged: true, capAdd: ['SYS_ADMIN'], user: 'node' }, mounts: [socket] });
    const r = checkPermissions([bad], { criterionId: 'RB-CL-SEC3', services: ['x'] });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('x (homeiq-x) runs privileged; x adds capabilities SYS_ADMIN outside the allowlist; x mounts the Docker socket (/var/run/docker.sock:/var/run/docker.sock:ro). hint: drop privileged/cap_add, remove the socket bind mount or allow the service in security.dockerSocketServices, and set a USER in the Dockerfile (or compose user:)');
  });

  it('should fail on a root user by default (criteria.md) and name the switch', () => {
    const r = checkPermissions([secure('data-api', '0'), secure('influxdb', '')], { criterionId: 'RB-CL-SEC3', services: ['data-api', 'influxdb'] });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^2 service\(s\) run as root: data-api \(0\), influxdb \(image default \(root\)\) \(criteria\.md asks for a non-root User; security\.rootUser 'report' follows 003, which rates it MINOR\)/);
  });

  it("should only report a root user with rootUser 'report'", () => {
    const r = checkPermissions([secure('data-api', 'root')], { criterionId: 'RB-CL-SEC3', services: ['data-api'], rootUser: 'report' });
    expect(r.status).toBe('passed');
    expect(r.message).toContain("1 service(s) run as root: data-api (root) — reported, not failed (security.rootUser 'report', 003 L91)");
  });

  it('should be an error when an expected service has no container', () => {
    const r = checkPermissions([secure('data-api')], { criterionId: 'RB-CL-SEC3', services: ['data-api', 'admin-api'] });
    expect(r.status).toBe('error');
    expect(r.message).toBe('could not judge admin-api: no container found. hint: is the project up? docker ps -a');
  });
});
