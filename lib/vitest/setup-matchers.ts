// vitest setup file (vitest.config.ts `setupFiles` of the gate suites): registers phasegate's matchers.
import { expect } from 'vitest';
import { phasegateMatchers } from './matchers.js';

expect.extend(phasegateMatchers);
