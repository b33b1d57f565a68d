/**
 * Helpers for tests: compile one rule from a detection written in YAML and test events against it, with the
 * logsource declared by the caller (product "test"), so that no mapping table is involved.
 */
import { compileRules, type CompileOptions } from './engine/compile-rules.js';
import type { Engine } from './engine/engine.js';
import type { LoadProblem } from './sigma/problems.js';

/** A full rule document around a `detection:` body (indented YAML lines). */
export function ruleYaml(detection: string, head = 'title: Test rule\nid: 00000000-0000-4000-8000-000000000001'): string {
  return `${head}\nlogsource:\n  product: test\ndetection:\n${detection}\n`;
}

export interface TestRule {
  engine: Engine;
  problems: LoadProblem[];
  /** True when the rule matches the event. */
  matches(event: Record<string, unknown>): boolean;
}

/**
 * Compiles one rule; `matches(event)` evaluates it on an event declared as product "test".
 *
 * @example
 * const rule = testRule('  sel:\n    Image|endswith: \\\\cmd.exe\n  condition: sel');
 * rule.matches({ Image: 'C:\\Windows\\cmd.exe' }); // true
 */
export function testRule(detection: string, options: CompileOptions = {}): TestRule {
  const { engine, problems } = compileRules([{ file: 'test.yml', text: ruleYaml(detection) }], options);
  return { engine, problems, matches: (event) => engine.evaluate(event, { product: 'test' }).length > 0 };
}

/** The problems (reasons) of compiling one rule, for tests of rejected rules. */
export function rejection(detection: string, options: CompileOptions = {}): string[] {
  return testRule(detection, options).problems.map((p) => p.reason);
}
