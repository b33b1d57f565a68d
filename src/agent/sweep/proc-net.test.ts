/** /proc/net socket tables: addresses in the kernel's byte order, states, IPv4-mapped IPv6, bad lines. */
import { describe, expect, it } from 'vitest';
import { decodeAddress, formatEndpoint, isListening, parseProcNet } from './proc-net.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 4810 1 000000003672be76 100 0 0 10 0
   1: 0501A8C0:C350 0A01A8C0:01BB 01 00000000:00000000 02:000A7B1F 00000000  1000        0 99120 2 0000000000000000 20 4 30 10 -1
   2: garbage line
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1111 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 5861 1 000000001105ca48 100 0 0 10 0
   1: 0000000000000000FFFF00000501A8C0:C351 0000000000000000FFFF00000A01A8C0:0016 01 00000000:00000000 00:00000000 00000000     0        0 777 1 0 20 4 30 10 -1
   2: B80D0120000000000000000001000000:0050 B80D0120000000000000000002000000:D431 06 00000000:00000000 00:00000000 00000000     0        0 0 1 0 20 4 30 10 -1
`;

const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1234 2 0000000000000000 0
  101: 0501A8C0:E2A1 08080808:0035 01 00000000:00000000 00:00000000 00000000     0        0 1235 2 0000000000000000 0
`;

describe('decodeAddress', () => {
  it('reads IPv4 and IPv6 in little-endian words, and big-endian when told', () => {
    expect(decodeAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeAddress('7F000001', false)).toBe('127.0.0.1');
    expect(decodeAddress('00000000000000000000000001000000')).toBe('::1');
    expect(decodeAddress('B80D0120000000000000000001000000')).toBe('2001:db8::1');
    expect(decodeAddress('0000000000000000FFFF00000501A8C0')).toBe('192.168.1.5');
    expect(decodeAddress('xyz')).toBeUndefined();
  });
});

describe('parseProcNet', () => {
  it('parses TCP sockets with ports, states, uid and inode, and skips malformed lines', () => {
    expect(parseProcNet(TCP, 'tcp')).toEqual([
      { proto: 'tcp', localAddress: '127.0.0.1', localPort: 5432, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 101, inode: 4810 },
      { proto: 'tcp', localAddress: '192.168.1.5', localPort: 50000, remoteAddress: '192.168.1.10', remotePort: 443, state: 'ESTABLISHED', uid: 1000, inode: 99120 },
    ]);
  });

  it('parses TCP over IPv6, mapped IPv4 included', () => {
    const sockets = parseProcNet(TCP6, 'tcp6');
    expect(sockets.map((s) => `${formatEndpoint(s.localAddress, s.localPort)} ${formatEndpoint(s.remoteAddress, s.remotePort)} ${s.state}`)).toEqual([
      '[::1]:4369 [::]:0 LISTEN',
      '192.168.1.5:50001 192.168.1.10:22 ESTABLISHED',
      '[2001:db8::1]:80 [2001:db8::2]:54321 TIME_WAIT',
    ]);
  });

  it('tells bound UDP sockets (listening) from connected ones', () => {
    const sockets = parseProcNet(UDP, 'udp');
    expect(sockets.map((s) => [s.state, isListening(s)])).toEqual([['UNCONN', true], ['ESTABLISHED', false]]);
    expect(sockets[1]).toMatchObject({ remoteAddress: '8.8.8.8', remotePort: 53 });
  });
});
