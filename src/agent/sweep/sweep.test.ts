/** The sweep over a real folder and fake process and socket collectors; the file walk's bounds and skips. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashFile, walkFiles } from './file-walk.js';
import { emptyWalkStats, type HostCollectors, type ProcessInfo, type SocketInfo } from './host.js';
import { runSweep, type SweepInput } from './sweep.js';

let dir: string;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const EVIL = 'evil payload\n';

function fakeHost(processes: ProcessInfo[] | undefined, sockets: SocketInfo[] | undefined, exeHashes: Record<number, string> = {}): HostCollectors {
  return {
    platform: 'linux',
    processes: () => Promise.resolve(processes),
    sockets: () => Promise.resolve(sockets),
    walk: (roots, options, stats) => walkFiles(roots, options, stats),
    hashFile: (file) => hashFile(file),
    hashExecutable: (pid) => Promise.resolve(exeHashes[pid]),
    now: () => 1_000,
  };
}

const input = (over: Partial<SweepInput> = {}): SweepInput => ({
  sha256: [sha(EVIL).toUpperCase()], processNames: ['xmrig'], remote: ['203.0.113.0/24'], paths: [dir], maxFiles: 1000, maxFileBytes: 1024 * 1024, deadline: Number.MAX_SAFE_INTEGER, ...over,
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-sweep-'));
  await mkdir(path.join(dir, 'a/b'), { recursive: true });
  await writeFile(path.join(dir, 'a/b/dropper.bin'), EVIL);
  await writeFile(path.join(dir, 'a/readme.txt'), 'fine\n');
  await writeFile(path.join(dir, 'big.iso'), Buffer.alloc(2 * 1024 * 1024));
  await symlink(path.join(dir, 'a/b/dropper.bin'), path.join(dir, 'link-to-dropper'));
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('runSweep', () => {
  it('reports every kind of finding, what it checked and what it skipped', async () => {
    const processes: ProcessInfo[] = [{ pid: 10, name: 'xmrig', exe: '/dev/shm/xmrig' }, { pid: 11, name: 'sshd', exe: '/usr/sbin/sshd' }];
    const sockets: SocketInfo[] = [
      { proto: 'tcp', localAddress: '10.0.0.5', localPort: 40000, remoteAddress: '203.0.113.50', remotePort: 443, state: 'ESTABLISHED', uid: 0, pid: 10 },
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 22, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 0 },
    ];
    const evidence = await runSweep(input(), fakeHost(processes, sockets, { 11: sha(EVIL) }));
    expect(evidence.findings.map((f) => `${f.kind} ${f.indicator} ${JSON.stringify(f.detail['path'] ?? f.detail['remote'] ?? f.detail['pid'])}`)).toEqual([
      'process xmrig 10',
      `process ${sha(EVIL)} 11`,
      'connection 203.0.113.0/24 "203.0.113.50:443"',
      `file ${sha(EVIL)} "${path.join(dir, 'a/b/dropper.bin')}"`,
    ]);
    expect(evidence).toMatchObject({
      clean: false, complete: true, findingsOmitted: 0,
      checked: { files: 2, executables: 1, processes: 2, connections: 1 },
      skipped: { special: 1, symlinks: 1, tooLarge: 1, unreadable: 0, unhashable: 1 },
      truncated: false, paths: [dir], missingPaths: [], indicators: { sha256: 1, processNames: 1, remote: 1 }, unsupported: [],
    });
  });

  it('is clean but incomplete when it stopped at maxFiles, and says so', async () => {
    const evidence = await runSweep(input({ sha256: [sha('nothing')], maxFiles: 1 }), fakeHost([], []));
    expect(evidence).toMatchObject({ clean: true, complete: false, truncated: 'maxFiles', checked: { files: 1 } });
  });

  it('hashes no files when no hash is given, and names what this system cannot list', async () => {
    const evidence = await runSweep(input({ sha256: [], paths: [dir, path.join(dir, 'missing')] }), fakeHost(undefined, undefined));
    expect(evidence).toMatchObject({ clean: true, complete: false, checked: { files: 0, processes: 0 }, paths: [], unsupported: ['processes', 'connections'] });
  });
});

describe('walkFiles', () => {
  it('names missing roots, never walks /proc, and visits each folder once', async () => {
    const stats = emptyWalkStats();
    const seen: string[] = [];
    const options = { maxFiles: 100, maxFileBytes: 10 * 1024 * 1024, maxVisited: 1000, deadline: Number.MAX_SAFE_INTEGER };
    for await (const f of walkFiles([path.join(dir, 'nope'), '/proc/self', dir, path.join(dir, 'a')], options, stats)) seen.push(path.relative(dir, f.path));
    expect(seen).toEqual(['a/b/dropper.bin', 'a/readme.txt', 'big.iso']);
    expect(stats.missingPaths).toEqual([path.join(dir, 'nope')]);
  });

  it('stops at the deadline and says why', async () => {
    const stats = emptyWalkStats();
    const options = { maxFiles: 100, maxFileBytes: 1024, maxVisited: 1000, deadline: 0 };
    for await (const _ of walkFiles([dir], options, stats, () => 1)) throw new Error('nothing should be walked');
    expect(stats.truncated).toBe('time');
  });

  it('does not hash through a symbolic link or a FIFO', async () => {
    expect(await hashFile(path.join(dir, 'link-to-dropper'))).toBeUndefined();
    expect(await hashFile(path.join(dir, 'pipe'))).toBeUndefined();
    expect(await hashFile(path.join(dir, 'a/b/dropper.bin'))).toBe(sha(EVIL));
  });
});
