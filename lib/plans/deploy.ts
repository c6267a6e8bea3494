// Deployment days 1-5 (001 §Deployment Plan L1012-1222; criteria.md §A6, §B1 "Deploy Day 1-5"): one plan per day,
// each service `up -d --no-deps --build` in the day's order. The plans' fixed sleeps are recorded (planWaitS); the gate
// waits for Docker health. `./scripts/backup-all.sh` (D1-1), the ML unit tests (D3-4), `deploy.sh status` (D5-3) and
// the npm suites (D5-4) are not rebuild steps: the scripts are not defined anywhere (criteria.md §A6).
import { ConfigError } from '../common/errors.js';
import { definePlan } from './define-plan.js';
import type { Plan } from './schema.js';

const RENAMES = {
  'calendar-service': { to: 'calendar', reason: 'the plans say calendar-service; the compose service is calendar (criteria.md D4)' },
  'smart-meter-service': { to: 'smart-meter', reason: 'the plans say smart-meter-service; the compose service is smart-meter (criteria.md D4)' },
};

export const DEPLOY_DAY1_PLAN = definePlan({
  id: 'deploy-day1',
  title: 'Deployment Day 1 — infrastructure and core services',
  source: '001 §Deployment Plan Day 1 (L1012-1056)',
  steps: [
    { id: 'DAY1-INFRA', title: 'Restart InfluxDB and Jaeger together', action: 'restart', services: ['influxdb', 'jaeger'], mode: 'parallel', planWaitS: 0, criteria: ['D1-2'], source: '001 L1019-1020' },
    { id: 'DAY1-CORE', title: 'Deploy the core services one at a time', action: 'rebuild', services: ['data-api', 'websocket-ingestion', 'admin-api', 'data-retention'], mode: 'sequential', planWaitS: 30, criteria: ['D1-3'], source: '001 L1022-1037' },
    { id: 'DAY1-FE', title: 'Deploy both frontends together', action: 'rebuild', services: ['health-dashboard', 'ai-automation-ui'], mode: 'parallel', planWaitS: 30, criteria: ['D1-5'], source: '001 L1047-1049' },
  ],
});

export const DEPLOY_DAY2_PLAN = definePlan({
  id: 'deploy-day2',
  title: 'Deployment Day 2 — external integration services',
  source: '001 §Deployment Plan Day 2 (L1059-1090)',
  renames: RENAMES,
  steps: [
    {
      id: 'DAY2-INT',
      title: 'Deploy the eight integration services one at a time',
      action: 'rebuild',
      services: ['weather-api', 'sports-api', 'carbon-intensity', 'electricity-pricing', 'air-quality', 'calendar-service', 'smart-meter-service', 'log-aggregator'],
      mode: 'sequential',
      planWaitS: 20,
      criteria: ['D2-1'],
      source: '001 L1063-1070',
    },
  ],
});

export const DEPLOY_DAY3_PLAN = definePlan({
  id: 'deploy-day3',
  title: 'Deployment Day 3 — AI/ML services',
  source: '001 §Deployment Plan Day 3 (L1093-1147)',
  steps: [
    { id: 'DAY3-AI', title: 'Deploy the AI core services one at a time', action: 'rebuild', services: ['ai-core-service', 'ai-pattern-service', 'ai-query-service'], mode: 'sequential', planWaitS: 60, criteria: ['D3-1'], source: '001 L1096-1114' },
    { id: 'DAY3-AGENTS', title: 'Deploy the automation and agent services one at a time', action: 'rebuild', services: ['ai-automation-service-new', 'ai-code-executor', 'ha-ai-agent-service', 'proactive-agent-service'], mode: 'sequential', planWaitS: 60, criteria: ['D3-2'], source: '001 L1119-1126' },
    { id: 'DAY3-ML', title: 'Deploy the ML services one at a time', action: 'rebuild', services: ['ml-service', 'openvino-service', 'rag-service', 'openai-service', 'ner-service', 'ai-training-service'], mode: 'sequential', planWaitS: 60, criteria: ['D3-3'], source: '001 L1131-1144' },
  ],
});

export const DEPLOY_DAY4_PLAN = definePlan({
  id: 'deploy-day4',
  title: 'Deployment Day 4 — device and automation services',
  source: '001 §Deployment Plan Day 4 (L1150-1179)',
  steps: [
    {
      id: 'DAY4-DEVICE',
      title: 'Deploy the device services one at a time',
      action: 'rebuild',
      services: ['device-intelligence-service', 'device-health-monitor', 'device-context-classifier', 'device-database-client', 'device-recommender', 'device-setup-assistant', 'ha-setup-service'],
      mode: 'sequential',
      planWaitS: 30,
      criteria: ['D4-1'],
      source: '001 L1154-1161',
    },
    {
      id: 'DAY4-AUTO',
      title: 'Deploy the automation services one at a time',
      action: 'rebuild',
      services: ['automation-linter', 'automation-miner', 'blueprint-index', 'blueprint-suggestion-service', 'yaml-validation-service', 'api-automation-edge'],
      mode: 'sequential',
      planWaitS: 30,
      criteria: ['D4-3'],
      source: '001 L1169-1176',
    },
  ],
});

export const DEPLOY_DAY5_PLAN = definePlan({
  id: 'deploy-day5',
  title: 'Deployment Day 5 — analytics and final validation',
  source: '001 §Deployment Plan Day 5 (L1182-1221)',
  steps: [
    { id: 'DAY5-ANALYTICS', title: 'Deploy the analytics services one at a time', action: 'rebuild', services: ['energy-correlator', 'rule-recommendation-ml'], mode: 'sequential', planWaitS: 30, criteria: ['D5-1'], source: '001 L1185-1193' },
    { id: 'DAY5-OBS', title: 'Deploy the observability dashboard (optional in the plan)', action: 'rebuild', services: ['observability-dashboard'], mode: 'sequential', planWaitS: 30, criteria: ['D5-2'], source: '001 L1197-1201' },
  ],
});

/** The deployment days in order (index 0 = Day 1). */
export const DEPLOY_PLANS: readonly Plan[] = [DEPLOY_DAY1_PLAN, DEPLOY_DAY2_PLAN, DEPLOY_DAY3_PLAN, DEPLOY_DAY4_PLAN, DEPLOY_DAY5_PLAN];

/** A deployment day, 1-5. */
export type DeployDay = 1 | 2 | 3 | 4 | 5;

/** The plan of one deployment day; throws a {@link ConfigError} for a day outside 1-5. */
export function deployPlanForDay(day: number): Plan {
  const plan = Number.isInteger(day) ? DEPLOY_PLANS[day - 1] : undefined;
  if (!plan) throw new ConfigError(`deployment day ${day} does not exist: 001 plans days 1-5`, { path: 'PHASEGATE_DEPLOY_DAY', hint: 'set PHASEGATE_DEPLOY_DAY to 1, 2, 3, 4 or 5' });
  return plan;
}
