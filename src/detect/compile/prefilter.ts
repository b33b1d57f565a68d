/**
 * The literal prefilter of a rule group. Per field it holds a hash map of exact values, tries of prefixes and
 * suffixes, and one search (Wu-Manber or Aho-Corasick) over every substring literal the group's rules need.
 * Per event each field is looked at once; every literal found sets its clause's bit for the rules needing it,
 * and a rule becomes a candidate when all its clauses are set. Rules without a usable requirement are always
 * candidates. Nothing is allocated per event: bits and candidates live in preallocated arrays, reset by epoch.
 */
import { scalarText, type EventView } from '../fields/event-view.js';
import { AffixTrie } from './affix-trie.js';
import { AhoCorasick, type PatternSink } from './aho-corasick.js';
import { ANY_FIELD, type Need, type Requirement } from './requirement.js';
import { WuManber } from './wu-manber.js';

/** Finds literals in a text: Wu-Manber for long literals (it skips), Aho-Corasick otherwise. */
interface LiteralScanner {
  scan(text: string, sink: PatternSink): void;
  readonly bytes: number;
}

/** Shortest literal for which the skipping Wu-Manber search beats the automaton. */
const SKIP_SEARCH_MIN = 5;
/** Most literals that may end in the same two characters before Wu-Manber's verification gets too slow. */
const SKIP_SEARCH_CROWDING = 4;

function scannerFor(texts: readonly string[]): LiteralScanner {
  if (WuManber.shortest(texts) >= SKIP_SEARCH_MIN) {
    const skipping = WuManber.build(texts);
    if (skipping.crowding <= SKIP_SEARCH_CROWDING) return skipping;
  }
  return AhoCorasick.build(texts);
}

/** A literal finder and, per literal, the (rule, clause) codes that need it: `rule * 2 + clause`. */
interface Finder<T> {
  finder: T;
  codes: Int32Array[];
}

interface FieldScan {
  slot: number;
  equals: Map<string, Int32Array> | undefined;
  /** Longest exact value: longer texts are not lower-cased for the lookup. */
  equalsMax: number;
  prefixes: Finder<AffixTrie> | undefined;
  suffixes: Finder<AffixTrie> | undefined;
  contains: Finder<LiteralScanner> | undefined;
  /** Length of the shortest substring literal (shorter values cannot contain one). */
  shortest: number;
  /** Whether a substring literal could occur in the text of a number or boolean. */
  scalars: boolean;
}

type Builder = Record<Need['kind'], Map<string, number[]>>;

function codeLists(map: Map<string, number[]>): Int32Array[] {
  return [...map.values()].map((codes) => Int32Array.from(new Set(codes)));
}

function finder<T>(map: Map<string, number[]>, build: (texts: string[]) => T): Finder<T> | undefined {
  return map.size > 0 ? { finder: build([...map.keys()]), codes: codeLists(map) } : undefined;
}

/** Whether a (lower-case) literal could occur in the text of a number or a boolean. */
function inScalarText(literal: string): boolean {
  return /^[-+.0-9e]+$/.test(literal) || ['true', 'false', 'infinity', 'nan'].some((word) => word.includes(literal));
}

function fieldScan(slot: number, b: Builder): FieldScan {
  const exact = [...b.equals];
  return {
    slot,
    equals: exact.length > 0 ? new Map(exact.map(([k, v]) => [k, Int32Array.from(new Set(v))])) : undefined,
    equalsMax: exact.reduce((max, [k]) => Math.max(max, k.length), 0),
    prefixes: finder(b.prefix, (texts) => AffixTrie.build(texts, 'prefix')),
    suffixes: finder(b.suffix, (texts) => AffixTrie.build(texts, 'suffix')),
    contains: finder(b.contains, scannerFor),
    shortest: Math.min(...[...b.contains.keys()].map((k) => k.length)),
    scalars: [...b.contains.keys()].some(inScalarText),
  };
}

/** What the prefilter holds, for stats. */
export interface PrefilterStats {
  fields: number;
  literals: number;
  exactValues: number;
  alwaysEvaluated: number;
  bytes: number;
}

/**
 * @example
 * const pre = new Prefilter(requirements);
 * const n = pre.collect(view); // candidates in pre.candidates[0..n)
 */
export class Prefilter implements PatternSink {
  readonly candidates: Int32Array;
  private readonly always: Int32Array;
  private readonly full: Uint8Array;
  private readonly scans: FieldScan[];
  private readonly stamp: Uint32Array;
  private readonly bits: Uint8Array;
  private epoch = 0;
  private count = 0;
  private current: Int32Array[] = [];

  constructor(requirements: readonly Requirement[]) {
    const bySlot = new Map<number, Builder>();
    const always: number[] = [];
    this.full = new Uint8Array(requirements.length);
    requirements.forEach((req, rule) => {
      if (req === undefined || req.length === 0) return void always.push(rule);
      this.full[rule] = (1 << req.length) - 1;
      req.forEach((clause, index) => {
        for (const need of clause) {
          let b = bySlot.get(need.slot);
          if (!b) bySlot.set(need.slot, (b = { equals: new Map(), prefix: new Map(), suffix: new Map(), contains: new Map() }));
          const map = b[need.kind];
          map.set(need.text, [...(map.get(need.text) ?? []), rule * 2 + index]);
        }
      });
    });
    this.always = Int32Array.from(always);
    this.scans = [...bySlot].map(([slot, b]) => fieldScan(slot, b));
    this.stamp = new Uint32Array(requirements.length);
    this.bits = new Uint8Array(requirements.length);
    this.candidates = new Int32Array(requirements.length);
  }

  /** Collects the candidate rules for the event in the view; returns how many there are. */
  collect(view: EventView): number {
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.stamp.fill(0);
    this.count = 0;
    for (const rule of this.always) this.candidates[this.count++] = rule;
    for (const scan of this.scans) {
      if (scan.slot === ANY_FIELD) this.scanEverything(view, scan);
      else this.scanField(view, scan);
    }
    return this.count;
  }

  /** PatternSink: a literal of the field being scanned was found. */
  hit(pattern: number): void {
    for (const code of this.current[pattern]!) this.add(code);
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
    if ((before | bit) === this.full[rule]) this.candidates[this.count++] = rule;
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
    if (scan.equals && text.length <= scan.equalsMax) {
      const codes = scan.equals.get(lower ?? text.toLowerCase());
      if (codes) for (const code of codes) this.add(code);
    }
    if (scan.prefixes) {
      this.current = scan.prefixes.codes;
      scan.prefixes.finder.walk(text, this);
    }
    if (scan.suffixes) {
      this.current = scan.suffixes.codes;
      scan.suffixes.finder.walk(text, this);
    }
    if (scan.contains) {
      this.current = scan.contains.codes;
      scan.contains.finder.scan(text, this);
    }
  }

  /** Keywords: every string value of the event (numbers and booleans too when a literal could be in them). */
  private scanEverything(view: EventView, scan: FieldScan): void {
    const search = scan.contains;
    if (!search) return;
    const record = view.record;
    const shortest = scan.shortest;
    this.current = search.codes;
    for (const key in record) {
      const raw = record[key];
      if (typeof raw === 'string') {
        if (raw.length >= shortest) search.finder.scan(raw, this);
      } else if (Array.isArray(raw) || (scan.scalars && (typeof raw === 'number' || typeof raw === 'boolean'))) {
        this.scanValue(raw, undefined, scan);
        this.current = search.codes;
      }
    }
  }

  stats(): PrefilterStats {
    let literals = 0;
    let exactValues = 0;
    let bytes = this.stamp.byteLength + this.bits.byteLength * 2 + this.candidates.byteLength + this.always.byteLength;
    for (const scan of this.scans) {
      exactValues += scan.equals?.size ?? 0;
      for (const [text, codes] of scan.equals ?? []) bytes += text.length * 2 + codes.byteLength + 32;
      for (const f of [scan.prefixes, scan.suffixes, scan.contains]) {
        if (!f) continue;
        literals += f.codes.length;
        bytes += f.finder.bytes + f.codes.reduce((n, c) => n + c.byteLength + 16, 0);
      }
    }
    return { fields: this.scans.length, literals, exactValues, alwaysEvaluated: this.always.length, bytes };
  }
}
