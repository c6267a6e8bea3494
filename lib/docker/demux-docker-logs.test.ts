import { describe, expect, it } from 'vitest';
import { demuxDockerLogs, MAX_LOG_LINE } from './demux-docker-logs.js';

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
      { stream: 'stderr', text: 'ERROR write failed Token ***', secretMasked: true },
    ]);
  });

  it('should split off Docker timestamps', () => {
    const lines = demuxDockerLogs(frame(1, '2026-11-23T00:41:02.123456789Z tiny alpha listening\n'), { timestamps: true });
    expect(lines).toEqual([{ stream: 'stdout', text: 'tiny alpha listening', timestamp: '2026-11-23T00:41:02.123456789Z' }]);
  });

  it('should join a line split over two frames of the same stream', () => {
    const lines = demuxDockerLogs(Buffer.concat([frame(1, 'first half '), frame(2, 'err\n'), frame(1, 'second half\n')]));
    expect(lines).toEqual([
      { stream: 'stderr', text: 'err' },
      { stream: 'stdout', text: 'first half second half' },
    ]);
  });

  it('should bound a huge line', () => {
    const [line] = demuxDockerLogs(frame(1, `${'x'.repeat(10_000)}\n`));
    expect(line!.text).toBe(`${'x'.repeat(MAX_LOG_LINE)}… [truncated]`);
  });

  it('should read a TTY (non-multiplexed) buffer as stdout', () => {
    expect(demuxDockerLogs(Buffer.from('plain line\r\nsecond'))).toEqual([
      { stream: 'stdout', text: 'plain line' },
      { stream: 'stdout', text: 'second' },
    ]);
  });
});
