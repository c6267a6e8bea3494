// Prepares the gate's target once per vitest project and hands its description to the tests.
// reference: builds and starts the HomeIQ twin (or reuses a running one), downs it afterwards.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ConfigError } from '../../lib/common/errors.js';
import { registerSecret } from '../../lib/common/secrets.js';
import { CORE_SERVICES, REFERENCE_COMPOSE_FILE, ReferenceStack, type StartedReferenceStack } from '../../lib/stack/index.js';
import { readDotenv } from './dotenv.js';
import { readGateEnv } from './env.js';
import type { TargetDescription } from './target.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = readGateEnv();
  if (env.PHASEGATE_TARGET === 'live') {
    throw new ConfigError('target "live" is not implemented yet: phasegate can only gate the embedded reference stack in this version', {
      hint: 'unset PHASEGATE_TARGET (see README "Limits")',
    });
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stack = new ReferenceStack({ services: 'core', startupTimeoutMs: env.PHASEGATE_STARTUP_TIMEOUT_MS, progress: log });
  let started: StartedReferenceStack;
  if (env.PHASEGATE_REUSE_STACK) {
    log(`[stack] reusing the running project ${stack.projectName} (PHASEGATE_REUSE_STACK=1)`);
    started = await stack.attach();
  } else {
    started = await stack.up();
  }
  const dotenv = readDotenv(join(REFERENCE_COMPOSE_FILE, '..', '.env'));
  const secrets = [dotenv.INFLUXDB_TOKEN, dotenv.HOME_ASSISTANT_TOKEN, dotenv.API_KEY, dotenv.DOCKER_INFLUXDB_INIT_PASSWORD].filter((s): s is string => Boolean(s));
  secrets.forEach(registerSecret);
  const target: TargetDescription = {
    kind: 'reference',
    projectName: started.projectName,
    urls: started.urls(),
    services: [...CORE_SERVICES],
    influx: { url: started.url('influxdb'), org: dotenv.INFLUXDB_ORG ?? 'homeiq', bucket: dotenv.INFLUXDB_BUCKET ?? 'home_assistant_events', token: dotenv.INFLUXDB_TOKEN ?? '' },
    ha: { url: started.url('ha-simulator'), token: dotenv.HOME_ASSISTANT_TOKEN ?? '' },
    apiKey: dotenv.API_KEY ?? '',
    initialContainers: await started.containers(),
    initialSampledAt: Date.now(),
    secrets,
  };
  project.provide('target', target);
  return async () => {
    if (env.PHASEGATE_KEEP_STACK || env.PHASEGATE_REUSE_STACK) {
      log(`[stack] left running (project ${started.projectName}); stop it with: docker-compose -p ${started.projectName} -f ${REFERENCE_COMPOSE_FILE} down -v`);
      return;
    }
    await started.down();
    log(`[stack] project ${started.projectName} taken down`);
  };
}
