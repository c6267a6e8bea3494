// Progress events of a rebuild, for the TTY/CI printer and for tests.
import type { RebuildStatus, StepName } from './state.js';

export type RebuildEvent =
  | { readonly kind: 'start'; readonly runId: string; readonly waves: readonly (readonly string[])[]; readonly resumed: boolean }
  | { readonly kind: 'wave'; readonly index: number; readonly total: number; readonly services: readonly string[] }
  | { readonly kind: 'step-start'; readonly service: string; readonly step: StepName | 'rollback' | 'verify' | 'backup' }
  | { readonly kind: 'step-end'; readonly service: string; readonly step: StepName | 'rollback' | 'verify' | 'backup'; readonly ok: boolean; readonly durationMs: number; readonly message?: string }
  | { readonly kind: 'end'; readonly status: RebuildStatus; readonly elapsedMs: number };
