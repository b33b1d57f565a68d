/**
 * Reads rule files from folders (recursively) or single files: every `.yml`/`.yaml`, sorted by path, as
 * `{ file, text }` for compileRules. The only file reading for rules; the rest of the engine takes text.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RuleSource } from '../engine/compile-rules.js';

const RULE_FILE = /\.ya?ml$/i;

async function collect(target: string, out: string[]): Promise<void> {
  const info = await stat(target);
  if (info.isFile()) {
    out.push(target);
    return;
  }
  const entries = await readdir(target, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) await collect(full, out);
    else if (RULE_FILE.test(entry.name)) out.push(full);
  }
}

/**
 * Reads every rule file under the given folders or files.
 *
 * @example
 * const sources = await readRuleSources(['../shared/data/sigma/rules']);
 * const { engine, problems } = compileRules(sources);
 */
export async function readRuleSources(paths: readonly string[]): Promise<RuleSource[]> {
  const files: string[] = [];
  for (const target of paths) await collect(target, files);
  files.sort();
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}
