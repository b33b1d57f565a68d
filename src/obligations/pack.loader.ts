/**
 * The one module of src/obligations that does I/O: it reads the `*.yaml` files of a rule-pack folder and
 * hands their text to `buildRulePack` (parsing and validation stay pure).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRulePack, type RulePackLoad } from './pack-parse.js';

/**
 * Reads every `.yaml`/`.yml` file of `dir` (not recursive, in name order) and builds the pack. Bad files are
 * rejected with their problems in `issues`; the others load.
 *
 * @example
 * const { pack, issues } = await loadRulePackFolder(defaultRulePackDir());
 * for (const issue of issues) log.warn(formatIssue(issue));
 */
export async function loadRulePackFolder(dir: string): Promise<RulePackLoad> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const sources = await Promise.all(
    names.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })),
  );
  return buildRulePack(sources);
}

/**
 * The project's own rule pack, `content/obligations/`, found from this module's location (source or build).
 *
 * @example
 * defaultRulePackDir(); // '/srv/firebreak/content/obligations'
 */
export function defaultRulePackDir(): string {
  const candidates = ['../../content/obligations', '../../../content/obligations'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0] ?? 'content/obligations';
}
