import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../common/exit-codes.js';
import { interruptOnSignals } from './interrupt.js';

describe('interruptOnSignals', () => {
  it('aborts on the first signal, exits 130 on the second, and removes its handlers on dispose', () => {
    const target = new EventEmitter();
    const lines: string[] = [];
    const exits: number[] = [];
    const handle = interruptOnSignals({ log: (l) => lines.push(l), what: 'the rebuild', exit: (c) => exits.push(c), target: target as unknown as NodeJS.Process });
    expect(handle.signal.aborted).toBe(false);
    target.emit('SIGINT', 'SIGINT');
    expect(handle.signal.aborted).toBe(true);
    expect((handle.signal.reason as Error).message).toBe('interrupted by SIGINT');
    expect(exits).toEqual([]);
    target.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([ExitCode.Interrupted]);
    expect(lines).toEqual([
      '[interrupt] SIGINT: stopping the rebuild after the current step (state saved; resume with --resume). Send it again to stop at once.',
      '[interrupt] second SIGTERM: stopping now; the state file is consistent up to the last finished step',
    ]);
    handle.dispose();
    expect(target.listenerCount('SIGINT') + target.listenerCount('SIGTERM')).toBe(0);
  });
});
