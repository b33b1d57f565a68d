import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.js';

const roots: string[] = [];
function freshDir(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'firebreak-lock-'));
  roots.push(root);
  return path.join(root, 'data');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('creates the folder, writes our pid, and removes the lock on release', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses a folder this process already holds, naming the folder', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'store_data_dir_locked' }) as Error);
    expect(() => lockDataDir(dir)).toThrow(path.resolve(dir));
    lock.release();
  });

  it('refuses a folder held by another live process', () => {
    const dir = freshDir();
    lockDataDir(dir).release();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(`process ${process.ppid}`);
  });

  it('takes over a lock left by a process that is gone, or by an earlier run with our pid', () => {
    const dir = freshDir();
    lockDataDir(dir).release();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), `${deadPid()}\n`);
    lockDataDir(dir).release();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), 'garbage');
    lockDataDir(dir).release();
  });
});
