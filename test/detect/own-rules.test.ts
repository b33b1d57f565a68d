/**
 * The project's own rule pack (content/rules): it loads with the real engine without problems, every rule carries
 * the metadata the pack promises (author, id, level, ATT&CK tags) and has a test file, and each test file's
 * `fires` events fire exactly that rule of the pack while its `near_miss` events do not fire it.
 *
 * Test files are data: content/rules/tests/<rule-file-stem>.json with `fires` and `near_miss` arrays of events in
 * the flat Sysmon/Security layout. They are JSON, not YAML, so that the rule loader (which reads every .yml/.yaml
 * under content/rules) never mistakes them for rules. Self-contained: nothing here reads ../shared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRules, readRuleSources, type Engine, type RuleInfo } from '../../src/detect/index.js';

const RULES_DIR = fileURLToPath(new URL('../../content/rules', import.meta.url));
const TESTS_DIR = path.join(RULES_DIR, 'tests');
const AUTHOR = 'Firebreak project';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TECHNIQUE_TAG = /^attack\.t\d{4}(\.\d{3})?$/;
const TACTIC_TAG = /^attack\.[a-z]+(-[a-z]+)*$/;

interface RuleTest {
  fires: unknown[];
  near_miss: unknown[];
}

function stemOf(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, '');
}

function readTest(stem: string): RuleTest | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(TESTS_DIR, `${stem}.json`), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as Partial<RuleTest>;
  return { fires: parsed.fires ?? [], near_miss: parsed.near_miss ?? [] };
}

function firedIds(engine: Engine, event: unknown): string[] {
  return engine.evaluate(event).map((m) => m.rule.id);
}

function describeEvent(event: unknown): string {
  const e = event as Record<string, unknown>;
  for (const field of ['CommandLine', 'PipeName', 'TargetObject', 'ImagePath', 'DestinationIp']) {
    const value = e[field];
    if (typeof value === 'string') return value;
  }
  return JSON.stringify(event);
}

const sources = await readRuleSources([RULES_DIR]);
const { engine, problems } = compileRules(sources);
// The same pack without the literal prefilter: every test must give the same answer with and without it.
const { engine: plain } = compileRules(sources, { prefilter: false });
const rules: readonly RuleInfo[] = engine.rules;
const cases = rules.map((rule) => ({ stem: stemOf(rule.file), rule }));

describe('own rule pack (content/rules)', () => {
  it('loads with zero problems, every rule on a mapped Windows log source', () => {
    expect(problems).toEqual([]);
    expect(engine.stats().unmapped).toBe(0);
    console.log(`own rule pack: ${sources.length} files, ${rules.length} rules`);
  });

  it('has at least 15 rules, one rule per file, with unique ids', () => {
    expect(rules.length).toBeGreaterThanOrEqual(15);
    expect(rules.length).toBe(sources.length);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('has no test file without a rule', () => {
    const stems = new Set(cases.map((c) => c.stem));
    const orphans = readdirSync(TESTS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .filter((stem) => !stems.has(stem));
    expect(orphans).toEqual([]);
  });

  describe.each(cases)('$stem', ({ stem, rule }) => {
    const test = readTest(stem);

    it('names the project as author and has a UUID v4 id, a level, a description and ATT&CK tags', () => {
      expect(rule.author).toBe(AUTHOR);
      expect(rule.id).toMatch(UUID_V4);
      expect(['informational', 'low', 'medium', 'high', 'critical']).toContain(rule.level);
      expect(rule.status).toBe('experimental');
      expect(rule.description?.trim().length ?? 0).toBeGreaterThan(40);
      expect(rule.falsepositives.length).toBeGreaterThan(0);
      expect(rule.tags.some((t) => TECHNIQUE_TAG.test(t))).toBe(true);
      expect(rule.tags.some((t) => !TECHNIQUE_TAG.test(t) && TACTIC_TAG.test(t))).toBe(true);
    });

    it('has a test file with at least one firing event and one near miss', () => {
      expect(test, `content/rules/tests/${stem}.json`).toBeDefined();
      expect(test?.fires.length ?? 0).toBeGreaterThan(0);
      expect(test?.near_miss.length ?? 0).toBeGreaterThan(0);
    });

    it('fires exactly this rule of the pack on each `fires` event', () => {
      for (const event of test?.fires ?? []) {
        expect(firedIds(engine, event), describeEvent(event)).toEqual([rule.id]);
        expect(firedIds(plain, event), `${describeEvent(event)} (no prefilter)`).toEqual([rule.id]);
      }
    });

    it('does not fire on any `near_miss` event', () => {
      for (const event of test?.near_miss ?? []) {
        expect(firedIds(engine, event), describeEvent(event)).not.toContain(rule.id);
        expect(firedIds(plain, event), `${describeEvent(event)} (no prefilter)`).not.toContain(rule.id);
      }
    });
  });
});
