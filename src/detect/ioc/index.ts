/**
 * Indicators of compromise (pure, except readIndicatorFile): STIX 2.1 bundles, MISP events and feeds, and CSV
 * lists parsed into plain indicators with located problems; an index that checks an event value with a few
 * hash-map probes (hash sets, exact address sets, CIDR prefix tables, a reversed-label domain trie, URL,
 * registry key and file name sets); and a matcher that reads the well-known fields of Windows, Sysmon,
 * Winlogbeat/ECS, Zeek and proxy events through a field table that users extend.
 *
 * @example
 * const { indicators, problems } = await readIndicatorFile('feeds/qbot.json');
 * const index = IndicatorIndex.from(indicators);
 * for (const hit of matchEvent(index, normaliseEvent(event)!, { now: Date.now() })) console.log(hit.indicator.value, hit.field);
 */
export { HASH_TYPES, INDICATOR_TYPES, MAX_VALUE_LENGTH } from './indicator.js';
export type { HashType, Indicator, IndicatorFormat, IndicatorOrigin, IndicatorType, ParseResult } from './indicator.js';
export { checkIndicatorValue, inferIndicatorType } from './indicator-value.js';
export type { ValueCheck } from './indicator-value.js';
export { parseStixBundle } from './stix.parser.js';
export type { StixOptions } from './stix.parser.js';
export { parsePattern } from './stix-pattern.js';
export type { Comparison, Disjunction } from './stix-pattern.js';
export { PatternSyntaxError } from './stix-lexer.js';
export { parseMispEvent, parseMispManifest } from './misp.parser.js';
export type { MispOptions } from './misp.parser.js';
export { MISP_TYPES } from './misp-types.js';
export { parseIndicatorCsv } from './csv.parser.js';
export type { CsvOptions } from './csv.parser.js';
export { parseIndicatorText } from './parse-indicators.js';
export type { IndicatorTextFormat, ParseIndicatorOptions } from './parse-indicators.js';
export { readIndicatorFile } from './indicator-files.js';
export type { ReadIndicatorOptions } from './indicator-files.js';
export { IndicatorIndex } from './indicator-index.js';
export type { IndexStats, LookupKind } from './indicator-index.js';
export { matchEvent } from './match-event.js';
export type { IocHit, MatchOptions } from './match-event.js';
export {
  CANDIDATE_KINDS,
  DEFAULT_IOC_FIELDS,
  extendIocFields,
  iocFieldTableSchema,
  parseIocFieldTable,
} from './field-table.js';
export type { CandidateKind, FieldRule, IocFieldTable, IocFieldTableInput } from './field-table.js';
export { syntheticIndicators } from './synthetic.js';
