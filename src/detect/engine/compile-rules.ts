/**
 * From rule files to a ready engine: parse every file (collecting problems), apply filters to the rules they
 * target, compile each rule to a predicate and a prefilter requirement, group rules by logsource and index the
 * groups by channel and event id.
 */
import { compileDetection } from '../compile/detection.js';
import { detectionRequirement } from '../compile/requirement.js';
import { FieldRegistry } from '../fields/event-view.js';
import { resolveLogsource, WINDOWS_LOGSOURCES, type LogsourceTable } from '../fields/logsource-table.js';
import { parseRuleFile } from '../sigma/collection.js';
import type { Placeholders } from '../sigma/placeholders.js';
import { errorReason, type LoadProblem } from '../sigma/problems.js';
import type { CorrelationRule, DetectionRule, FilterRule, SigmaDocument } from '../sigma/types.js';
import { Engine } from './engine.js';
import { logsourceCovers, logsourceKey, ruleInfo } from './match.js';
import { RuleGroup, type CompiledRule } from './rule-group.js';
import { SourceIndex } from './source-index.js';
import { checkCorrelations } from './correlation-refs.js';

/** One rule file: its name (for problems) and its YAML text. */
export interface RuleSource {
  file: string;
  text: string;
}

export interface CompileOptions {
  /** Values for `%name%` placeholders of the `expand` modifier. A rule using a missing one is rejected. */
  placeholders?: Placeholders;
  /** The logsource mapping table (default: the built-in Windows table; extend it with mergeLogsourceTables). */
  logsources?: LogsourceTable;
  /** Set false to evaluate every rule of a group without the literal prefilter (for tests and diagnosis). */
  prefilter?: boolean;
}

export interface CompileResult {
  engine: Engine;
  problems: LoadProblem[];
}

function appliesTo(filter: FilterRule, rule: DetectionRule): boolean {
  if (!logsourceCovers(filter.logsource, rule.logsource)) return false;
  if (filter.rules === 'any') return true;
  return filter.rules.some((ref) => ref === rule.id || ref === rule.name);
}

function compileOne(rule: DetectionRule, filters: readonly FilterRule[], registry: FieldRegistry, order: number): CompiledRule {
  const extra = filters.filter((f) => appliesTo(f, rule)).map((f) => f.detection);
  return {
    order,
    info: ruleInfo(rule),
    predicate: compileDetection(rule.detection, registry, extra),
    requirement: detectionRequirement(rule.detection, registry, extra),
  };
}

function parseAll(sources: readonly RuleSource[], placeholders: Placeholders): { documents: SigmaDocument[]; problems: LoadProblem[] } {
  const documents: SigmaDocument[] = [];
  const problems: LoadProblem[] = [];
  for (const source of sources) {
    const parsed = parseRuleFile(source.file, source.text, { placeholders });
    documents.push(...parsed.documents);
    problems.push(...parsed.problems);
  }
  return { documents, problems };
}

/**
 * Compiles rule files into an engine. Rules that cannot be loaded are reported; the others load.
 *
 * @example
 * const { engine, problems } = compileRules([{ file: 'r.yml', text }], { placeholders: { dc: ['DC1'] } });
 * for (const match of engine.evaluate(event)) console.log(match.rule.title);
 */
export function compileRules(sources: readonly RuleSource[], options: CompileOptions = {}): CompileResult {
  const table = options.logsources ?? WINDOWS_LOGSOURCES;
  const { documents, problems } = parseAll(sources, options.placeholders ?? {});
  const detections = documents.filter((d): d is DetectionRule => d.type === 'detection');
  const filters = documents.filter((d): d is FilterRule => d.type === 'filter');
  const registry = new FieldRegistry();
  const byLogsource = new Map<string, CompiledRule[]>();
  for (const rule of detections) {
    try {
      const compiled = compileOne(rule, filters, registry, 0);
      const key = logsourceKey(rule.logsource);
      byLogsource.set(key, [...(byLogsource.get(key) ?? []), compiled]);
    } catch (error) {
      problems.push({ file: rule.file, line: rule.line, ...(rule.id ? { ruleId: rule.id } : {}), reason: errorReason(error) });
    }
  }
  const index = new SourceIndex(table, registry);
  const compiled: CompiledRule[] = [];
  for (const rules of byLogsource.values()) {
    for (const rule of rules) rule.order = compiled.push(rule) - 1;
    const logsource = rules[0]!.info.logsource;
    index.add(new RuleGroup(logsourceKey(logsource), logsource, rules), resolveLogsource(table, logsource));
  }
  const candidates = documents.filter((d): d is CorrelationRule => d.type === 'correlation');
  const correlations = checkCorrelations(candidates, compiled.map((r) => r.info), problems);
  const engine = new Engine({ registry, index, rules: compiled, correlations, filters: filters.length, prefilter: options.prefilter ?? true });
  return { engine, problems };
}
