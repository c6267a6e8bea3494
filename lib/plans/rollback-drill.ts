// The deployment the rollback gate (suites/rollback) rolls back: the services whose health 001's full system rollback
// verifies (data-api :8006, websocket-ingestion :8001, the dashboard :3000; 001 L1537-1547) plus admin-api, the one
// the automatic-rollback drill breaks (004 L271-285). Rebuilt one at a time, each seen healthy, as every phase does.
import { definePlan } from './define-plan.js';

export const ROLLBACK_DRILL_PLAN = definePlan({
  id: 'rollback-drill',
  title: 'Rollback drill — the deployment that gets rolled back (001 §Rollback Procedures, 004 §Rollback)',
  source: '001 L1226-1571 (emergency, full, service-specific rollback); 004 L271-327 (automatic and manual rollback)',
  steps: [
    {
      id: 'RB-DRILL-1',
      title: 'Deploy new images of the core APIs, one at a time',
      action: 'rebuild',
      services: ['data-api', 'websocket-ingestion', 'admin-api'],
      mode: 'sequential',
      planWaitS: 0,
      criteria: [],
      source: '001 §Deployment Plan Day 1 (the services 001 L1537-1547 verifies after a full rollback)',
    },
    {
      id: 'RB-DRILL-2',
      title: 'Deploy the new health dashboard',
      action: 'rebuild',
      services: ['health-dashboard'],
      mode: 'sequential',
      planWaitS: 0,
      criteria: [],
      source: '001 §Deployment Plan Day 1 afternoon (frontend)',
    },
  ],
});
