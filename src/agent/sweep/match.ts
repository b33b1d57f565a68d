/**
 * Matching what a host has against indicators (pure): file hashes (SHA-256, any case), process names
 * (case-insensitive, against the kernel's name, the executable's file name and argv[0]) and remote addresses of
 * connections (against networks). Each match is a finding that says which indicator matched what.
 */
import { intervalsContain, intervalsOf, type Interval } from '../gateway/intervals.js';
import type { ProcessInfo, SocketInfo } from './host.js';
import { formatEndpoint } from './proc-net.js';

export interface Indicators {
  sha256: readonly string[];
  processNames: readonly string[];
  remote: readonly string[];
}

export interface IndicatorIndex {
  sha256: ReadonlySet<string>;
  names: ReadonlySet<string>;
  remote: readonly Interval[];
  /** The CIDRs as given, to say which one matched. */
  remoteCidrs: readonly string[];
}

export type FindingKind = 'file' | 'process' | 'connection';

export interface Finding {
  kind: FindingKind;
  /** The indicator that matched, as given (a hash, a name, a network). */
  indicator: string;
  detail: Record<string, unknown>;
}

/** Linux keeps at most 15 characters of a process name in `comm`. */
const COMM_LENGTH = 15;

export function indexIndicators(indicators: Indicators): IndicatorIndex {
  return {
    sha256: new Set(indicators.sha256.map((h) => h.toLowerCase())),
    names: new Set(indicators.processNames.map((n) => n.toLowerCase())),
    remote: intervalsOf(indicators.remote),
    remoteCidrs: indicators.remote,
  };
}

export function isEmptyIndex(index: IndicatorIndex): boolean {
  return index.sha256.size === 0 && index.names.size === 0 && index.remote.length === 0;
}

function baseName(file: string): string {
  return file.replace(/ \(deleted\)$/, '').split(/[\\/]/).pop() ?? file;
}

/** The names a process goes by: executable file name, argv[0]'s file name, and the kernel's name. */
export function processNames(p: ProcessInfo): string[] {
  const argv0 = p.cmdline?.split(' ')[0];
  return [...new Set([p.exe ? baseName(p.exe) : undefined, argv0 ? baseName(argv0) : undefined, p.name].filter((n): n is string => !!n).map((n) => n.toLowerCase()))];
}

function processDetail(p: ProcessInfo): Record<string, unknown> {
  return { pid: p.pid, name: p.name, ...(p.exe ? { exe: p.exe } : {}), ...(p.cmdline ? { cmdline: p.cmdline.slice(0, 300) } : {}), ...(p.ppid !== undefined ? { ppid: p.ppid } : {}), ...(p.uid !== undefined ? { uid: p.uid } : {}) };
}

/** A process whose name is an indicator. A 15-character kernel name also matches a longer indicator it starts. */
export function matchProcess(index: IndicatorIndex, p: ProcessInfo): Finding | undefined {
  const names = processNames(p);
  let hit = names.find((n) => index.names.has(n));
  if (!hit && !p.exe && p.name.length === COMM_LENGTH) {
    const comm = p.name.toLowerCase();
    hit = [...index.names].find((n) => n.length > COMM_LENGTH && n.startsWith(comm));
  }
  return hit === undefined ? undefined : { kind: 'process', indicator: hit, detail: processDetail(p) };
}

/** A running process whose executable's hash is an indicator. */
export function matchExecutable(index: IndicatorIndex, p: ProcessInfo, sha256: string): Finding | undefined {
  const hash = sha256.toLowerCase();
  return index.sha256.has(hash) ? { kind: 'process', indicator: hash, detail: { ...processDetail(p), sha256: hash } } : undefined;
}

export function matchFile(index: IndicatorIndex, file: { path: string; size: number; mtimeMs: number }, sha256: string): Finding | undefined {
  const hash = sha256.toLowerCase();
  return index.sha256.has(hash) ? { kind: 'file', indicator: hash, detail: { path: file.path, size: file.size, mtime: new Date(file.mtimeMs).toISOString(), sha256: hash } } : undefined;
}

/** A connection whose remote address lies in an indicator network (listening sockets have no remote). */
export function matchConnection(index: IndicatorIndex, s: SocketInfo): Finding | undefined {
  if (s.remotePort === 0 || !intervalsContain(index.remote, s.remoteAddress)) return undefined;
  const cidr = index.remoteCidrs.find((c) => intervalsContain(intervalsOf([c]), s.remoteAddress)) ?? s.remoteAddress;
  return {
    kind: 'connection',
    indicator: cidr,
    detail: { proto: s.proto, local: formatEndpoint(s.localAddress, s.localPort), remote: formatEndpoint(s.remoteAddress, s.remotePort), state: s.state, ...(s.pid !== undefined ? { pid: s.pid } : {}), ...(s.process ? { process: s.process } : {}) },
  };
}
