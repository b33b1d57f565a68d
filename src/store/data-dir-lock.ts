/**
 * An exclusive lock on a PGlite data folder. PGlite has no postmaster to refuse a second opener, and two
 * processes writing one data folder corrupt it, so the store takes `<dataDir>/firebreak.lock` (holding the
 * pid) before opening. A lock left by a process that is gone is taken over.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OperationalError } from '../shared/errors.js';

export const LOCK_FILE_NAME = 'firebreak.lock';

/** Folders locked by this process: a pid equal to ours in a lock we do not hold is from an earlier life. */
const heldHere = new Set<string>();

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Creates the folder if missing and locks it.
 * @throws OperationalError `store_data_dir_locked` when another live process (or this one) holds it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE_NAME);
  mkdirSync(dir, { recursive: true });
  if (heldHere.has(dir)) throw lockedError(dir, file, process.pid);
  if (!tryCreate(file)) {
    const owner = readOwner(file);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw lockedError(dir, file, owner);
    // Stale: the owner is gone (or it is our own pid from before a restart). Take it over.
    unlinkSync(file);
    if (!tryCreate(file)) throw lockedError(dir, file, readOwner(file));
  }
  heldHere.add(dir);
  return {
    file,
    release: () => {
      heldHere.delete(dir);
      if (readOwner(file) === process.pid) unlinkSync(file);
    },
  };
}

function tryCreate(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, 'EPERM');
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function lockedError(dir: string, file: string, owner: number | undefined): OperationalError {
  const who = owner === process.pid ? 'this process' : `process ${owner ?? '(unknown)'}`;
  return new OperationalError(
    'store_data_dir_locked',
    `the data folder ${dir} is already open in ${who} (lock file ${file}). ` +
      'HINT: stop the other firebreak process that uses it, or use another data folder; ' +
      'a lock left by a process that no longer runs is taken over automatically.',
    false,
  );
}
