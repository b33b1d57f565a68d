/**
 * The notice templates of content/notices: every one loads against the project's rule pack, cites its source,
 * and carries the content its regime requires; bad template files are rejected with file, line and field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildNoticeTemplates, buildRulePack, parseNoticeTemplate, PLACEHOLDER_KEYS, type NoticeTemplate } from '../../src/obligations/index.js';
import { formatIssue } from '../../src/shared/errors.js';

const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const read = (dir: string, ext: string) =>
  readdirSync(dir).filter((f) => f.endsWith(ext) && f !== 'README.md').sort().map((file) => ({ file, text: readFileSync(dir + file, 'utf8') }));

const pack = buildRulePack(read(root('content/obligations/'), '.yaml')).pack;
const loaded = buildNoticeTemplates(read(root('content/notices/'), '.md'), new Set(pack.rules.map((r) => r.id)));
const byId = new Map<string, NoticeTemplate>(loaded.templates.map((t) => [t.id, t]));

/** What each regulator and police template must ask for (the regime's required content, §1.2 of the facts). */
const REQUIRED: Record<string, RegExp[]> = {
  'eu-gdpr-33': [/Art\. 33\(3\)\(a\)/, /Art\. 33\(3\)\(b\)/, /Art\. 33\(3\)\(c\)/, /Art\. 33\(3\)\(d\)/, /\{\{data\.categories\}\}/, /\{\{data\.persons\}\}/, /\{\{data\.records\}\}/, /\{\{contact\}\}/, /\{\{measures\}\}/],
  'uk-gdpr-33-ico': [/Art\. 33\(3\)\(a\)/, /Art\. 33\(3\)\(b\)/, /Art\. 33\(3\)\(c\)/, /Art\. 33\(3\)\(d\)/],
  'gdpr-34-data-subjects': [/What this may mean for you/, /What we have done/, /\{\{contact\}\}/],
  'jp-appi-preliminary': [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => new RegExp(`## \\(${n}\\)`)),
  'jp-appi-final': [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => new RegExp(`## \\(${n}\\)`)),
  'eu-nis2-early-warning': [/unlawful or malicious act/, /cross-border impact/],
  'eu-nis2-notification': [/severity and impact/, /Indicators of compromise/],
  'eu-nis2-final': [/23\(4\)\(d\)\(i\)/, /root cause/, /Mitigation measures/, /Cross-border impact/],
  'us-sec-8k-105': [/Item 1\.05/, /Nature and scope/, /Timing/, /Material impact or reasonably likely material impact/],
  'police-report': [/Ransom demand/, /Evidence preserved/, /\{\{techniques\}\}/],
};

describe('the notice templates of content/notices', () => {
  it('all load against the rule pack', () => {
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect([...byId.keys()].sort()).toEqual(
      ['customer-statement', 'eu-gdpr-33', 'eu-nis2-early-warning', 'eu-nis2-final', 'eu-nis2-notification', 'gdpr-34-data-subjects', 'jp-appi-final', 'jp-appi-preliminary', 'partner-notice', 'police-report', 'uk-gdpr-33-ico', 'us-sec-8k-105'],
    );
  });

  it('cite their source with the date checked, and regulator notices fulfil obligations of the pack', () => {
    for (const t of loaded.templates) {
      expect(t.source.urls.length, t.id).toBeGreaterThan(0);
      expect(t.checked, t.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (t.audience === 'regulator') expect(t.rules.length, t.id).toBeGreaterThan(0);
    }
    expect(byId.get('eu-gdpr-33')?.source.citation).toMatch(/Art\. 33\(3\)/);
    expect(byId.get('jp-appi-preliminary')?.source.citation).toMatch(/Enforcement Rules/);
    expect(byId.get('us-sec-8k-105')?.rules).toEqual(['us-sec-8k-105']);
  });

  it('ask for the content each regime requires', () => {
    for (const [id, patterns] of Object.entries(REQUIRED)) {
      const body = byId.get(id)?.body ?? '';
      for (const pattern of patterns) expect(body, `${id} ${pattern}`).toMatch(pattern);
    }
  });

  it('document every placeholder in content/notices/README.md', () => {
    const readme = readFileSync(root('content/notices/README.md'), 'utf8');
    for (const key of PLACEHOLDER_KEYS) expect(readme, key).toContain(`\`{{${key}}}\``);
  });
});

describe('bad template files', () => {
  const dir = fileURLToPath(new URL('./fixtures/invalid-notices/', import.meta.url));
  const cases: Record<string, { line: number; field: string; message: RegExp; hint?: RegExp }> = {
    'unknown-placeholder.md': { line: 14, field: 'body', message: /unknown placeholder \{\{data\.person\}\}/, hint: /did you mean \{\{data\.persons\}\}/ },
    'missing-source.md': { line: 2, field: 'source', message: /missing required field `source`/, hint: /citation/ },
    'unknown-audience.md': { line: 5, field: 'audience', message: /"journalists" is not one of regulator/, hint: /regulator, law_enforcement/ },
    'no-front-matter.md': { line: 1, field: 'front matter', message: /does not start with a front matter/ },
    'bad-checked-date.md': { line: 10, field: 'checked', message: /not a calendar date/ },
    'unknown-field.md': { line: 11, field: 'rule', message: /unknown field `rule`/, hint: /did you mean `rules`/ },
  };

  it.each(Object.entries(cases))('rejects %s with its line and field', (file, expected) => {
    const parsed = parseNoticeTemplate(readFileSync(dir + file, 'utf8'), file);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.issues.find((i) => i.field === expected.field);
    expect(issue, parsed.issues.map(formatIssue).join('\n')).toBeDefined();
    expect(issue?.file).toBe(file);
    expect(issue?.line).toBe(expected.line);
    expect(issue?.message).toMatch(expected.message);
    if (expected.hint) expect(issue?.hint).toMatch(expected.hint);
  });

  it('covers every fixture', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(cases).sort());
  });

  it('rejects a duplicate id and a rule the pack does not have, and loads the rest', () => {
    const good = readFileSync(root('content/notices/eu-gdpr-33.md'), 'utf8');
    const result = buildNoticeTemplates(
      [
        { file: 'a.md', text: good },
        { file: 'b.md', text: good },
        { file: 'c.md', text: good.replace('id: eu-gdpr-33', 'id: other').replace('rules: [eu-gdpr-33]', 'rules: [eu-gdpr-99]') },
      ],
      new Set(pack.rules.map((r) => r.id)),
    );
    expect(result.templates.map((t) => t.file)).toEqual(['a.md']);
    expect(result.rejectedFiles).toEqual(['b.md', 'c.md']);
    expect(result.issues.map(formatIssue).join('\n')).toMatch(/b\.md field `id`: template id eu-gdpr-33 is already used by a\.md/);
    expect(result.issues.map(formatIssue).join('\n')).toMatch(/c\.md field `rules`: rule eu-gdpr-99 is not in the loaded obligation rule pack/);
  });
});
