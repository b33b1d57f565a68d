/** Indicator matching: hashes in any case, process names by every name a process goes by, remote networks. */
import { describe, expect, it } from 'vitest';
import { indexIndicators, matchConnection, matchExecutable, matchFile, matchProcess, processNames } from './match.js';
import type { SocketInfo } from './host.js';

const HASH = 'AB'.repeat(32);
const index = indexIndicators({ sha256: [HASH], processNames: ['Regsvr32.exe', 'xmrig', 'very-long-implant-name'], remote: ['203.0.113.0/24', '2001:db8:bad::/48', '198.51.100.7'] });

const socket = (remoteAddress: string, remotePort = 443, state = 'ESTABLISHED'): SocketInfo => ({ proto: 'tcp', localAddress: '10.0.0.5', localPort: 50000, remoteAddress, remotePort, state, uid: 0, pid: 42, process: 'curl' });

describe('matchProcess', () => {
  it('matches the executable name, argv[0] or the kernel name, whatever the case', () => {
    expect(matchProcess(index, { pid: 1, name: 'kworker', exe: '/tmp/.x/XMRig' })).toMatchObject({ kind: 'process', indicator: 'xmrig', detail: { pid: 1, exe: '/tmp/.x/XMRig' } });
    expect(matchProcess(index, { pid: 2, name: 'wine', cmdline: 'C:\\Windows\\System32\\regsvr32.EXE /s x.dll' })?.indicator).toBe('regsvr32.exe');
    expect(matchProcess(index, { pid: 3, name: 'xmrig' })?.indicator).toBe('xmrig');
    expect(matchProcess(index, { pid: 4, name: 'bash', exe: '/usr/bin/bash', cmdline: 'bash -c xmrig' })).toBeUndefined();
  });

  it('matches a name the kernel cut at 15 characters when the executable cannot be read', () => {
    expect(matchProcess(index, { pid: 5, name: 'very-long-impla' })?.indicator).toBe('very-long-implant-name');
    expect(matchProcess(index, { pid: 6, name: 'very-long-impla', exe: '/usr/bin/other' })).toBeUndefined();
  });

  it('strips " (deleted)" from an executable removed while running', () => {
    expect(processNames({ pid: 7, name: 'x', exe: '/dev/shm/xmrig (deleted)' })).toContain('xmrig');
  });
});

describe('hash matches', () => {
  it('matches files and running executables by SHA-256 in any case', () => {
    expect(matchFile(index, { path: '/tmp/a', size: 3, mtimeMs: 0 }, HASH.toLowerCase())).toMatchObject({ kind: 'file', indicator: HASH.toLowerCase(), detail: { path: '/tmp/a', mtime: '1970-01-01T00:00:00.000Z' } });
    expect(matchFile(index, { path: '/tmp/b', size: 3, mtimeMs: 0 }, 'cd'.repeat(32))).toBeUndefined();
    expect(matchExecutable(index, { pid: 9, name: 'svc', exe: '/opt/svc' }, HASH)).toMatchObject({ kind: 'process', detail: { pid: 9, sha256: HASH.toLowerCase() } });
  });
});

describe('matchConnection', () => {
  it('matches remote addresses in indicator networks and names the network', () => {
    expect(matchConnection(index, socket('203.0.113.9'))).toEqual({
      kind: 'connection', indicator: '203.0.113.0/24', detail: { proto: 'tcp', local: '10.0.0.5:50000', remote: '203.0.113.9:443', state: 'ESTABLISHED', pid: 42, process: 'curl' },
    });
    expect(matchConnection(index, socket('198.51.100.7'))?.indicator).toBe('198.51.100.7');
    expect(matchConnection(index, socket('2001:db8:bad::10'))?.indicator).toBe('2001:db8:bad::/48');
    expect(matchConnection(index, socket('203.0.114.1'))).toBeUndefined();
  });

  it('ignores sockets without a peer', () => {
    expect(matchConnection(indexIndicators({ sha256: [], processNames: [], remote: ['0.0.0.0/0'] }), socket('0.0.0.0', 0, 'LISTEN'))).toBeUndefined();
  });
});
