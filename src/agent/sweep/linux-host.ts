/**
 * The Linux collectors: processes from /proc/<pid> (comm, exe, cmdline, status), sockets from /proc/net (of the
 * agent's own network namespace) with their owning process found through /proc/<pid>/fd, and files through
 * file-walk.ts. Anything unreadable (a process that exited, a permission) is left out, never fatal.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import os from 'node:os';
import { hashFile, walkFiles } from './file-walk.js';
import type { HostCollectors, ProcessInfo, SocketInfo } from './host.js';
import { parseProcNet, type RawSocket, type SocketProto } from './proc-net.js';

const MAX_PROCESSES = 20_000;
const MAX_FDS = 200_000;
const BATCH = 64;
/** Executables larger than this are not hashed (they count as unhashable). */
const MAX_EXECUTABLE_BYTES = 1024 ** 3;

async function text(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

async function pids(proc: string): Promise<number[]> {
  const names = await readdir(proc).catch(() => [] as string[]);
  return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b).slice(0, MAX_PROCESSES);
}

async function processInfo(proc: string, pid: number): Promise<ProcessInfo | undefined> {
  const base = `${proc}/${pid}`;
  const comm = await text(`${base}/comm`);
  if (comm === undefined) return undefined;
  const [cmdline, exe, status] = await Promise.all([text(`${base}/cmdline`), readlink(`${base}/exe`).catch(() => undefined), text(`${base}/status`)]);
  const ppid = /^PPid:\s+(\d+)/m.exec(status ?? '')?.[1];
  const uid = /^Uid:\s+(\d+)/m.exec(status ?? '')?.[1];
  const args = cmdline?.replace(/\0+$/, '').split('\0').join(' ').slice(0, 1024);
  return { pid, name: comm.trim(), ...(ppid ? { ppid: Number(ppid) } : {}), ...(uid ? { uid: Number(uid) } : {}), ...(exe ? { exe } : {}), ...(args ? { cmdline: args } : {}) };
}

async function inBatches<T, R>(list: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(...(await Promise.all(list.slice(i, i + BATCH).map(run))));
  return out;
}

export async function linuxProcesses(proc = '/proc'): Promise<ProcessInfo[]> {
  const found = await inBatches(await pids(proc), (pid) => processInfo(proc, pid));
  return found.filter((p): p is ProcessInfo => p !== undefined);
}

/** Socket inode -> owning pid, from the `socket:[inode]` links in /proc/<pid>/fd (root sees every process). */
async function socketOwners(proc: string): Promise<Map<number, number>> {
  const owners = new Map<number, number>();
  let fds = 0;
  for (const pid of await pids(proc)) {
    const names = await readdir(`${proc}/${pid}/fd`).catch(() => [] as string[]);
    fds += names.length;
    if (fds > MAX_FDS) break;
    const links = await inBatches(names, (fd) => readlink(`${proc}/${pid}/fd/${fd}`).catch(() => ''));
    for (const link of links) {
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && !owners.has(Number(inode))) owners.set(Number(inode), pid);
    }
  }
  return owners;
}

export async function linuxSockets(proc = '/proc'): Promise<SocketInfo[]> {
  const littleEndian = os.endianness() === 'LE';
  const raw: RawSocket[] = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6'] as SocketProto[]) {
    const table = await text(`${proc}/net/${proto}`);
    if (table !== undefined) raw.push(...parseProcNet(table, proto, littleEndian));
  }
  const owners = await socketOwners(proc);
  const names = new Map<number, string>();
  for (const pid of new Set(owners.values())) {
    const comm = await text(`${proc}/${pid}/comm`);
    if (comm !== undefined) names.set(pid, comm.trim());
  }
  return raw.map(({ inode, ...s }) => {
    const pid = owners.get(inode);
    const name = pid === undefined ? undefined : names.get(pid);
    return { ...s, ...(pid !== undefined ? { pid } : {}), ...(name !== undefined ? { process: name } : {}) };
  });
}

/** Collectors for this host. On other systems only files are walked; processes and sockets say unsupported. */
export function hostCollectors(platform: NodeJS.Platform = process.platform, proc = '/proc'): HostCollectors {
  const linux = platform === 'linux';
  return {
    platform,
    processes: () => (linux ? linuxProcesses(proc) : Promise.resolve(undefined)),
    sockets: () => (linux ? linuxSockets(proc) : Promise.resolve(undefined)),
    walk: (roots, options, stats) => walkFiles(roots, options, stats),
    hashFile: (file) => hashFile(file),
    hashExecutable: (pid) => (linux ? hashFile(`${proc}/${pid}/exe`, true, MAX_EXECUTABLE_BYTES) : Promise.resolve(undefined)),
    now: () => Date.now(),
  };
}
