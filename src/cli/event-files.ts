/** Finds event files under the paths given on the command line: files as named, folders walked recursively. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../shared/errors.js';

const EVENT_FILE = /\.(jsonl|ndjson|json)(\.gz)?$/i;

export async function findEventFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new UserError('invalid_input', `no such file or folder: ${p}`, [], { hint: 'check the path' });
    if (info.isFile()) files.push(p);
    else if (info.isDirectory()) files.push(...(await walk(p)));
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && EVENT_FILE.test(entry.name)) out.push(full);
  }
  return out;
}
