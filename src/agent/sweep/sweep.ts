/**
 * A sweep: compare the host with indicators. Processes (names; executables' hashes when hashes are given),
 * connections (remote networks) and files under the paths (hashes, only when hashes are given: otherwise
 * there is nothing to compare them with). Bounded by files, entries visited and time; the evidence says what
 * was checked, what was skipped and why, and whether the sweep covered everything (`complete`).
 */
import { emptyWalkStats, type FileEntry, type HostCollectors, type WalkStats } from './host.js';
import { indexIndicators, matchConnection, matchExecutable, matchFile, matchProcess, type Finding, type IndicatorIndex } from './match.js';
import { isListening } from './proc-net.js';

export interface SweepInput {
  sha256: string[];
  processNames: string[];
  remote: string[];
  paths: string[];
  maxFiles: number;
  maxFileBytes: number;
  /** Epoch ms after which the walk stops (and the sweep is reported incomplete). */
  deadline: number;
}

export interface SweepEvidence {
  /** No finding. A host is cleared by a sweep that is clean and complete. */
  clean: boolean;
  /** Every path walked to the end, processes and connections listed. */
  complete: boolean;
  findings: Finding[];
  /** Findings left out of the evidence (more than MAX_FINDINGS). */
  findingsOmitted: number;
  checked: { files: number; executables: number; processes: number; connections: number };
  skipped: WalkStats['skipped'] & { unhashable: number };
  truncated: WalkStats['truncated'];
  paths: string[];
  missingPaths: string[];
  indicators: { sha256: number; processNames: number; remote: number };
  /** Parts this system has no collector for (`processes`, `connections`). */
  unsupported: string[];
  durationMs: number;
}

export const MAX_FINDINGS = 500;
const MAX_EXECUTABLES = 5000;
const MAX_VISITED = 2_000_000;

class Findings {
  readonly list: Finding[] = [];
  omitted = 0;
  add(finding: Finding | undefined): void {
    if (!finding) return;
    if (this.list.length < MAX_FINDINGS) this.list.push(finding);
    else this.omitted++;
  }
}

async function sweepProcesses(input: SweepInput, host: HostCollectors, index: IndicatorIndex, found: Findings, evidence: SweepEvidence): Promise<void> {
  const processes = await host.processes();
  if (!processes) return void evidence.unsupported.push('processes');
  evidence.checked.processes = processes.length;
  for (const p of processes) found.add(matchProcess(index, p));
  if (index.sha256.size === 0) return;
  const seen = new Set<string>();
  for (const p of processes) {
    if (!p.exe || seen.has(p.exe)) continue;
    if (seen.size >= MAX_EXECUTABLES || host.now() > input.deadline) {
      evidence.truncated = seen.size >= MAX_EXECUTABLES ? 'maxFiles' : 'time';
      return;
    }
    seen.add(p.exe);
    const hash = await host.hashExecutable(p.pid);
    if (hash === undefined) {
      evidence.skipped.unhashable++;
      continue;
    }
    evidence.checked.executables++;
    found.add(matchExecutable(index, p, hash));
  }
}

async function sweepConnections(host: HostCollectors, index: IndicatorIndex, found: Findings, evidence: SweepEvidence): Promise<void> {
  const sockets = await host.sockets();
  if (!sockets) return void evidence.unsupported.push('connections');
  const connections = sockets.filter((s) => !isListening(s));
  evidence.checked.connections = connections.length;
  for (const s of connections) found.add(matchConnection(index, s));
}

/** Files are hashed a few at a time: small files are bound by I/O latency, not by the CPU. */
const PARALLEL_HASHES = 8;

async function sweepFiles(input: SweepInput, host: HostCollectors, index: IndicatorIndex, found: Findings, evidence: SweepEvidence): Promise<void> {
  if (index.sha256.size === 0) return;
  const stats = emptyWalkStats();
  const options = { maxFiles: input.maxFiles, maxFileBytes: input.maxFileBytes, maxVisited: MAX_VISITED, deadline: input.deadline };
  let batch: FileEntry[] = [];
  const flush = async () => {
    const hashes = await Promise.all(batch.map((file) => host.hashFile(file.path)));
    batch.forEach((file, i) => {
      const hash = hashes[i];
      if (hash === undefined) return void evidence.skipped.unhashable++;
      evidence.checked.files++;
      found.add(matchFile(index, file, hash));
    });
    batch = [];
  };
  for await (const file of host.walk(input.paths, options, stats)) {
    batch.push(file);
    if (batch.length >= PARALLEL_HASHES) await flush();
  }
  await flush();
  evidence.skipped = { ...stats.skipped, unhashable: evidence.skipped.unhashable };
  evidence.truncated = evidence.truncated || stats.truncated;
  evidence.missingPaths = stats.missingPaths;
}

export async function runSweep(input: SweepInput, host: HostCollectors): Promise<SweepEvidence> {
  const started = host.now();
  const index = indexIndicators(input);
  const found = new Findings();
  const evidence: SweepEvidence = {
    clean: true, complete: true, findings: [], findingsOmitted: 0,
    checked: { files: 0, executables: 0, processes: 0, connections: 0 },
    skipped: { special: 0, symlinks: 0, unreadable: 0, tooLarge: 0, unhashable: 0 }, truncated: false,
    paths: index.sha256.size === 0 ? [] : input.paths, missingPaths: [],
    indicators: { sha256: index.sha256.size, processNames: index.names.size, remote: input.remote.length }, unsupported: [], durationMs: 0,
  };
  await sweepProcesses(input, host, index, found, evidence);
  await sweepConnections(host, index, found, evidence);
  await sweepFiles(input, host, index, found, evidence);
  evidence.findings = found.list;
  evidence.findingsOmitted = found.omitted;
  evidence.clean = found.list.length === 0;
  evidence.complete = evidence.truncated === false && evidence.unsupported.length === 0;
  evidence.durationMs = Math.max(0, host.now() - started);
  return evidence;
}
