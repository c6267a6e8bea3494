// Phase 2 rebuild plan (001 §2.3-2.8; criteria.md §A3, §B1). Each batch is written as parallel `build --no-cache &`
// … `wait`, one `up -d` for the batch and a fixed sleep; the sleep is recorded (planWaitS), the gate waits for health.
// The plan's batch order starts AI services before the ml/openai services they depend on (D6.3): the scheduler keeps
// the plan order and reports every such violation; the report states it.
import { definePlan } from './define-plan.js';

export const PHASE2_PLAN = definePlan({
  id: 'phase2',
  title: 'Phase 2 — standard library updates',
  source: '001 §Phase 2 2.3-2.8 (L562-649)',
  steps: [
    {
      id: 'P2-B1',
      title: 'Batch 1: rebuild the AI services in parallel',
      action: 'rebuild',
      services: ['ai-core-service', 'ai-pattern-service', 'ai-automation-service-new', 'ai-query-service', 'ai-training-service', 'ai-code-executor', 'ha-ai-agent-service', 'proactive-agent-service'],
      mode: 'parallel',
      planWaitS: 60,
      criteria: ['P2-B1', 'P2-SC1'],
      source: '001 §2.3 L562-576',
    },
    {
      id: 'P2-B2',
      title: 'Batch 2: rebuild the ML and OpenVINO services in parallel',
      action: 'rebuild',
      services: ['ml-service', 'openvino-service', 'rag-service', 'openai-service', 'ner-service'],
      mode: 'parallel',
      planWaitS: 60,
      criteria: ['P2-B2', 'P2-SC1'],
      source: '001 §2.4 L578-591',
    },
    {
      id: 'P2-B3',
      title: 'Batch 3: rebuild the device services in parallel',
      action: 'rebuild',
      services: ['device-intelligence-service', 'device-health-monitor', 'device-context-classifier', 'device-database-client', 'device-recommender', 'device-setup-assistant', 'ha-setup-service'],
      mode: 'parallel',
      planWaitS: 60,
      criteria: ['P2-B3', 'P2-SC1'],
      source: '001 §2.5 L593-606',
    },
    {
      id: 'P2-B4',
      title: 'Batch 4: rebuild the automation services in parallel',
      action: 'rebuild',
      services: ['automation-linter', 'automation-miner', 'blueprint-index', 'blueprint-suggestion-service', 'yaml-validation-service', 'api-automation-edge'],
      mode: 'parallel',
      planWaitS: 60,
      criteria: ['P2-B4', 'P2-SC1'],
      source: '001 §2.6 L608-621',
    },
    {
      id: 'P2-B5',
      title: 'Batch 5: rebuild the analytics services in parallel',
      action: 'rebuild',
      services: ['energy-correlator', 'rule-recommendation-ml'],
      mode: 'parallel',
      planWaitS: 30,
      criteria: ['P2-B5', 'P2-SC1'],
      source: '001 §2.7 L623-636',
    },
    {
      // P2-B6 (the package versions of this step) is a VERSION_AUDIT criterion decided by the version audit, not here.
      id: 'P2-FE',
      title: 'Rebuild both frontends (after the npm test-tooling updates)',
      action: 'rebuild',
      services: ['health-dashboard', 'ai-automation-ui'],
      mode: 'parallel',
      planWaitS: 0,
      criteria: ['P2-SC1'],
      source: '001 §2.8 L638-649 (no wait, no check as written)',
    },
  ],
});
