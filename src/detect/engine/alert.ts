/**
 * Alerts as plain data: what a rule match (or a correlation) tells a responder, with the rule's author (the
 * Detection Rule License requires it on every alert) and its ATT&CK tags split into techniques, tactics,
 * groups and software.
 */
import type { Level, Logsource, Status } from '../sigma/types.js';
import type { Match, RuleInfo } from './match.js';

/** ATT&CK references from a rule's tags (`attack.t1059.001`, `attack.execution`, `attack.g0016`, `attack.s0154`). */
export interface AttackTags {
  /** Technique ids in upper case, e.g. `T1059.001`. */
  techniques: string[];
  /** Tactic names as tagged, e.g. `execution`, `defense-evasion`. */
  tactics: string[];
  groups: string[];
  software: string[];
}

export interface Alert {
  kind: 'match' | 'correlation';
  ruleId: string;
  title: string;
  level: Level;
  status?: Status;
  author: string;
  description?: string;
  tags: readonly string[];
  attack: AttackTags;
  /** Tags outside ATT&CK (cve.*, detection.*, car.*...). */
  otherTags: string[];
  references: readonly string[];
  logsource: Logsource;
  /** When it happened (from the event, or the last contributing event), ISO 8601; absent when unknown. */
  time?: string;
  /** The matching event (kind match). */
  event?: unknown;
  /** Correlations: the type, the group-by values, the count reached and the contributing events. */
  correlation?: {
    type: string;
    group: Readonly<Record<string, string | null>>;
    count: number;
    timespanMs: number;
    firstTime?: string;
    events: unknown[];
    /** Ids of the rules whose matches contributed. */
    rules: string[];
  };
}

/**
 * Splits `attack.*` tags into techniques, tactics, groups and software.
 *
 * @example
 * attackTags(['attack.execution', 'attack.t1059.001', 'cve.2021-1675']);
 * // { techniques: ['T1059.001'], tactics: ['execution'], groups: [], software: [] }
 */
export function attackTags(tags: readonly string[]): AttackTags {
  const out: AttackTags = { techniques: [], tactics: [], groups: [], software: [] };
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const name = lower.slice('attack.'.length);
    if (/^t\d{4}(\.\d{3})?$/.test(name)) out.techniques.push(name.toUpperCase());
    else if (/^g\d{4}$/.test(name)) out.groups.push(name.toUpperCase());
    else if (/^s\d{4}$/.test(name)) out.software.push(name.toUpperCase());
    else out.tactics.push(name);
  }
  return out;
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** The common part of every alert for a rule. */
export function alertBase(rule: RuleInfo, kind: Alert['kind'], time: number | undefined): Alert {
  const alert: Alert = {
    kind,
    ruleId: rule.id,
    title: rule.title,
    level: rule.level,
    author: rule.author,
    tags: rule.tags,
    attack: attackTags(rule.tags),
    otherTags: rule.tags.filter((t) => !t.toLowerCase().startsWith('attack.')),
    references: rule.references,
    logsource: rule.logsource,
  };
  if (rule.status !== undefined) alert.status = rule.status;
  if (rule.description !== undefined) alert.description = rule.description;
  const at = iso(time);
  if (at !== undefined) alert.time = at;
  return alert;
}

/**
 * The alert for one rule match; `time` (ms) is the event's time when known.
 *
 * @example
 * const alert = toAlert(match, eventTime(match.record));
 * alert.author; // the rule's author, always present
 */
export function toAlert(match: Match, time?: number): Alert {
  return { ...alertBase(match.rule, 'match', time), event: match.event };
}

export { iso as isoTime };
