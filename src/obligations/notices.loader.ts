/**
 * The I/O of notices: reads the `*.md` templates of a folder (default: the project's `content/notices/`) and
 * hands their text to `buildNoticeTemplates` (parsing and checks stay pure).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNoticeTemplates, type NoticeTemplateLoad } from './notices.template.js';

/**
 * Reads every `.md` file of `dir` but its README (not recursive, in name order).
 *
 * @example
 * const { templates, issues } = await loadNoticeTemplates(defaultNoticeTemplateDir(), new Set(pack.rules.map((r) => r.id)));
 */
export async function loadNoticeTemplates(dir: string, knownRules?: ReadonlySet<string>): Promise<NoticeTemplateLoad> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md').sort();
  const sources = await Promise.all(names.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })));
  return buildNoticeTemplates(sources, knownRules);
}

/**
 * The project's own templates, `content/notices/`, found from this module's location (source or build).
 *
 * @example
 * defaultNoticeTemplateDir(); // '/srv/firebreak/content/notices'
 */
export function defaultNoticeTemplateDir(): string {
  const candidates = ['../../content/notices', '../../../content/notices'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0] ?? 'content/notices';
}
