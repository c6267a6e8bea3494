// HomeIQ routes whose path the plans disagree on, resolved by the run's contradiction choices.
import { choiceOf } from './rebuild-gate.js';

/** data-api's devices route per the D3.2 choice (reality: `/api/devices`; a 404 from a missing route is no rejection). */
export function devicesPath(): string {
  return ({ 'plan-001': '/api/v1/devices', 'rebuild-003': '/api/devices' } as Record<string, string>)[choiceOf('D3.2') ?? ''] ?? '/api/devices';
}
