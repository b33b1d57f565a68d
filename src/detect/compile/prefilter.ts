/**
 * The literal prefilter of a rule group at run time. Per event each field the group's rules need is looked at
 * once (hash lookup, prefix and suffix walks, one substring search); every literal found sets its clause's bit
 * for the rules needing it, and a rule becomes a candidate when all its clauses are set. Rules without a
 * usable requirement are always candidates. Nothing is allocated per event: bits and candidates live in
 * preallocated arrays, reset by an epoch counter.
 */
import { scalarText, type EventView } from '../fields/event-view.js';
import type { PatternSink } from './aho-corasick.js';
import { buildPrefilterTables, tableStats, type CodeLists, type FieldScan, type PrefilterStats, type PrefilterTables } from './prefilter-tables.js';
import { ANY_FIELD, type Requirement } from './requirement.js';

export type { PrefilterStats } from './prefilter-tables.js';

const NO_CODES: CodeLists = { starts: new Int32Array(1), codes: new Int32Array(0) };

/**
 * @example
 * const pre = new Prefilter(requirements);
 * const n = pre.collect(view); // candidates in pre.candidates[0..n)
 */
export class Prefilter implements PatternSink {
  readonly candidates: Int32Array;
  private readonly tables: PrefilterTables;
  private readonly stamp: Uint32Array;
  private readonly bits: Uint8Array;
  private epoch = 0;
  private count = 0;
  private current: CodeLists = NO_CODES;

  constructor(requirements: readonly Requirement[]) {
    this.tables = buildPrefilterTables(requirements);
    this.stamp = new Uint32Array(requirements.length);
    this.bits = new Uint8Array(requirements.length);
    this.candidates = new Int32Array(requirements.length);
  }

  /** Collects the candidate rules for the event in the view; returns how many there are. */
  collect(view: EventView): number {
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.stamp.fill(0);
    this.count = 0;
    for (const rule of this.tables.always) this.candidates[this.count++] = rule;
    for (const scan of this.tables.scans) {
      if (scan.slot === ANY_FIELD) this.scanEverything(view, scan);
      else this.scanField(view, scan);
    }
    return this.count;
  }

  /** PatternSink: literal `pattern` of the table being searched was found. */
  hit(pattern: number): void {
    const { starts, codes } = this.current;
    const end = starts[pattern + 1]!;
    for (let i = starts[pattern]!; i < end; i += 1) this.add(codes[i]!);
  }

  private add(code: number): void {
    const rule = code >> 1;
    const bit = 1 << (code & 1);
    if (this.stamp[rule] !== this.epoch) {
      this.stamp[rule] = this.epoch;
      this.bits[rule] = 0;
    }
    const before = this.bits[rule]!;
    if ((before & bit) !== 0) return;
    this.bits[rule] = before | bit;
    if ((before | bit) === this.tables.full[rule]) this.candidates[this.count++] = rule;
  }

  private scanField(view: EventView, scan: FieldScan): void {
    const raw = view.value(scan.slot);
    if (raw === undefined || raw === null) return;
    if (Array.isArray(raw)) {
      for (const element of raw as unknown[]) this.scanValue(element, undefined, scan);
      return;
    }
    const wantsLower = scan.equals !== undefined && typeof raw === 'string' && raw.length <= scan.equalsMax;
    this.scanValue(raw, wantsLower ? view.lower(scan.slot) : undefined, scan);
  }

  private scanValue(raw: unknown, lower: string | undefined, scan: FieldScan): void {
    const text = scalarText(raw);
    if (text === undefined) return;
    if (scan.equals !== undefined && text.length <= scan.equalsMax) {
      const index = scan.equals.get(lower ?? text.toLowerCase());
      if (index !== undefined) {
        this.current = scan.exact;
        this.hit(index);
      }
    }
    if (scan.prefixes) {
      this.current = scan.prefixes;
      scan.prefixes.finder.walk(text, this);
    }
    if (scan.suffixes) {
      this.current = scan.suffixes;
      scan.suffixes.finder.walk(text, this);
    }
    if (scan.contains && text.length >= scan.shortest) {
      this.current = scan.contains;
      scan.contains.finder.scan(text, this);
    }
  }

  /** Keywords: every string value of the event (numbers and booleans too when a literal could be in them). */
  private scanEverything(view: EventView, scan: FieldScan): void {
    const search = scan.contains;
    if (!search) return;
    const record = view.record;
    const shortest = scan.shortest;
    this.current = search;
    for (const key in record) {
      const raw = record[key];
      if (typeof raw === 'string') {
        if (raw.length >= shortest) search.finder.scan(raw, this);
      } else if (Array.isArray(raw) || (scan.scalars && (typeof raw === 'number' || typeof raw === 'boolean'))) {
        this.scanValue(raw, undefined, scan);
        this.current = search;
      }
    }
  }

  stats(): PrefilterStats {
    return tableStats(this.tables);
  }
}
