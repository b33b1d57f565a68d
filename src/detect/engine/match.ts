/**
 * What the engine reports: the rule (plain data, shared by every match of that rule) and the event.
 */
import type { EventRecord } from '../fields/event-view.js';
import type { Level, Logsource, RuleMeta, Status } from '../sigma/types.js';

/** A loaded rule as plain data. `id` is the rule's id, or `file:line` for a rule without one. */
export interface RuleInfo {
  id: string;
  title: string;
  name?: string;
  level: Level;
  status?: Status;
  /** The rule's author; the Detection Rule License requires it on every alert. */
  author: string;
  description?: string;
  tags: readonly string[];
  references: readonly string[];
  falsepositives: readonly string[];
  logsource: Logsource;
  file: string;
  line: number;
}

/** One rule matching one event. `record` is the event as a flat record (evtx_dump layouts are flattened). */
export interface Match {
  rule: RuleInfo;
  event: unknown;
  record: EventRecord;
}

/** The log source an event is known to come from, when the caller knows it (e.g. a Zeek or proxy feed). */
export interface DeclaredSource {
  product?: string;
  category?: string;
  service?: string;
}

/** Author used when a rule names none. */
export const UNKNOWN_AUTHOR = 'unknown (the rule names no author)';

/**
 * The plain-data summary of a rule.
 *
 * @example
 * ruleInfo(rule).author; // 'Florian Roth (Nextron Systems)'
 */
export function ruleInfo(rule: RuleMeta & { logsource?: Logsource }): RuleInfo {
  const info: RuleInfo = {
    id: rule.id ?? `${rule.file}:${rule.line}`,
    title: rule.title,
    level: rule.level ?? 'medium',
    author: rule.author ?? UNKNOWN_AUTHOR,
    tags: rule.tags,
    references: rule.references,
    falsepositives: rule.falsepositives,
    logsource: rule.logsource ?? {},
    file: rule.file,
    line: rule.line,
  };
  if (rule.name !== undefined) info.name = rule.name;
  if (rule.status !== undefined) info.status = rule.status;
  if (rule.description !== undefined) info.description = rule.description;
  return info;
}

/** True when every part the `outer` logsource names is the same in `inner` (a filter's logsource covers a rule's). */
export function logsourceCovers(outer: Logsource, inner: Logsource): boolean {
  return (['product', 'category', 'service'] as const).every((key) => outer[key] === undefined || outer[key] === inner[key]);
}

/** A stable key for a logsource, e.g. `windows/process_creation/`. */
export function logsourceKey(source: Logsource): string {
  return `${source.product ?? ''}/${source.category ?? ''}/${source.service ?? ''}`;
}
