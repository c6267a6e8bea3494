// Phase 4 rebuild plan (001 §4.2, conservative path; criteria.md §A5, §B1): both frontends rebuilt without cache
// together, started, then `curl -f` on :3000 and :3001. No wait is written.
import { definePlan } from './define-plan.js';

export const PHASE4_PLAN = definePlan({
  id: 'phase4',
  title: 'Phase 4 — frontend updates (conservative path)',
  source: '001 §Phase 4 4.2 (L964-989)',
  steps: [
    {
      id: 'P4-S2',
      title: 'Rebuild both frontends without cache and start them',
      action: 'rebuild',
      services: ['health-dashboard', 'ai-automation-ui'],
      mode: 'parallel',
      planWaitS: 0,
      criteria: ['P4-T2b', 'P4-SC1'],
      source: '001 §4.2 L977-985',
    },
  ],
});
