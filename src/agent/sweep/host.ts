/**
 * What the sweep and triage read from the host, behind one interface so that tests run without root and other
 * systems can plug in their own collectors. Linux reads /proc (see linux-host.ts).
 */
import type { SocketProto } from './proc-net.js';

export interface ProcessInfo {
  pid: number;
  ppid?: number;
  uid?: number;
  /** The kernel's short name (`comm`, at most 15 characters on Linux). */
  name: string;
  /** The executable's path (` (deleted)` when it was removed from disk while running). */
  exe?: string;
  /** Arguments joined by spaces, cut at 1024 characters. */
  cmdline?: string;
}

export interface SocketInfo {
  proto: SocketProto;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  state: string;
  uid: number;
  pid?: number;
  /** The owning process's name, when known. */
  process?: string;
}

export interface FileEntry {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  maxFiles: number;
  /** Files larger than this are counted, not hashed. */
  maxFileBytes: number;
  /** Entries looked at (files and folders) at most, whatever is accepted. */
  maxVisited: number;
  /** Stop when `Date.now()`-style time passes this (epoch ms). */
  deadline: number;
  /** Which files to yield (all when absent), e.g. "changed in the last 24 hours". */
  accept?: (entry: FileEntry) => boolean;
}

export interface WalkStats {
  visited: number;
  files: number;
  skipped: { special: number; symlinks: number; unreadable: number; tooLarge: number };
  /** Why the walk stopped early, if it did. */
  truncated: false | 'maxFiles' | 'maxVisited' | 'time';
  missingPaths: string[];
}

export interface HostCollectors {
  platform: NodeJS.Platform;
  /** Every process, or undefined when this system has no collector for them. */
  processes(): Promise<ProcessInfo[] | undefined>;
  /** Every TCP and UDP socket with its owning process when known, or undefined when unsupported. */
  sockets(): Promise<SocketInfo[] | undefined>;
  /** Regular files under the roots (no symlinks followed, special files skipped), counting what was skipped. */
  walk(roots: readonly string[], options: WalkOptions, stats: WalkStats): AsyncIterable<FileEntry>;
  /** SHA-256 (hex) of a regular file, streamed; undefined when it cannot be read or is not a regular file. */
  hashFile(path: string): Promise<string | undefined>;
  /** SHA-256 of a running process's executable (works when it was deleted from disk), or undefined. */
  hashExecutable(pid: number): Promise<string | undefined>;
  now(): number;
}

export function emptyWalkStats(): WalkStats {
  return { visited: 0, files: 0, skipped: { special: 0, symlinks: 0, unreadable: 0, tooLarge: 0 }, truncated: false, missingPaths: [] };
}
