/**
 * Invalid policy files kept as fixtures: each must be rejected, and its first line (`# expect: LINE FIELD TEXT`)
 * says where and what the problem is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/respond/index.js';

const DIR = new URL('./fixtures/policies/', import.meta.url);
const files = readdirSync(DIR).filter((name) => name.endsWith('.yaml')).sort();

describe('invalid policy fixtures', () => {
  it('has fixtures', () => expect(files.length).toBeGreaterThanOrEqual(5));

  it.each(files)('%s is rejected where its header says, with a hint', (name) => {
    const text = readFileSync(new URL(name, DIR), 'utf8');
    const [, line, field, message] = /^# expect: (\d+) (\S+) (.+)$/m.exec(text) ?? [];
    const parsed = parsePolicy(text, name);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.issues.find((i) => i.field === field);
    expect(issue, JSON.stringify(parsed.issues)).toBeDefined();
    expect(issue).toMatchObject({ file: name, line: Number(line) });
    expect(issue?.message).toContain(message);
    expect(issue?.hint?.length).toBeGreaterThan(10);
  });
});
