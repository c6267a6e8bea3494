import { describe, expect, it } from 'vitest';
import { demuxDockerLogs } from './container-inspector.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('demuxDockerLogs', () => {
  it('should split multiplexed frames into lines per stream and mask secrets', () => {
    const lines = demuxDockerLogs(Buffer.concat([frame(1, 'INFO started\nINFO ready\n'), frame(2, 'ERROR write failed Token abcdefghijk\n')]));
    expect(lines).toEqual([
      { stream: 'stdout', text: 'INFO started' },
      { stream: 'stdout', text: 'INFO ready' },
      { stream: 'stderr', text: 'ERROR write failed Token ***' },
    ]);
  });

  it('should bound a huge line', () => {
    const [line] = demuxDockerLogs(frame(1, 'x'.repeat(10_000)));
    expect(line!.text).toHaveLength(4096 + '… [truncated]'.length);
  });

  it('should read a TTY (non-multiplexed) buffer as stdout', () => {
    expect(demuxDockerLogs(Buffer.from('plain line\n'))).toEqual([{ stream: 'stdout', text: 'plain line' }]);
  });
});
