/**
 * Turns one YAML document (already merged by the collection rules) into a detection rule, a correlation rule
 * or a filter.
 */
import { parseCorrelation } from './correlation-rule.js';
import { parseDetection } from './detection.js';
import { parseLogsource, parseMeta } from './meta.js';
import type { Placeholders } from './placeholders.js';
import { ruleError } from './problems.js';
import type { SigmaDocument } from './types.js';

export interface DocumentOptions {
  placeholders: Placeholders;
}

function parseFilterRules(value: unknown): readonly string[] | 'any' {
  if (value === undefined) {
    throw ruleError('the filter has no "rules"', ['filter'], 'list rule ids or names, or write rules: any');
  }
  if (typeof value === 'string') return value === 'any' || value === 'all' ? 'any' : [value];
  if (Array.isArray(value)) return value.length === 0 ? 'any' : value.map(String);
  throw ruleError('"filter.rules" must be a list of rule ids or names, or "any"', ['filter', 'rules']);
}

/**
 * Parses one Sigma document.
 *
 * @example
 * const rule = parseDocument(yamlObject, 'rules/x.yml', 1, { placeholders: {} });
 * if (rule.type === 'detection') console.log(rule.logsource);
 */
export function parseDocument(doc: Record<string, unknown>, file: string, line: number, options: DocumentOptions): SigmaDocument {
  const meta = parseMeta(doc, file, line);
  if ('correlation' in doc) {
    return { ...meta, type: 'correlation', correlation: parseCorrelation(doc['correlation'], doc['generate']) };
  }
  if ('filter' in doc && !('detection' in doc)) {
    const section = doc['filter'];
    const rules = parseFilterRules((section as Record<string, unknown> | null)?.['rules']);
    const detection = parseDetection(section, options.placeholders, ['filter'], ['rules']);
    return { ...meta, type: 'filter', logsource: parseLogsource(doc['logsource']), rules, detection };
  }
  if (!('detection' in doc)) {
    throw ruleError('not a Sigma rule: no "detection", "correlation" or "filter" section');
  }
  const logsource = parseLogsource(doc['logsource']);
  const detection = parseDetection(doc['detection'], options.placeholders, ['detection']);
  return { ...meta, type: 'detection', logsource, detection };
}
