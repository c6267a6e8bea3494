// Post-deployment Week 2 sign-off (001 L1732-1740), decided from this run: the sequencer runs this file after every
// other postdeploy file (lib/vitest/rollups-last.ts) and it reads what they recorded (lib/reports/run-test-log.ts).
import { describe, inject, it } from 'vitest';
import { checkCriteriaRollup } from '../../lib/checks/index.js';
import { criteriaOfGroup, GROUP_OF_SUITE } from '../../lib/criteria/catalog.js';
import { readTestRecords } from '../../lib/reports/run-test-log.js';
import { gate } from '../_setup/gate.js';

// "All success criteria met": every automatable criterion of the post-deployment checklist (catalog group A8,
// automation `yes`). The partial and manual rows (UAT, team trained, sign-offs) need a human; the phases' own
// success criteria are decided by their gates (P1-NEXT1 …), not re-run here.
const CHECKLIST = criteriaOfGroup(GROUP_OF_SUITE.postdeploy!).filter((c) => c.automation === 'yes' && c.id !== 'PD-W2-1').map((c) => c.id);

describe('Post-deployment — Week 2 sign-off (roll-up of this run, run last)', () => {
  it(`PD-W2-1: all success criteria met — the ${CHECKLIST.length} automatable post-deployment criteria passed in this run`, (ctx) => {
    gate(ctx, checkCriteriaRollup(readTestRecords(inject('testLog')), { criterionId: 'PD-W2-1', title: 'the automatable post-deployment checklist', constituents: CHECKLIST }));
  });
});
