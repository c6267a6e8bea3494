// Splits the multiplexed log stream Docker returns for non-TTY containers into lines.
import { maskSecrets } from '../common/secrets.js';
import type { LogLine } from './container-inspector.js';

/** Longest line kept, in characters; longer lines are cut and marked `… [truncated]`. */
export const MAX_LOG_LINE = 4096;

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

function toLine(stream: LogLine['stream'], raw: string, timestamps: boolean): LogLine | undefined {
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let timestamp: string | undefined;
  const match = timestamps ? TIMESTAMP.exec(text) : null;
  if (match?.[1]) {
    timestamp = match[1];
    text = text.slice(match[0].length);
  }
  if (text.length === 0 && timestamp === undefined) return undefined;
  const bounded = text.length > MAX_LOG_LINE ? `${text.slice(0, MAX_LOG_LINE)}… [truncated]` : text;
  const masked = maskSecrets(bounded);
  return { stream, text: masked, ...(timestamp ? { timestamp } : {}), ...(masked !== bounded ? { secretMasked: true as const } : {}) };
}

/**
 * Demultiplexes a Docker log buffer: each frame is an 8-byte header (stream byte 1 = stdout / 2 = stderr, three
 * zero bytes, UInt32BE payload length) and the payload. A line split over two frames of the same stream is joined.
 * A buffer without headers (TTY container) is read as stdout. `timestamps` strips the leading RFC3339 time
 * Docker adds with `timestamps: true` into {@link LogLine.timestamp}.
 */
export function demuxDockerLogs(buffer: Buffer, options: { timestamps?: boolean } = {}): LogLine[] {
  const timestamps = options.timestamps ?? false;
  const lines: LogLine[] = [];
  const pending: Record<LogLine['stream'], string> = { stdout: '', stderr: '' };
  const push = (stream: LogLine['stream'], chunk: string) => {
    const parts = (pending[stream] + chunk).split('\n');
    pending[stream] = parts.pop() ?? '';
    for (const part of parts) {
      const line = toLine(stream, part, timestamps);
      if (line) lines.push(line);
    }
    // Never buffer an unbounded partial line.
    if (pending[stream].length > MAX_LOG_LINE * 4) {
      const line = toLine(stream, pending[stream], timestamps);
      if (line) lines.push(line);
      pending[stream] = '';
    }
  };
  const multiplexed = buffer.length >= 8 && (buffer[0] === 1 || buffer[0] === 2) && buffer[1] === 0 && buffer[2] === 0 && buffer[3] === 0;
  if (!multiplexed) {
    push('stdout', buffer.toString('utf8'));
  } else {
    let offset = 0;
    while (offset + 8 <= buffer.length) {
      const stream = buffer[offset] === 2 ? 'stderr' : 'stdout';
      const length = buffer.readUInt32BE(offset + 4);
      push(stream, buffer.subarray(offset + 8, offset + 8 + length).toString('utf8'));
      offset += 8 + length;
    }
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    const line = pending[stream] ? toLine(stream, pending[stream], timestamps) : undefined;
    if (line) lines.push(line);
  }
  return lines;
}
