/** Triage on a real folder (recent and old files) and fake process and socket collectors, with caps. */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashFile, walkFiles } from '../sweep/file-walk.js';
import type { HostCollectors, ProcessInfo, SocketInfo } from '../sweep/host.js';
import { collectTriage, TRIAGE_LIMITS } from './triage.js';

let dir: string;
const NOW = Date.parse('2026-03-01T12:00:00Z');

function host(processes: ProcessInfo[], sockets: SocketInfo[]): HostCollectors {
  return {
    platform: 'linux',
    processes: () => Promise.resolve(processes),
    sockets: () => Promise.resolve(sockets),
    walk: (roots, options, stats) => walkFiles(roots, options, stats),
    hashFile: (file) => hashFile(file),
    hashExecutable: () => Promise.resolve(undefined),
    now: () => NOW,
  };
}

const input = { recentHours: 24, maxFiles: 10, maxFileBytes: 1024 * 1024, deadline: Number.MAX_SAFE_INTEGER };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-triage-'));
  for (const [name, hoursAgo] of [['new.sh', 1], ['newer.sh', 0.5], ['old.conf', 48]] as const) {
    const file = path.join(dir, name);
    await writeFile(file, `${name}\n`);
    const t = new Date(NOW - hoursAgo * 3600_000);
    await utimes(file, t, t);
  }
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('collectTriage', () => {
  it('lists processes, connections, listening ports and recent files with hashes, newest first', async () => {
    const sockets: SocketInfo[] = [
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 22, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 0, pid: 5, process: 'sshd' },
      { proto: 'tcp6', localAddress: 'fd00::5', localPort: 22, remoteAddress: 'fd00::9', remotePort: 51000, state: 'ESTABLISHED', uid: 0, pid: 6 },
    ];
    const evidence = await collectTriage({ ...input, paths: [dir] }, host([{ pid: 5, name: 'sshd', ppid: 1, uid: 0, exe: '/usr/sbin/sshd', cmdline: 'sshd -D' }], sockets));
    expect(evidence.processes).toEqual([{ pid: 5, name: 'sshd', ppid: 1, uid: 0, exe: '/usr/sbin/sshd', cmdline: 'sshd -D' }]);
    expect(evidence.listening).toEqual([{ proto: 'tcp', local: '0.0.0.0:22', pid: 5, process: 'sshd' }]);
    expect(evidence.connections).toEqual([{ proto: 'tcp6', local: '[fd00::5]:22', remote: '[fd00::9]:51000', state: 'ESTABLISHED', pid: 6 }]);
    expect(evidence.recentFiles).toEqual([
      { path: path.join(dir, 'newer.sh'), size: 9, mtime: '2026-03-01T11:30:00.000Z', sha256: createHash('sha256').update('newer.sh\n').digest('hex') },
      { path: path.join(dir, 'new.sh'), size: 7, mtime: '2026-03-01T11:00:00.000Z', sha256: createHash('sha256').update('new.sh\n').digest('hex') },
    ]);
    expect(evidence).toMatchObject({ collectedAt: '2026-03-01T12:00:00.000Z', recentHours: 24, truncated: {}, unsupported: [], walk: { stoppedBy: false } });
  });

  it('caps each list and says what the totals were', async () => {
    const processes = Array.from({ length: TRIAGE_LIMITS.processes + 5 }, (_, i) => ({ pid: i + 1, name: `p${i}` }));
    const evidence = await collectTriage({ ...input, paths: [dir], maxFiles: 1 }, host(processes, []));
    expect(evidence.processes).toHaveLength(TRIAGE_LIMITS.processes);
    expect(evidence.recentFiles).toHaveLength(1);
    expect(evidence.truncated).toEqual({ processes: { total: TRIAGE_LIMITS.processes + 5, listed: TRIAGE_LIMITS.processes }, recentFiles: { total: 1, listed: 1, walkStopped: 'maxFiles' } });
    expect(evidence.walk.stoppedBy).toBe('maxFiles');
  });
});
