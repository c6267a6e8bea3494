// Day 3 afternoon (001 L1131-1144): after each ML service, `docker logs --tail 100 | grep -i error || echo "No errors
// found"` — a step that can never fail (D10.9). Here: 0 error lines in the last 100 lines of each ML service.
import { describe, it } from 'vitest';
import { checkNoErrorLogs } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate, target } from '../_setup/gate.js';
import { dayPlan, deployDay, otherDaysOnly, stepServices } from './day.js';

const t = target();
const day = deployDay();
const inspector = new DockerodeContainerInspector();

describe(`Deployment Day ${day} — logs`, () => {
  if (day === 3) {
    it('D3-3: no error lines in the last 100 log lines of ml, openvino, rag, openai, ner and ai-training', async (ctx) => {
      const states = await inspector.listProject(t.projectName);
      gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId: 'D3-3', services: stepServices(dayPlan(), 'DAY3-ML'), tail: 100 }));
    });
  }
  otherDaysOnly('D3-3', [3]);
});
