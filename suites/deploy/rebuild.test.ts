// Deployment day rebuild criteria (D1-2, D1-3, D1-5, D2-1, D3-1…D3-3, D4-1, D4-3, D5-1, D5-2), decided from the setup
// hook's recorded run of the selected day's plan (lib/plans/deploy.ts), plus DEP-0 (a continuous availability probe
// during that run), DEP-RB-V2 / DEP-RB-V4 (the service-specific and AI/ML rollback targets) and DEP-RB-P2 (diagnostics
// saved before a rollback). Every service the day's plan names must have
// been deployed: a service the target does not run fails its step (001 skips it silently, D10.1).
import { describe, inject, it } from 'vitest';
import { checkDiagnosticsCaptured, checkRebuildStep, checkRollback, checkZeroDowntime } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate } from '../_setup/gate.js';
import { choiceOf, expectPlanFits, FIXED_SLEEP_CHOICE } from '../_setup/rebuild-gate.js';
import { dayPlan, deployDay, stepServices } from './day.js';

const rebuild = inject('rebuild');
const plan = dayPlan();
const day = deployDay();
const inspector = new DockerodeContainerInspector();
/** The partial AI/ML rollback's four services (001 L1550-1571); Day 3 deploys three of them, Day 5 the fourth. */
const ML_ROLLBACK_SERVICES = ['ml-service', 'ai-pattern-service', 'ha-ai-agent-service', 'rule-recommendation-ml'];

/** Choices the deployment-day plan data makes, and the plan's own defects (001 §Deployment Plan, criteria.md §D). */
const PLAN_CHOICES = [
  { id: 'deploy-day', question: 'Which deployment day does this run gate?', choice: `Day ${day} (PHASEGATE_DEPLOY_DAY=${day}): plan ${plan.id}, ${plan.title}`, alternatives: ['PHASEGATE_DEPLOY_DAY=1…5'] },
  FIXED_SLEEP_CHOICE,
  {
    id: 'D6.3',
    question: '`up -d --no-deps` turns off compose\'s dependency gating, and Day 3 deploys services before ones they depend on: which order?',
    choice: 'the day\'s order, except that a dependency the compose file declares within the day is rebuilt first (each move is listed below); dependencies deployed on other days are not touched',
    alternatives: ['001 as written: the day\'s order, no dependency gating'],
  },
  {
    id: 'D10.1',
    question: 'The Day 2/3 health loops skip a service whose `docker port` is empty. Is a service the target does not run a pass?',
    choice: 'no: every service the day names must be deployed and healthy; a missing one fails its step (Day 2 needs COMPOSE_PROFILES=production for carbon-intensity, electricity-pricing, air-quality and calendar)',
    alternatives: ['skip it silently as written'],
  },
  {
    id: 'plan-D1-1',
    question: 'Day 1 starts with `./scripts/backup-all.sh`, which no document defines. What backup precedes the rollout?',
    choice: 'the rebuild tags every service\'s running image (`:pre-rebuild-<runId>`) before it changes anything; data volumes are not backed up by this gate and the backup criterion is not reported',
    alternatives: ['run ./scripts/backup-all.sh (undefined)'],
  },
];

describe(`Deployment Day ${day} — rollout per the plan (setup hook)`, () => {
  it(`the plan ${plan.id} fits the target: no unknown services; the day, renames, order corrections and plan choices are stated`, (ctx) => {
    expectPlanFits(ctx, rebuild, PLAN_CHOICES);
  });

  for (const step of plan.steps) {
    it(`${step.criteria.join(' / ')}: ${step.id} ${step.title}`, (ctx) => {
      const services = stepServices(plan, step.id);
      gate(ctx, ...step.criteria.map((criterionId) => checkRebuildStep(rebuild, { criterionId, step: step.id, services })));
    });
  }

  it('DEP-0: zero downtime — every service answered a continuous probe during the rollout, unavailable at most during its own recreate (D6.6 recreate-gap; no-gap fails single-replica compose by construction)', (ctx) => {
    const mode = choiceOf('D6.6') === 'recreate-gap' ? 'recreate-gap' : 'no-gap';
    gate(ctx, checkZeroDowntime(inject('availability'), { criterionId: 'DEP-0', mode }));
  });

  it('DEP-RB-V2: the service-specific rollback works (a failed rollout rolled back and verified) or its target exists for every service of the day', async (ctx) => {
    // Restarted services (Day 1's InfluxDB and Jaeger) keep their image: there is nothing to roll back.
    const services = plan.steps.filter((s) => s.action === 'rebuild').flatMap((s) => stepServices(plan, s.id));
    gate(ctx, await checkRollback(rebuild, { criterionId: 'DEP-RB-V2', services, imageId: (ref) => inspector.imageId(ref) }));
  });

  it('DEP-RB-P2: a failed rollout saved its diagnostics (build log, health log, container log tail) before the rollback', (ctx) => {
    gate(ctx, checkDiagnosticsCaptured(rebuild, { criterionId: 'DEP-RB-P2' }));
  });

  if (plan.steps.some((s) => stepServices(plan, s.id).some((service) => ML_ROLLBACK_SERVICES.includes(service)))) {
    it('DEP-RB-V4: the partial AI/ML rollback works (rolled back and verified) or its target exists for the ML services of the day', async (ctx) => {
      const services = ML_ROLLBACK_SERVICES.filter((service) => plan.steps.some((s) => stepServices(plan, s.id).includes(service)));
      gate(ctx, await checkRollback(rebuild, { criterionId: 'DEP-RB-V4', services, imageId: (ref) => inspector.imageId(ref) }));
    });
  }
});
