/**
 * Triage: what runs, what talks, what listens, and what changed lately, with hashes, in one bounded piece
 * of evidence. Lists are capped (and say so, with the totals); files changed in the last `recentHours` under
 * the paths are hashed, newest first.
 */
import { emptyWalkStats, type FileEntry, type HostCollectors, type WalkStats } from '../sweep/host.js';
import { formatEndpoint, isListening } from '../sweep/proc-net.js';
import { capList, fitToBytes, type Truncation } from './bound.js';

export interface TriageInput {
  recentHours: number;
  paths: string[];
  maxFiles: number;
  maxFileBytes: number;
  deadline: number;
}

export const TRIAGE_LIMITS = { processes: 2000, connections: 2000, listening: 500, maxBytes: 700_000 } as const;

interface RecentFile {
  path: string;
  size: number;
  mtime: string;
  sha256: string | null;
}

async function recentFiles(input: TriageInput, host: HostCollectors, since: number, stats: WalkStats): Promise<RecentFile[]> {
  const out: RecentFile[] = [];
  const options = { maxFiles: input.maxFiles, maxFileBytes: input.maxFileBytes, maxVisited: 2_000_000, deadline: input.deadline, accept: (f: { mtimeMs: number }) => f.mtimeMs >= since };
  let batch: FileEntry[] = [];
  const flush = async () => {
    const hashes = await Promise.all(batch.map((file) => host.hashFile(file.path)));
    batch.forEach((file, j) => out.push({ path: file.path, size: file.size, mtime: new Date(file.mtimeMs).toISOString(), sha256: hashes[j] ?? null }));
    batch = [];
  };
  // Hashed a few at a time while walking, so the walk's deadline bounds the hashing too.
  for await (const file of host.walk(input.paths, options, stats)) {
    batch.push(file);
    if (batch.length >= 8) await flush();
  }
  await flush();
  return out.sort((a, b) => b.mtime.localeCompare(a.mtime) || a.path.localeCompare(b.path));
}

async function processList(host: HostCollectors) {
  const processes = await host.processes();
  return processes?.map((p) => ({ pid: p.pid, name: p.name, ...(p.ppid !== undefined ? { ppid: p.ppid } : {}), ...(p.uid !== undefined ? { uid: p.uid } : {}), ...(p.exe ? { exe: p.exe } : {}), ...(p.cmdline ? { cmdline: p.cmdline.slice(0, 512) } : {}) }));
}

async function socketLists(host: HostCollectors) {
  const sockets = await host.sockets();
  if (!sockets) return undefined;
  const owner = (s: (typeof sockets)[number]) => ({ ...(s.pid !== undefined ? { pid: s.pid } : {}), ...(s.process ? { process: s.process } : {}) });
  return {
    connections: sockets.filter((s) => !isListening(s)).map((s) => ({ proto: s.proto, local: formatEndpoint(s.localAddress, s.localPort), remote: formatEndpoint(s.remoteAddress, s.remotePort), state: s.state, ...owner(s) })),
    listening: sockets.filter(isListening).map((s) => ({ proto: s.proto, local: formatEndpoint(s.localAddress, s.localPort), ...owner(s) })),
  };
}

/** Collects the triage evidence: `{processes, connections, listening, recentFiles, collectedAt, truncated, ...}`. */
export async function collectTriage(input: TriageInput, host: HostCollectors) {
  const started = host.now();
  const unsupported: string[] = [];
  const processes = await processList(host);
  if (!processes) unsupported.push('processes');
  const sockets = await socketLists(host);
  if (!sockets) unsupported.push('connections', 'listening');
  const stats = emptyWalkStats();
  const files = await recentFiles(input, host, started - input.recentHours * 3600_000, stats);
  const truncated: Record<string, Truncation> = {};
  const capped = <T>(name: string, list: readonly T[], max: number): T[] => {
    const out = capList(list, max);
    if (out.truncated) truncated[name] = out.truncated;
    return out.items;
  };
  const lists = {
    processes: capped('processes', processes ?? [], TRIAGE_LIMITS.processes),
    connections: capped('connections', sockets?.connections ?? [], TRIAGE_LIMITS.connections),
    listening: capped('listening', sockets?.listening ?? [], TRIAGE_LIMITS.listening),
    recentFiles: capped('recentFiles', files, input.maxFiles),
  };
  if (stats.truncated) truncated['recentFiles'] = { total: files.length, listed: lists.recentFiles.length, walkStopped: stats.truncated };
  const rest = {
    collectedAt: new Date(started).toISOString(),
    recentHours: input.recentHours,
    paths: input.paths,
    walk: { visited: stats.visited, skipped: stats.skipped, stoppedBy: stats.truncated, missingPaths: stats.missingPaths },
    unsupported,
    durationMs: Math.max(0, host.now() - started),
  };
  return fitToBytes(rest, lists, truncated, TRIAGE_LIMITS.maxBytes);
}
