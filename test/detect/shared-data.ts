/**
 * Where the shared data sets live: `../shared/data` next to the repository, or FIREBREAK_SHARED_DATA. Tests
 * that need them say so clearly and skip only when the folder is absent (a fresh clone); in CI it is present.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared data folder (may not exist). */
export const SHARED_DATA = path.resolve(process.env['FIREBREAK_SHARED_DATA'] ?? path.join(repoRoot, '..', 'shared', 'data'));

/** True when the shared data folder exists; otherwise prints why the data-driven tests are skipped. */
export function sharedDataPresent(what: string): boolean {
  if (existsSync(SHARED_DATA)) return true;
  console.warn(
    `SKIPPED ${what}: shared data not found at ${SHARED_DATA}. ` +
      'Put the data next to the repository (../shared/data) or set FIREBREAK_SHARED_DATA.',
  );
  return false;
}

/** A path inside the shared data folder. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
