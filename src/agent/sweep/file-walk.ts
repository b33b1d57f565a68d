/**
 * Walking folders and hashing files, safely on a host that may be hostile: symbolic links are never
 * followed, special files (devices, FIFOs, sockets) are skipped, a file is opened with O_NOFOLLOW|O_NONBLOCK
 * and checked to be a regular file before reading (a FIFO swapped in after the walk cannot block the agent),
 * and every bound (files, entries, time) is counted when it stops the walk.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, opendir } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry, WalkOptions, WalkStats } from './host.js';

/** Pseudo file systems that are never walked, even under a root such as `/`. */
const NEVER = ['/proc', '/sys'];

function stopReason(options: WalkOptions, stats: WalkStats, now: () => number): WalkStats['truncated'] {
  if (stats.files >= options.maxFiles) return 'maxFiles';
  if (stats.visited >= options.maxVisited) return 'maxVisited';
  return now() > options.deadline ? 'time' : false;
}

async function* entriesOf(dir: string, stats: WalkStats): AsyncGenerator<string> {
  try {
    for await (const dirent of await opendir(dir)) yield path.join(dir, dirent.name);
  } catch {
    stats.skipped.unreadable++;
  }
}

/** Regular files under the roots, in depth-first order. */
export async function* walkFiles(roots: readonly string[], options: WalkOptions, stats: WalkStats, now: () => number = Date.now): AsyncGenerator<FileEntry> {
  const seen = new Set<string>();
  const stack = [...roots].reverse().map((root) => ({ at: path.resolve(root), root: true }));
  while (stack.length > 0) {
    const reason = stopReason(options, stats, now);
    if (reason) {
      stats.truncated = reason;
      return;
    }
    const { at, root } = stack.pop() as { at: string; root: boolean };
    if (NEVER.some((p) => at === p || at.startsWith(`${p}/`))) continue;
    let info;
    try {
      info = await lstat(at);
    } catch (error) {
      if (root && (error as NodeJS.ErrnoException).code === 'ENOENT') stats.missingPaths.push(at);
      else stats.skipped.unreadable++;
      continue;
    }
    stats.visited++;
    const id = `${info.dev}:${info.ino}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (info.isSymbolicLink()) stats.skipped.symlinks++;
    else if (info.isDirectory()) {
      const children: string[] = [];
      for await (const child of entriesOf(at, stats)) {
        if (children.length + stack.length >= options.maxVisited) break;
        children.push(child);
      }
      for (const child of children.sort().reverse()) stack.push({ at: child, root: false });
    } else if (!info.isFile()) stats.skipped.special++;
    else {
      const entry = { path: at, size: info.size, mtimeMs: info.mtimeMs };
      if (options.accept && !options.accept(entry)) continue;
      if (info.size > options.maxFileBytes) {
        stats.skipped.tooLarge++;
        continue;
      }
      stats.files++;
      yield entry;
    }
  }
}

/**
 * SHA-256 (hex) of a regular file, read as a stream. `follow` opens through a link (needed for
 * `/proc/<pid>/exe`); otherwise a symbolic link is refused. Undefined when the file cannot be read, is not a
 * regular file, or is larger than `maxBytes`.
 */
export async function hashFile(file: string, follow = false, maxBytes = Infinity): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | (follow ? 0 : constants.O_NOFOLLOW));
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return undefined;
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
