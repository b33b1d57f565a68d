/**
 * Detection (pure core): Sigma rules parsed, compiled to predicates with a shared literal prefilter, indexed by
 * log source and evaluated one event at a time; correlations and filters; alerts as plain data. File reading
 * lives in ./load (thin helpers that take paths); everything else takes strings and objects.
 *
 * @example
 * const { engine, problems } = compileRules(await readRuleSources(['rules/']));
 * const detector = new Detector(engine);
 * for (const event of events) for (const alert of detector.push(event)) console.log(alert.title, alert.author);
 * for (const alert of detector.flush()) console.log(alert.title);
 */

// Compiling rules and evaluating events
export { compileRules } from './engine/compile-rules.js';
export type { CompileOptions, CompileResult, RuleSource } from './engine/compile-rules.js';
export { Engine } from './engine/engine.js';
export type { EngineStats } from './engine/engine.js';
export type { DeclaredSource, Match, RuleInfo } from './engine/match.js';
export { UNKNOWN_AUTHOR } from './engine/match.js';
export type { LoadProblem } from './sigma/problems.js';
export { problemToIssue } from './sigma/problems.js';

// Alerts, correlations and the streaming stage
export { attackTags, toAlert } from './engine/alert.js';
export type { Alert, AttackTags } from './engine/alert.js';
export { Correlator } from './engine/correlator.js';
export type { CorrelatorOptions } from './engine/correlator.js';
export { Detector } from './engine/detector.js';
export type { DetectorOptions } from './engine/detector.js';

// Rule documents (parsed form), for tools that list or inspect rules
export { parseRuleFile } from './sigma/collection.js';
export type { ParsedFile } from './sigma/collection.js';
export type {
  Correlation,
  CorrelationRule,
  CorrelationType,
  DetectionRule,
  FilterRule,
  Level,
  Logsource,
  SigmaDocument,
  Status,
} from './sigma/types.js';
export type { Placeholders } from './sigma/placeholders.js';

// Log sources and fields
export {
  WINDOWS_LOGSOURCES,
  logsourceTableSchema,
  mergeLogsourceTables,
  parseLogsourceTable,
  resolveLogsource,
} from './fields/logsource-table.js';
export type { LogsourceTable, LogsourceTableInput } from './fields/logsource-table.js';
export { normaliseEvent } from './fields/normalise-event.js';
export { DEFAULT_TIME_FIELDS, eventTime, parseTime } from './fields/event-time.js';

// Reading files (edge helpers)
export { readRuleSources } from './load/rule-files.js';
export { readEventFile } from './load/event-files.js';
export type { EventFileProblem, EventFileResult } from './load/event-files.js';
export { forEachJsonLine, parseJsonValues } from './load/json-values.js';
export type { JsonProblem } from './load/json-values.js';

// Indicators of compromise (STIX 2.1, MISP, CSV), their index and the event matcher: see ./ioc/README.md.
export {
  DEFAULT_IOC_FIELDS,
  IndicatorIndex,
  extendIocFields,
  matchEvent,
  parseIndicatorCsv,
  parseIndicatorText,
  parseIocFieldTable,
  parseMispEvent,
  parseStixBundle,
  readIndicatorFile,
} from './ioc/index.js';
export type { Indicator, IndicatorType, IocFieldTable, IocHit, MatchOptions, ParseResult } from './ioc/index.js';
