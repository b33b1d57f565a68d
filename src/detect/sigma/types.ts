/**
 * The parsed form of Sigma documents: detection rules, correlation rules and filters. Plain data; compiling
 * turns it into predicates (see ../compile).
 */
import type { SigmaString } from './sigma-string.js';

export type Level = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type Status = 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported';

/** The `logsource` of a rule; values are compared in lower case. */
export interface Logsource {
  product?: string;
  category?: string;
  service?: string;
}

export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte';
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface RegexFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** One value of a detection item after its modifiers were applied. */
export type Value =
  /** A string with wildcards; `binary` when its characters are bytes (after utf16/wide). */
  | { kind: 'string'; value: SigmaString; binary: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'regex'; source: string; flags: RegexFlags }
  | { kind: 'cidr'; cidr: string }
  | { kind: 'compare'; op: CompareOp; value: number }
  | { kind: 'exists'; value: boolean }
  /** Compare with another field of the same event; `startsWith`/`endsWith` both set means contains. */
  | { kind: 'fieldref'; field: string; startsWith: boolean; endsWith: boolean }
  | { kind: 'timepart'; part: TimePart; op: CompareOp | 'eq'; value: number };

/** Where something sits in the YAML document, as keys and indexes from the root. */
export type DocPath = readonly (string | number)[];

/**
 * One `field|modifiers: values` entry of a selection. `field` is null for keywords (searched in every value of
 * the event). Each entry of `values` is one value as written, expanded into its variants (OR); the entries are
 * joined with OR, or with AND when `all` is set. `negate` (neq) means no entry may match.
 */
export interface FieldItem {
  field: string | null;
  values: readonly (readonly Value[])[];
  all: boolean;
  cased: boolean;
  negate: boolean;
  path: DocPath;
}

/** A search identifier: an OR of alternatives, each an AND of items (a map, or a list of maps). */
export interface Search {
  alternatives: readonly (readonly FieldItem[])[];
}

export type Condition =
  | { kind: 'ref'; name: string }
  | { kind: 'and' | 'or'; items: readonly Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'const'; value: boolean };

/** Metadata shared by every kind of Sigma document. */
export interface RuleMeta {
  title: string;
  id?: string;
  name?: string;
  status?: Status;
  level?: Level;
  description?: string;
  author?: string;
  date?: string;
  modified?: string;
  tags: readonly string[];
  references: readonly string[];
  falsepositives: readonly string[];
  /** The file the rule came from and the 1-based line where its document starts. */
  file: string;
  line: number;
}

export interface Detection {
  searches: ReadonlyMap<string, Search>;
  condition: Condition;
}

export interface DetectionRule extends RuleMeta {
  type: 'detection';
  logsource: Logsource;
  detection: Detection;
}

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

/** A correlation condition: every bound given must hold (two bounds form a range). */
export interface CountCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
}

export interface Correlation {
  type: CorrelationType;
  /** Referenced rules by id or name, in the order written (the order matters for temporal_ordered). */
  rules: readonly string[];
  groupBy: readonly string[];
  /** Window length in milliseconds. */
  timespanMs: number;
  condition: CountCondition;
  /** value_count: the field(s) whose distinct values are counted. */
  valueFields: readonly string[];
  /** alias -> (rule name or id -> field name in that rule's events). */
  aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Whether the referenced rules still produce their own alerts. */
  generate: boolean;
}

export interface CorrelationRule extends RuleMeta {
  type: 'correlation';
  correlation: Correlation;
}

/** A filter: its condition is ANDed onto the condition of every rule it targets. */
export interface FilterRule extends RuleMeta {
  type: 'filter';
  logsource: Logsource;
  /** Rule ids or names, or 'any' for every rule whose logsource the filter's logsource covers. */
  rules: readonly string[] | 'any';
  detection: Detection;
}

export type SigmaDocument = DetectionRule | CorrelationRule | FilterRule;
