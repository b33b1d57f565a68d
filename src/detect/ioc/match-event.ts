/**
 * Matches one event against an indicator index: the fields named by the field table (looked up at the top
 * level, by dotted path, and inside the table's containers) give normalised candidates, each checked with a
 * few probes of the index. Optionally, every other string of the event is scanned for indicator-like tokens.
 */
import { emitCandidates, type Emit } from './candidates.js';
import { DEFAULT_IOC_FIELDS, type FieldRule, type IocFieldTable } from './field-table.js';
import type { Indicator } from './indicator.js';
import type { IndicatorIndex, LookupKind } from './indicator-index.js';
import { scanText } from './text-scan.js';

export interface MatchOptions {
  /** The moment against which valid_until is checked (indicators past it do not match). */
  now: Date | number;
  /** Which fields to read; DEFAULT_IOC_FIELDS when absent. */
  fields?: IocFieldTable | undefined;
  /** Also scan every string the table does not name for indicator-like tokens (off by default: slower, noisier). */
  scanAllStrings?: boolean | undefined;
}

/** One indicator matching one value of an event. */
export interface IocHit {
  indicator: Indicator;
  /** The event field, as a dotted path when nested (`winlog.event_data.Image`). */
  field: string;
  /** The field's text as the event has it. */
  value: string;
  /** The normalised candidate that matched (a hash, an address, a host name, a URL, a key, a file name). */
  matched: string;
}

type Record_ = Readonly<Record<string, unknown>>;

const MAX_TEXT = 65_536;
const MAX_ITEMS = 64;

function walk(node: unknown, path: readonly string[]): unknown {
  let current = node;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record_)[key];
  }
  return current;
}

function valueAt(scope: Record_, path: readonly string[]): unknown {
  return path.length === 1 ? scope[path[0]!] : walk(scope, path);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > MAX_TEXT ? undefined : value;
  return typeof value === 'number' ? String(value) : undefined;
}

function forEachText(value: unknown, visit: (text: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_ITEMS)) forEachText(item, visit);
    return;
  }
  const text = textOf(value);
  if (text !== undefined && text !== '') visit(text);
}

class Collector {
  readonly hits: IocHit[] = [];
  private readonly found: Indicator[] = [];
  private field = '';
  private value = '';
  constructor(
    private readonly index: IndicatorIndex,
    private readonly now: number,
  ) {}

  private readonly emit: Emit = (kind: LookupKind, candidate: string) => {
    this.index.collectKey(kind, candidate, this.now, this.found);
    for (const indicator of this.found)
      this.add({ indicator, field: this.field, value: this.value, matched: candidate });
    this.found.length = 0;
  };

  /** The emitter for candidates of one field's text (one shared function: no allocation per field). */
  emitter(field: string, value: string): Emit {
    this.field = field;
    this.value = value;
    return this.emit;
  }

  private add(hit: IocHit): void {
    const same = this.hits.some(
      (h) => h.indicator === hit.indicator && h.field === hit.field && h.matched === hit.matched,
    );
    if (!same) this.hits.push(hit);
  }
}

function readRule(rule: FieldRule, value: unknown, scope: Record_, field: string, collector: Collector): void {
  if (value === undefined || value === null) return;
  const host = rule.host ? textOf(valueAt(scope, rule.host.path)) : undefined;
  forEachText(value, (text) => emitCandidates(rule.kind, text, collector.emitter(field, text), host));
}

/** Reads one object's keys through the table: a few map probes per key, whatever the size of the table. */
function readScope(scope: Record_, prefix: string, table: IocFieldTable, collector: Collector): void {
  for (const key in scope) {
    const value = scope[key];
    const direct = table.byName.get(key);
    if (direct) for (const rule of direct) readRule(rule, value, scope, `${prefix}${key}`, collector);
    const nested = typeof value === 'object' && value !== null ? table.byFirst.get(key) : undefined;
    if (nested)
      for (const rule of nested) readRule(rule, walk(value, rule.rest), scope, `${prefix}${rule.field}`, collector);
  }
}

function scanStrings(node: unknown, path: string, depth: number, table: IocFieldTable, collector: Collector): void {
  if (depth > 4) return;
  if (typeof node === 'string') {
    if (!table.names.has(path)) scanText(node, collector.emitter(path, node));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const entries = Array.isArray(node)
    ? node.slice(0, MAX_ITEMS).map((v, i) => [String(i), v] as const)
    : Object.entries(node);
  for (const [key, child] of entries)
    scanStrings(child, path === '' ? key : `${path}.${key}`, depth + 1, table, collector);
}

/**
 * The indicators an event matches, one hit per indicator, field and matched value.
 *
 * @example
 * const hits = matchEvent(index, normaliseEvent(event)!, { now: Date.now() });
 * // [{ indicator: { type: 'sha256', value: 'e3b0...', origin: { format: 'stix', author: 'Hikari CERT' } }, field: 'Hashes', value: 'SHA256=E3B0...', matched: 'e3b0...' }]
 */
export function matchEvent(index: IndicatorIndex, record: Record_, options: MatchOptions): IocHit[] {
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const table = options.fields ?? DEFAULT_IOC_FIELDS;
  const collector = new Collector(index, now);
  readScope(record, '', table, collector);
  for (const path of table.containers) {
    const inner = walk(record, path);
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner))
      readScope(inner as Record_, `${path.join('.')}.`, table, collector);
  }
  if (options.scanAllStrings) scanStrings(record, '', 0, table, collector);
  return collector.hits;
}
