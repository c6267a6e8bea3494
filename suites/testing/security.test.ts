// 001 §Testing & Validation, security (L1440-1452): data-api rejects calls without a key and with an invalid
// `X-API-Key`; only intended ports are exposed (the `nmap` sweep is replaced by reading what the project's
// containers listen on from /proc and what Docker publishes, suites/_setup/project-inspection.ts). data-api reads only `Authorization: Bearer` and serves devices at `/api/devices` (D3.2/D3.3), so the
// devices route follows the D3.2 choice and a 404 is never counted as "rejected".
import { describe, it } from 'vitest';
import { checkAuth } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate, securityPolicy, target } from '../_setup/gate.js';
import { checkTargetPorts } from '../_setup/project-inspection.js';
import { envFileIgnored } from '../_setup/repo-hygiene.js';
import { devicesPath } from '../_setup/routes.js';

const t = target();

describe('001 Testing & Validation — security', () => {
  it(`TV-S3: data-api ${devicesPath()} rejects no key and X-API-Key: invalid with 401/403`, async (ctx) => {
    const attempts = [{ label: 'no key' }, { label: 'X-API-Key: invalid', headers: { 'X-API-Key': 'invalid' } }];
    gate(ctx, await checkAuth({ criterionId: 'TV-S3', service: 'data-api', url: `${t.urls['data-api']}${devicesPath()}`, expect: 'rejected', attempts }));
  });

  it('TV-S4: only intended ports exposed — every listener of the project\'s containers is a compose port or allowlisted, loopback where the compose file means it', async (ctx) => {
    gate(ctx, await checkTargetPorts('TV-S4', t, new DockerodeContainerInspector(), securityPolicy()));
  });

  it('TV-S2: no secrets in version control — .env in .gitignore and not tracked (001 L1436-1438)', async (ctx) => {
    gate(ctx, await envFileIgnored(t.repoRoot, 'TV-S2'));
  });
});
