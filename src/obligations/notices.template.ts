/**
 * Notice templates: Markdown with a YAML front matter (`---` ... `---`) and `{{placeholders}}`. Parsing is pure
 * (text in, a template or located problems out): a template with any problem is rejected with file, line, field
 * and a hint, the others load. See `content/notices/README.md` for the format.
 */
import type { z } from 'zod';
import { formatPath } from '../estate/index.js';
import type { Issue } from '../shared/errors.js';
import { readYamlSource, type FieldPath } from '../shared/yaml-source.js';
import {
  PLACEHOLDER_KEYS,
  PLACEHOLDER_PATTERN,
  isPlaceholderKey,
  nearestOf,
  nearestPlaceholder,
  type PlaceholderKey,
} from './notices.placeholders.js';
import { NOTICE_AUDIENCES, noticeTemplateMetaSchema, type NoticeTemplateMeta } from './notices.schema.js';

export interface NoticeTemplate extends NoticeTemplateMeta {
  file: string;
  /** The Markdown after the front matter. */
  body: string;
  placeholders: PlaceholderKey[];
}

export interface NoticeTemplateSource {
  file: string;
  text: string;
}

export type ParsedNoticeTemplate = { ok: true; template: NoticeTemplate } | { ok: false; file: string; issues: Issue[] };

export interface NoticeTemplateLoad {
  templates: NoticeTemplate[];
  issues: Issue[];
  rejectedFiles: string[];
}

const HINTS: Record<string, string> = {
  format: 'write `format: 1` (the only version of the notice template format)',
  id: 'use lower-case letters, digits and "-", e.g. eu-gdpr-33',
  audience: `use one of: ${NOTICE_AUDIENCES.join(', ')}`,
  source: 'add `source:` with `citation:` (the law and article that sets the content) and `urls:` (at least one link)',
  citation: 'name the law and article, e.g. "GDPR Art. 33(3)"',
  urls: 'list at least one https:// link to the text or a reliable summary',
  checked: 'write the date the template was checked against its source, as YYYY-MM-DD',
  rules: 'list obligation rule ids of the pack (content/obligations), e.g. [eu-gdpr-33]',
  regimes: 'list determination keys such as gdpr, uk-gdpr, appi',
};

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function issueAt(file: string, line: number | undefined, field: string, message: string, hint: string, column?: number): Issue {
  return { file, line, column, field, message, hint };
}

function metaIssues(file: string, raw: unknown, error: z.ZodError, locate: (path: FieldPath, at?: 'key' | 'value') => { line: number; column: number } | undefined): Issue[] {
  return error.issues.flatMap((issue) => {
    const path: FieldPath = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
    return paths.map((p) => {
      const name = [...p].reverse().find((part): part is string => typeof part === 'string') ?? 'value';
      const unknown = issue.code === 'unrecognized_keys';
      const missing = !unknown && issue.code === 'invalid_type' && valueAt(raw, p) === undefined;
      const allowed = Object.keys(noticeTemplateMetaSchema.shape);
      const near = unknown ? nearestOf(name, allowed) : undefined;
      const message = unknown
        ? `unknown field \`${name}\``
        : missing
          ? `missing required field \`${name}\``
          : issue.code === 'invalid_value'
            ? `${JSON.stringify(valueAt(raw, p))} is not one of ${issue.values.map(String).join(', ')}`
            : issue.message;
      const hint = unknown ? `${near === undefined ? 'remove it or fix its name' : `did you mean \`${near}\`?`}; allowed: ${allowed.join(', ')}` : (HINTS[name] ?? issue.message);
      const position = locate(p, unknown ? 'key' : 'value');
      return issueAt(file, position === undefined ? undefined : position.line + 1, formatPath(p), message, hint, position?.column);
    });
  });
}

function valueAt(raw: unknown, path: FieldPath): unknown {
  let current = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** Unknown placeholders in the body, located by line and column in the file. */
function bodyIssues(file: string, body: string, firstLine: number): { issues: Issue[]; keys: PlaceholderKey[] } {
  const issues: Issue[] = [];
  const keys = new Set<PlaceholderKey>();
  body.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(PLACEHOLDER_PATTERN)) {
      const key = match[1] ?? '';
      if (isPlaceholderKey(key)) {
        keys.add(key);
        continue;
      }
      const near = nearestPlaceholder(key);
      const hint = `${near === undefined ? '' : `did you mean {{${near}}}? `}placeholders: ${PLACEHOLDER_KEYS.join(', ')}; write [[TO COMPLETE: ...]] for what a person must add`;
      issues.push(issueAt(file, firstLine + index, 'body', `unknown placeholder {{${key}}}`, hint, (match.index ?? 0) + 1));
    }
  });
  if (body.trim() === '') issues.push(issueAt(file, firstLine, 'body', 'the template has no text after its front matter', 'write the notice in Markdown below the closing ---'));
  return { issues, keys: [...keys] };
}

/**
 * Parses and checks one template file.
 *
 * @example
 * const parsed = parseNoticeTemplate(text, 'eu-gdpr-33.md');
 * if (!parsed.ok) parsed.issues.map(formatIssue); // ['eu-gdpr-33.md:31:12 field `body`: unknown placeholder {{data.count}} HINT: ...']
 */
export function parseNoticeTemplate(text: string, file: string): ParsedNoticeTemplate {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return { ok: false, file, issues: [issueAt(file, 1, 'front matter', 'the template does not start with a front matter between --- lines', 'start the file with ---, the YAML fields (format, id, title, audience, recipient, source, checked), then ---')] };
  }
  const yamlText = match[1] ?? '';
  const source = readYamlSource(yamlText, file);
  if (!source.ok) return { ok: false, file, issues: source.issues.map((issue) => ({ ...issue, line: issue.line === undefined ? undefined : issue.line + 1 })) };
  const meta = noticeTemplateMetaSchema.safeParse(source.data ?? {});
  const body = text.slice(match[0].length);
  const firstBodyLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 0 : 1);
  const checked = bodyIssues(file, body, firstBodyLine);
  const issues = [...(meta.success ? [] : metaIssues(file, source.data, meta.error, source.locate)), ...checked.issues];
  if (!meta.success || issues.length > 0) return { ok: false, file, issues };
  return { ok: true, template: { ...meta.data, file, body, placeholders: checked.keys } };
}

/**
 * Parses every template; rejects duplicates and (with `knownRules`) templates naming rules the pack does not have.
 *
 * @example
 * const { templates, issues } = buildNoticeTemplates(sources, new Set(pack.rules.map((r) => r.id)));
 */
export function buildNoticeTemplates(sources: readonly NoticeTemplateSource[], knownRules?: ReadonlySet<string>): NoticeTemplateLoad {
  const issues: Issue[] = [];
  const rejectedFiles: string[] = [];
  const templates: NoticeTemplate[] = [];
  for (const source of sources) {
    const parsed = parseNoticeTemplate(source.text, source.file);
    const problems = parsed.ok ? crossIssues(parsed.template, templates, knownRules) : parsed.issues;
    if (parsed.ok && problems.length === 0) templates.push(parsed.template);
    else {
      issues.push(...problems);
      rejectedFiles.push(source.file);
    }
  }
  return { templates, issues, rejectedFiles };
}

function crossIssues(template: NoticeTemplate, loaded: readonly NoticeTemplate[], knownRules?: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  const twin = loaded.find((other) => other.id === template.id);
  if (twin) issues.push(issueAt(template.file, undefined, 'id', `template id ${template.id} is already used by ${twin.file}`, 'give each template its own id'));
  for (const rule of template.rules) {
    if (knownRules && !knownRules.has(rule)) {
      issues.push(issueAt(template.file, undefined, 'rules', `rule ${rule} is not in the loaded obligation rule pack`, HINTS['rules'] ?? ''));
    }
  }
  return issues;
}

/** A template's listing for the API and the UI (without the body). */
export function templateSummary(template: NoticeTemplate) {
  const { body: _body, ...rest } = template;
  return rest;
}
