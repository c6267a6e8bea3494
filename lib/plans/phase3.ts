// Phase 3 rebuild plan (001 §3.6; criteria.md §A4, §B1): the four ML services one at a time, in the order written.
// Only ml-service has a wait (sleep 30) and a gate ("If tests pass, deploy"); the other three run their pytest and
// then `up -d` unconditionally (D6.9). The isolated `ml-service-test` stack (§3.1) and the in-container pytest runs
// are not part of the rebuild: the target images carry no tests.
import { definePlan } from './define-plan.js';

export const PHASE3_PLAN = definePlan({
  id: 'phase3',
  title: 'Phase 3 — ML/AI library upgrades',
  source: '001 §Phase 3 3.6.1-3.6.4 (L818-880)',
  steps: [
    {
      id: 'P3-S6.1',
      title: 'Rebuild and deploy ml-service',
      action: 'rebuild',
      services: ['ml-service'],
      mode: 'sequential',
      planWaitS: 30,
      criteria: ['P3-T6c'],
      source: '001 §3.6.1 L820-850',
    },
    {
      id: 'P3-S6.2',
      title: 'Rebuild and deploy ai-pattern-service',
      action: 'rebuild',
      services: ['ai-pattern-service'],
      mode: 'sequential',
      planWaitS: 0,
      criteria: ['P3-T6d'],
      source: '001 §3.6.2 L852-860',
    },
    {
      id: 'P3-S6.3',
      title: 'Rebuild and deploy ha-ai-agent-service',
      action: 'rebuild',
      services: ['ha-ai-agent-service'],
      mode: 'sequential',
      planWaitS: 0,
      criteria: ['P3-T6d'],
      source: '001 §3.6.3 L862-870',
    },
    {
      id: 'P3-S6.4',
      title: 'Rebuild and deploy rule-recommendation-ml',
      action: 'rebuild',
      services: ['rule-recommendation-ml'],
      mode: 'sequential',
      planWaitS: 0,
      criteria: ['P3-T6d'],
      source: '001 §3.6.4 L872-880',
    },
  ],
});
