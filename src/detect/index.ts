/**
 * Detection (pure core): Sigma rules parsed, compiled to predicates with a shared literal prefilter, indexed by
 * log source, and evaluated one event at a time; correlations and filters; alerts as plain data. File reading
 * lives in ./load (thin helpers that take paths).
 *
 * @example
 * const { engine, problems } = compileRules(await readRuleSources(['rules/']));
 * for (const match of engine.evaluate(event)) console.log(toAlert(match).title);
 */
export { compileRules } from './engine/compile-rules.js';
export type { CompileOptions, CompileResult, RuleSource } from './engine/compile-rules.js';
export { Engine } from './engine/engine.js';
export type { EngineStats } from './engine/engine.js';
export type { DeclaredSource, Match, RuleInfo } from './engine/match.js';
export type { LoadProblem } from './sigma/problems.js';
export { problemToIssue } from './sigma/problems.js';
export {
  WINDOWS_LOGSOURCES,
  mergeLogsourceTables,
  parseLogsourceTable,
  resolveLogsource,
} from './fields/logsource-table.js';
export type { LogsourceTable, LogsourceTableInput } from './fields/logsource-table.js';
export { normaliseEvent } from './fields/normalise-event.js';
export { eventTime, parseTime } from './fields/event-time.js';
export { readRuleSources } from './load/rule-files.js';
export { readEventFile } from './load/event-files.js';
export type { EventFileProblem, EventFileResult } from './load/event-files.js';
export { forEachJsonLine, parseJsonValues } from './load/json-values.js';
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
