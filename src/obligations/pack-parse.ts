/**
 * Parsing rule-pack files (text in, rules or located problems out) and building a pack from several files:
 * a file with any problem is rejected as a whole, with file, line, field and a hint for each problem; the
 * other files still load. Cross-file problems (a chained clock naming a missing rule) drop the rule concerned.
 */
import { formatPath } from '../estate/index.js';
import type { Issue } from '../shared/errors.js';
import { checkAcrossFiles, checkPackFile, type PlacedRule } from './pack-check.js';
import { packIssues, type PathIssue } from './pack-issues.js';
import { rulePackFileSchema, type Rule, type RulePackFile } from './pack.schema.js';
import { readYamlSource, type FieldPath, type SourcePosition } from '../shared/yaml-source.js';

/** A rule as loaded, with where it came from. */
export interface PackRule extends Rule {
  origin: { file: string; pack: string; version: string };
}

/** The rules of a loaded pack, in file order, and the version of each file. */
export interface RulePack {
  rules: PackRule[];
  files: { file: string; pack: string; version: string; rules: number }[];
}

export interface RulePackSource {
  file: string;
  text: string;
}

export type ParsedPackFile =
  | {
      ok: true;
      file: string;
      content: RulePackFile;
      locate: (path: FieldPath, at?: 'key' | 'value') => SourcePosition | undefined;
    }
  | { ok: false; file: string; issues: Issue[] };

export interface RulePackLoad {
  pack: RulePack;
  /** Every problem found, each with file, line, field and hint. */
  issues: Issue[];
  /** Files rejected as a whole. */
  rejectedFiles: string[];
  /** Rules dropped from files that loaded (cross-file problems). */
  droppedRules: string[];
}

function toIssue(
  file: string,
  problem: PathIssue,
  locate?: (path: FieldPath, at?: 'key' | 'value') => SourcePosition | undefined,
): Issue {
  const position = locate?.(problem.path, problem.at);
  return {
    file,
    line: position?.line,
    column: position?.column,
    field: formatPath(problem.path),
    message: problem.message,
    hint: problem.hint,
  };
}

/**
 * Parses and validates one rule-pack file.
 *
 * @example
 * const parsed = parseRulePackFile(text, 'eu.yaml');
 * if (!parsed.ok) parsed.issues.map(formatIssue); // ['eu.yaml:14:16 field `rules[0].clock.anchors[0].after`: "72x" is not a duration HINT: ...']
 */
export function parseRulePackFile(text: string, file: string): ParsedPackFile {
  const source = readYamlSource(text, file);
  if (!source.ok) return { ok: false, file, issues: source.issues };
  const parsed = rulePackFileSchema.safeParse(source.data);
  if (!parsed.success) {
    return {
      ok: false,
      file,
      issues: packIssues(parsed.error, source.data).map((problem) => toIssue(file, problem, source.locate)),
    };
  }
  const problems = checkPackFile(parsed.data);
  if (problems.length > 0)
    return { ok: false, file, issues: problems.map((problem) => toIssue(file, problem, source.locate)) };
  return { ok: true, file, content: parsed.data, locate: source.locate };
}

/**
 * Builds a pack from files. Bad files are rejected (their problems reported), the others load.
 *
 * @example
 * const { pack, issues } = buildRulePack([{ file: 'eu.yaml', text }, { file: 'jp.yaml', text: other }]);
 * pack.rules.map((rule) => rule.id); // ['eu-gdpr-33', ...]
 */
export function buildRulePack(sources: readonly RulePackSource[]): RulePackLoad {
  const parsed = sources.map((source) => parseRulePackFile(source.text, source.file));
  const issues = parsed.flatMap((result) => (result.ok ? [] : result.issues));
  const rejectedFiles = parsed.filter((result) => !result.ok).map((result) => result.file);
  const good = parsed.filter((result): result is Extract<ParsedPackFile, { ok: true }> => result.ok);
  let placed: PlacedRule[] = good.flatMap((result) =>
    result.content.rules.map((rule, index) => ({ rule, file: result.file, index })),
  );
  const droppedRules: string[] = [];
  const locators = new Map(good.map((result) => [result.file, result.locate]));
  for (;;) {
    const problems = checkAcrossFiles(placed);
    if (problems.length === 0) break;
    issues.push(...problems.map((problem) => toIssue(problem.file, problem, locators.get(problem.file))));
    const drop = new Set(problems.map((problem) => `${problem.file}\u0000${problem.index}`));
    droppedRules.push(...problems.map((problem) => problem.ruleId));
    placed = placed.filter((item) => !drop.has(`${item.file}\u0000${item.index}`));
  }
  return { pack: assemble(good, placed), issues, rejectedFiles, droppedRules: [...new Set(droppedRules)] };
}

function assemble(good: readonly Extract<ParsedPackFile, { ok: true }>[], placed: readonly PlacedRule[]): RulePack {
  const versions = new Map(good.map((result) => [result.file, result.content]));
  const rules = placed.map((item): PackRule => {
    const content = versions.get(item.file);
    return { ...item.rule, origin: { file: item.file, pack: content?.pack ?? '', version: content?.version ?? '' } };
  });
  const files = good.map((result) => ({
    file: result.file,
    pack: result.content.pack,
    version: result.content.version,
    rules: rules.filter((rule) => rule.origin.file === result.file).length,
  }));
  return { rules, files };
}
