/**
 * Invalid rule-pack files kept as fixtures: each must fail validation with the line and field its header names
 * (`# expect-line`, `# expect-field`, `# expect-message`), and must not stop the other files from loading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRulePack, parseRulePackFile } from '../../src/obligations/index.js';
import { formatIssue } from '../../src/shared/errors.js';

const dir = fileURLToPath(new URL('./fixtures/invalid/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

function header(text: string, key: string): string {
  return new RegExp(`^# ${key}: ?(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
}

describe('invalid rule-pack fixtures', () => {
  it('are all here', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(14);
  });

  for (const name of fixtures) {
    it(`${name} is rejected with line, field and hint`, () => {
      const text = readFileSync(`${dir}${name}`, 'utf8');
      const parsed = parseRulePackFile(text, name);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      const field = header(text, 'expect-field');
      const issue = parsed.issues.find((candidate) => (candidate.field ?? '') === field);
      expect(issue, parsed.issues.map(formatIssue).join('\n')).toBeDefined();
      expect(issue?.file).toBe(name);
      expect(issue?.line).toBe(Number(header(text, 'expect-line')));
      expect(issue?.message).toContain(header(text, 'expect-message'));
      expect(issue?.hint ?? '').not.toBe('');
    });
  }

  it('do not stop the other files from loading', () => {
    const good = readFileSync(`${dir}unknown-anchor.yaml`, 'utf8')
      .replace('from: discovery', 'from: awareness')
      .replace('test-rule', 'good-rule');
    const sources = [
      { file: 'good.yaml', text: good },
      ...fixtures.map((file) => ({ file, text: readFileSync(`${dir}${file}`, 'utf8') })),
    ];
    const load = buildRulePack(sources);
    expect(load.pack.rules.map((rule) => rule.id)).toEqual(['good-rule']);
    expect(load.rejectedFiles).toEqual(fixtures);
    expect(load.pack.files).toEqual([{ file: 'good.yaml', pack: 'test', version: '1.0.0', rules: 1 }]);
  });
});
