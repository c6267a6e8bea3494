import { describe, expect, it } from 'vitest';
import { parseExpose, parseLongPort, parseShortPort } from './parse-ports.js';
import { parseByteSize, parseDurationMs } from './parse-duration.js';

describe('parseShortPort', () => {
  it.each([
    ['8006:8006', [{ host: 8006, container: 8006, ip: null, protocol: 'tcp' }]],
    [3000, [{ host: null, container: 3000, ip: null, protocol: 'tcp' }]],
    ['127.0.0.1:8001:8001', [{ host: 8001, container: 8001, ip: '127.0.0.1', protocol: 'tcp' }]],
    ['[::1]:80:8080/udp', [{ host: 80, container: 8080, ip: '::1', protocol: 'udp' }]],
    ['5353:5353/UDP', [{ host: 5353, container: 5353, ip: null, protocol: 'udp' }]],
    ['127.0.0.1::80', [{ host: null, container: 80, ip: '127.0.0.1', protocol: 'tcp' }]],
    ['9000-9001:8000-8001', [{ host: 9000, container: 8000, ip: null, protocol: 'tcp' }, { host: 9001, container: 8001, ip: null, protocol: 'tcp' }]],
    ['9000-9002:80', [{ host: null, container: 80, ip: null, protocol: 'tcp' }]],
  ] as const)('should parse %j', (entry, expected) => {
    expect(parseShortPort(entry)).toEqual(expected);
  });

  it.each([
    ['80:80:80', 'invalid port "80:80:80" ("80" is not an IPv4 address)'],
    ['1.2.3.4:80:80:80', 'invalid port "1.2.3.4:80:80:80" (expected at most HOST_IP:HOST_PORT:CONTAINER_PORT)'],
    ['70000:80', 'host port 70000 is out of range 1-65535'],
    ['http:80', 'host port "http" is not a port or range'],
    ['80/icmp', 'unknown protocol "icmp"'],
    ['9000-9001:80-82', 'host range 9000-9001 (2 ports) and container range 80-82 (3 ports) differ in size'],
    ['90-80', 'container port range "90-80" ends before it starts'],
  ])('should reject %j', (entry, problem) => {
    expect(() => parseShortPort(entry)).toThrow(problem);
  });
});

describe('parseLongPort', () => {
  it('should parse target, published, host_ip and protocol', () => {
    expect(parseLongPort({ target: 8001, published: '8001', host_ip: '127.0.0.1', protocol: 'tcp', mode: 'host' }))
      .toEqual([{ host: 8001, container: 8001, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(parseLongPort({ target: 80 })).toEqual([{ host: null, container: 80, ip: null, protocol: 'tcp' }]);
  });

  it.each([
    [{ published: 80 }, 'port is missing "target"'],
    [{ target: 80, publshed: 80 }, 'unknown port key "publshed"'],
    [{ target: '80-81' }, 'target "80-81" must be a single port'],
    [{ target: 80, protocol: 'quic' }, 'unknown protocol "quic"'],
  ])('should reject %j', (entry, problem) => {
    expect(() => parseLongPort(entry)).toThrow(problem);
  });
});

describe('parseExpose', () => {
  it('should expand ranges and drop protocols', () => {
    expect(parseExpose(8031)).toEqual([8031]);
    expect(parseExpose('8000-8002')).toEqual([8000, 8001, 8002]);
    expect(parseExpose('9000/udp')).toEqual([9000]);
  });
});

describe('parseDurationMs / parseByteSize', () => {
  it.each([['30s', 30_000], ['1m30s', 90_000], ['500ms', 500], ['1h', 3_600_000], ['1.5s', 1500], ['2m', 120_000], ['10us', 0.01]])('should parse duration %j', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });
  it.each(['30', 'soon', '1x', '', 's'])('should reject duration %j', (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });
  it.each([['512m', 536_870_912], ['1G', 1_073_741_824], ['1.5g', 1_610_612_736], ['128mb', 134_217_728], ['1024', 1024], [2048, 2048], ['64k', 65_536]] as const)('should parse size %j', (value, bytes) => {
    expect(parseByteSize(value)).toBe(bytes);
  });
  it.each(['lots', '1t', '-1m', ''])('should reject size %j', (value) => {
    expect(parseByteSize(value)).toBeNull();
  });
});
